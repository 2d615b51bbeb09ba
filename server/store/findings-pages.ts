// Paged reads of an audit's findings, for the reports of a county-scale audit: a PDF draws its
// 19,000 findings a page of rows at a time, so its memory stays flat however large the audit.
// The SQL is the same for both engines but for its placeholders (`?` or `$n`).
import type { Finding } from '../../checks/finding.js';
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

/**
 * The page's SELECT and its parameters; `placeholder(i)` writes the i-th (1-based) parameter in the engine's style.
 * SQLite reads DOUBLE PRECISION as REAL.
 */
export function findingsPageSql(auditId: string, query: FindingsPageQuery, placeholder: (index: number) => string): { sql: string; params: (string | number)[] } {
  const params: (string | number)[] = [];
  const p = (value: string | number) => {
    params.push(value);
    return placeholder(params.length);
  };
  const audit = `audit_id = ${p(auditId)}`;
  const scope = query.scope
    ? ` AND subject_kind = 'facility' AND subject_id = ${p(query.scope.facility)}` + (query.scope.jurisdiction === undefined ? '' : ` AND jurisdiction = ${p(query.scope.jurisdiction)}`)
    : '';
  const sql =
    query.order === 'stored'
      ? `SELECT * FROM finding_rows WHERE ${audit}${scope} AND position > ${p(query.after)} ORDER BY position LIMIT ${p(query.limit)}`
      : `SELECT * FROM finding_rows WHERE ${audit}${scope} AND status IN ('fail', 'warn')
           ORDER BY CASE status WHEN 'fail' THEN 0 ELSE 1 END, ${RELATIVE_SHORTFALL} DESC, position
           LIMIT ${p(query.limit)} OFFSET ${p(query.after)}`;
  return { sql, params };
}
