// Paged reads of an audit's findings, for the reports of a county-scale audit: a PDF draws its
// 19,000 findings a page of rows at a time, so its memory stays flat however large the audit.
// The SQL is the same for both engines but for its placeholders (`?` or `$n`).
import type { Finding } from '../../checks/finding.js';
import { SOURCE_COLUMNS, type FindingRow, type SourceRow } from './rows.js';
import type { AuditScope } from './types.js';

export interface FindingsPageQuery {
  /**
   * `stored`: in stored order, the findings after position `after` (-1 for the first page).
   * `issues`: the failures and warnings, most serious first, then the largest shortfall relative
   * to its requirement, then in stored order (the PDF's list of issues); `after` is how many of
   * them to skip.
   */
  order: 'stored' | 'issues';
  after: number;
  limit: number;
  /** Only this facility's findings (with `jurisdiction`, of that jurisdiction). */
  scope?: AuditScope;
}

export interface PositionedFinding {
  position: number;
  finding: Finding;
}

/**
 * The relative shortfall as the report computes it (0 without a shortfall or a requirement), in
 * floating point in both engines so that ties fall exactly where JavaScript's division puts them.
 */
const RELATIVE_SHORTFALL = `CASE WHEN shortfall IS NULL OR required IS NULL OR required = 0 THEN 0.0
  ELSE CAST(shortfall AS DOUBLE PRECISION) / CAST(required AS DOUBLE PRECISION) END`;

/** Most serious first, then the largest relative shortfall, then stored order. */
const ISSUE_ORDER = `CASE status WHEN 'fail' THEN 0 ELSE 1 END, ${RELATIVE_SHORTFALL} DESC, position`;

/** The audit's sources (migration 006), for `pageRow`: some 64 rows, read again for each page. */
export function pageSourcesSql(placeholder: (index: number) => string): string {
  return `SELECT * FROM finding_sources WHERE audit_id = ${placeholder(1)}`;
}

/** A row of `findings` as the view reads it: a finding that names its source (`source`) takes that source's columns. */
export function pageRow<Row extends FindingRow>(row: Row & { source: number | null }, sources: ReadonlyMap<number, SourceRow>): Row {
  if (row.source === null) return row;
  const source = sources.get(row.source)!;
  for (const column of SOURCE_COLUMNS) (row[column] as FindingRow[typeof column]) = source[column];
  return row;
}

/**
 * The page's SELECT and its parameters: rows of `findings` itself, not of the view `finding_rows`,
 * since the view copies a source's text into each of its findings' rows (a county's PDF: 64 sources
 * made into 19,000 rows' strings, ~0.3 s per pass); `pageRow` takes them from the audit's sources.
 * `placeholder(i)` writes the i-th (1-based) parameter in the engine's style.
 * SQLite reads DOUBLE PRECISION as REAL.
 */
export function findingsPageSql(auditId: string, query: FindingsPageQuery, placeholder: (index: number) => string): { sql: string; params: (string | number)[] } {
  const params: (string | number)[] = [];
  const p = (value: string | number) => {
    params.push(value);
    return placeholder(params.length);
  };
  const audit = () => `audit_id = ${p(auditId)}`;
  const scope = () =>
    query.scope
      ? ` AND subject_kind = 'facility' AND subject_id = ${p(query.scope.facility)}` + (query.scope.jurisdiction === undefined ? '' : ` AND jurisdiction = ${p(query.scope.jurisdiction)}`)
      : '';
  const sql =
    query.order === 'stored'
      ? `SELECT * FROM findings WHERE ${audit()}${scope()} AND position > ${p(query.after)} ORDER BY position LIMIT ${p(query.limit)}`
      : // The page's positions are chosen from the narrow columns of `findings` alone: sorting
        // whole rows for every page cost a county's PDF ~0.5 s per pass; only the page's own rows
        // are then read whole, and re-sorted.
        `SELECT * FROM findings WHERE ${audit()} AND position IN (
           SELECT position FROM findings WHERE ${audit()}${scope()} AND status IN ('fail', 'warn')
           ORDER BY ${ISSUE_ORDER} LIMIT ${p(query.limit)} OFFSET ${p(query.after)})
         ORDER BY ${ISSUE_ORDER}`;
  return { sql, params };
}
