// The mapping between the store's objects and table rows, shared by both engines (SQLite and
// PostgreSQL have the same tables and columns), so that an audit reads back identically from
// either.
import { randomBytes } from 'node:crypto';
import { SHEET_KEYS, type SheetKey, type WorkbookFacts } from '../../checks/facts.js';
import type { Finding } from '../../checks/finding.js';
import type { AuditResult, StatusCounts } from '../audit/result.js';
import { decodeRoster } from './rosters.js';
import { workbookSha256 } from './originals-rows.js';
import type { AuditListItem, NewAudit, StoredAudit } from './types.js';

export const FACT_KEYS: Record<SheetKey, { id: string; list: keyof Omit<WorkbookFacts, 'sheets'> }> = {
  facilities: { id: 'facility_id', list: 'facilities' },
  staff: { id: 'staff_id', list: 'staff' },
  residential_areas: { id: 'area_id', list: 'areas' },
  sites: { id: 'site_id', list: 'sites' },
  region: { id: 'jurisdiction', list: 'regions' },
};

export interface AuditRow extends StatusCounts {
  id: string;
  file_name: string;
  uploaded_by: string;
  created_at: string;
  as_of: string;
  rulebook_selection: string | null;
  tool_name: string;
  tool_version: string;
  rerun_of: string | null;
  row_counts: string;
  warnings: string;
  sha256: string;
  /** Set for an audit of several files (migration 005), whose `sha256` is then this one. */
  workbook_sha256?: string | null;
}

export interface RulebookRow {
  rulebook: string;
  version: string;
  status: string;
  title_zh: string;
  title_en: string;
}

export interface FindingRow {
  rule: string;
  rulebook: string;
  title_zh: string;
  title_en: string;
  subject_kind: Finding['subject']['kind'];
  subject_id: string;
  subject_name: string;
  jurisdiction: string;
  status: Finding['status'];
  measured: number | null;
  required: number | null;
  unit: Finding['unit'];
  shortfall: number | null;
  due: string | null;
  basis_included: number | null;
  basis_excluded: number | null;
  missing: string;
  seed: string;
  clause: string;
  quote: string;
  reading: string | null;
  message_zh: string;
  message_en: string;
}

/** The columns of `findings` after (audit_id, position), in insert order. */
export const FINDING_COLUMNS = [
  'rule', 'rulebook', 'title_zh', 'title_en', 'subject_kind', 'subject_id', 'subject_name', 'jurisdiction', 'status',
  'measured', 'required', 'unit', 'shortfall', 'due', 'basis_included', 'basis_excluded', 'missing', 'seed', 'clause',
  'quote', 'reading', 'message_zh', 'message_en',
] as const satisfies readonly (keyof FindingRow)[];

/**
 * What a finding quotes of its rule: the same for every finding of a rule in a rulebook. From
 * migration 006 each distinct source is stored once per audit (`finding_sources`) and named by
 * its findings, whose own copies of these columns stay empty; the view `finding_rows` reads both
 * kinds of finding as `findings` always read.
 */
export const SOURCE_COLUMNS = ['rulebook', 'title_zh', 'title_en', 'seed', 'clause', 'quote', 'reading'] as const satisfies readonly (keyof FindingRow)[];

type SourceColumn = (typeof SOURCE_COLUMNS)[number];

/** The columns a finding keeps in its own row from 006 on, after (audit_id, position) and before its `source`. */
export const OWN_COLUMNS = FINDING_COLUMNS.filter((column): column is Exclude<(typeof FINDING_COLUMNS)[number], SourceColumn> =>
  !(SOURCE_COLUMNS as readonly string[]).includes(column),
);

/** The INSERT of findings up to its values: (audit_id, position), OWN_COLUMNS, source, then SOURCE_COLUMNS left EMPTY_SOURCE. */
export const INSERT_FINDINGS_INTO = `INSERT INTO findings (audit_id, position, ${OWN_COLUMNS.join(', ')}, source, ${SOURCE_COLUMNS.join(', ')})`;

/** The values of a finding's own copies of its source's columns (NOT NULL before 006, so empty rather than null). */
export const EMPTY_SOURCE = SOURCE_COLUMNS.map((column) => (column === 'reading' ? 'NULL' : "''")).join(', ');

export type SourceRow = Pick<FindingRow, SourceColumn> & { id: number };

/** One finding's values in its own row: its position, OWN_COLUMNS in order, then its source's id. */
export type FindingValues = [position: number, ...own: FindingRow[(typeof OWN_COLUMNS)[number]][], source: number];

/** An audit's findings as stored from 006: each distinct source once (ids from 0), and each finding's own values. */
export function findingsToStore(findings: readonly Finding[]): { sources: SourceRow[]; rows: FindingValues[] } {
  const sources: SourceRow[] = [];
  const rows = [...eachFindingToStore(findings, sources)];
  return { sources, rows };
}

/**
 * findingsToStore one finding at a time, each made when it is asked for (SQLite inserts it before
 * the next is made, so it dies young); each new source is added to `sources` before the first
 * finding that names it is given.
 */
export function* eachFindingToStore(findings: readonly Finding[], sources: SourceRow[]): Generator<FindingValues> {
  // A rule's findings share one source unless the audit applied several rulebooks' versions of it.
  const byRule = new Map<string, SourceRow[]>();
  // Plain loops: this runs once per finding of a county audit (19,000), where closures cost.
  for (let position = 0; position < findings.length; position++) {
    const row = findingRow(findings[position]!);
    let candidates = byRule.get(row.rule);
    if (!candidates) byRule.set(row.rule, (candidates = []));
    let source: SourceRow | undefined;
    for (const known of candidates) if (sameSource(known, row)) source = known;
    if (!source) {
      source = { id: sources.length, rulebook: row.rulebook, title_zh: row.title_zh, title_en: row.title_en, seed: row.seed, clause: row.clause, quote: row.quote, reading: row.reading };
      sources.push(source);
      candidates.push(source);
    }
    const values = [position] as unknown as FindingValues;
    for (const column of OWN_COLUMNS) values.push(row[column]);
    values.push(source.id);
    yield values;
  }
}

function sameSource(source: SourceRow, row: FindingRow): boolean {
  for (const column of SOURCE_COLUMNS) if (source[column] !== row[column]) return false;
  return true;
}

/** What newAuditId makes: a facility id may hold `:`, an audit id never does. */
export const AUDIT_ID = /^\d{8}-\d{6}-[0-9a-f]{8}$/;

/** Readable, sortable and unguessable: `20251231-093015-a1b2c3d4`. */
export function newAuditId(now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${randomBytes(4).toString('hex')}`;
}

/**
 * The `missing` column holds the missing fields as a JSON array, or, where blanks widened the
 * finding, an object that adds `measuredRange` and `blanks` (no migration: older rows, always
 * arrays, read as before).
 */
function missingColumn(f: Finding): string {
  if (f.measuredRange === undefined && f.blanks === undefined) return JSON.stringify(f.missing);
  return JSON.stringify({ missing: f.missing, measuredRange: f.measuredRange, blanks: f.blanks });
}

function fromMissingColumn(text: string): Pick<Finding, 'missing' | 'measuredRange' | 'blanks'> {
  const value = JSON.parse(text) as string[] | Pick<Finding, 'missing' | 'measuredRange' | 'blanks'>;
  if (Array.isArray(value)) return { missing: value };
  return {
    missing: value.missing,
    ...(value.measuredRange ? { measuredRange: value.measuredRange } : {}),
    ...(value.blanks ? { blanks: value.blanks } : {}),
  };
}

export function findingRow(f: Finding): FindingRow {
  return {
    rule: f.rule,
    rulebook: f.rulebook,
    title_zh: f.title.zh,
    title_en: f.title.en,
    subject_kind: f.subject.kind,
    subject_id: f.subject.id,
    subject_name: f.subject.name,
    jurisdiction: f.subject.jurisdiction,
    status: f.status,
    measured: f.measured,
    required: f.required,
    unit: f.unit,
    shortfall: f.shortfall,
    due: f.due,
    basis_included: f.basis?.included ?? null,
    basis_excluded: f.basis?.excluded ?? null,
    missing: missingColumn(f),
    seed: f.source.seed,
    clause: f.source.clause,
    quote: f.source.quote,
    reading: f.source.reading ? JSON.stringify(f.source.reading) : null,
    message_zh: f.message.zh,
    message_en: f.message.en,
  };
}

export function findingFromRow(row: FindingRow): Finding {
  return {
    rule: row.rule,
    rulebook: row.rulebook,
    title: { zh: row.title_zh, en: row.title_en },
    subject: { kind: row.subject_kind, id: row.subject_id, name: row.subject_name, jurisdiction: row.jurisdiction },
    status: row.status,
    measured: row.measured,
    required: row.required,
    unit: row.unit,
    shortfall: row.shortfall,
    due: row.due,
    basis: row.basis_included === null ? null : { included: row.basis_included, excluded: row.basis_excluded ?? 0 },
    ...fromMissingColumn(row.missing),
    source: {
      seed: row.seed,
      clause: row.clause,
      quote: row.quote,
      ...(row.reading ? { reading: JSON.parse(row.reading) as { zh: string; en: string } } : {}),
    },
    message: { zh: row.message_zh, en: row.message_en },
  };
}

/** The `audits` row of a new audit (without its upload id). */
export function auditRow(audit: NewAudit, auditId: string, createdAt: string) {
  const { result } = audit;
  return {
    id: auditId,
    file_name: audit.fileName,
    uploaded_by: audit.uploadedBy,
    created_at: createdAt,
    as_of: result.asOf,
    rulebook_selection: audit.rulebookSelection,
    tool_name: result.tool.name,
    tool_version: result.tool.version,
    rerun_of: audit.rerunOf ?? null,
    ...result.summary,
    // The dates per jurisdiction ride with the row counts (JSON; older rows have none).
    row_counts: JSON.stringify(result.asOfByJurisdiction ? { ...result.workbook.rows, asOfByJurisdiction: result.asOfByJurisdiction } : result.workbook.rows),
    warnings: JSON.stringify(result.warnings),
    workbook_sha256: workbookSha256(audit),
  };
}

export interface FactRow {
  sheet: SheetKey;
  position: number;
  subject_id: string;
  facility_id: string | null;
  jurisdiction: string | null;
  data: string;
}

/**
 * The rows of `facts` (every sheet but staff, which is stored as rosters) one at a time, each made
 * when it is asked for: SQLite inserts it, and PostgreSQL's COPY writes it, before the next is
 * made, so it dies young.
 */
export function* eachFactRow(facts: WorkbookFacts): Generator<FactRow> {
  for (const sheet of SHEET_KEYS) {
    if (sheet === 'staff') continue;
    const { id, list } = FACT_KEYS[sheet];
    const rows = facts[list] as unknown as Record<string, unknown>[];
    for (let position = 0; position < rows.length; position++) {
      const fact = rows[position]!;
      yield {
        sheet,
        position,
        subject_id: String(fact[id]),
        facility_id: typeof fact['facility_id'] === 'string' ? fact['facility_id'] : null,
        jurisdiction: typeof fact['jurisdiction'] === 'string' ? fact['jurisdiction'] : null,
        data: JSON.stringify(fact),
      };
    }
  }
}

function summaryOf(row: StatusCounts): StatusCounts {
  return { pass: row.pass, warn: row.warn, fail: row.fail, not_applicable: row.not_applicable, insufficient_data: row.insufficient_data };
}

/** The audit as stored; `files` are given for an audit of several files, and listed as the check listed them. */
export function storedAudit(row: AuditRow, books: readonly RulebookRow[], findings: Finding[], files?: AuditResult['workbook']['files']): StoredAudit {
  const { asOfByJurisdiction, ...rows } = JSON.parse(row.row_counts) as AuditResult['workbook']['rows'] & {
    asOfByJurisdiction?: Record<string, string>;
  };
  const result: AuditResult = {
    tool: { name: row.tool_name, version: row.tool_version },
    asOf: row.as_of,
    ...(asOfByJurisdiction ? { asOfByJurisdiction } : {}),
    valid: true,
    workbook: { file: row.file_name, sha256: row.workbook_sha256 ?? row.sha256, ...(files && files.length > 1 ? { files } : {}), rows },
    rulebooks: books.map((b) => ({
      id: b.rulebook,
      version: b.version,
      status: b.status as AuditResult['rulebooks'][number]['status'],
      title: { zh: b.title_zh, en: b.title_en },
    })),
    summary: summaryOf(row),
    findings,
    errors: [],
    warnings: JSON.parse(row.warnings) as AuditResult['warnings'],
  };
  return { auditId: row.id, createdAt: row.created_at, uploadedBy: row.uploaded_by, rulebookSelection: row.rulebook_selection, rerunOf: row.rerun_of, result };
}

export function listItem(row: AuditRow & { books: string | null }): AuditListItem {
  return {
    auditId: row.id,
    createdAt: row.created_at,
    asOf: row.as_of,
    fileName: row.file_name,
    uploadedBy: row.uploaded_by,
    sha256: row.workbook_sha256 ?? row.sha256,
    rulebooks: row.books ? row.books.split(',') : [],
    rerunOf: row.rerun_of,
    summary: summaryOf(row),
  };
}

/** The facts of an audit from its `facts` rows (in sheet and position order) and its rosters. */
export function assembleFacts(rowCounts: string, facts: Iterable<{ sheet: SheetKey; data: string }>, rosters: Iterable<{ data: string }>): WorkbookFacts {
  const present = JSON.parse(rowCounts) as Partial<Record<SheetKey, number>>;
  const assembled: WorkbookFacts = {
    sheets: Object.fromEntries(SHEET_KEYS.map((key) => [key, present[key] !== undefined])) as Record<SheetKey, boolean>,
    facilities: [],
    staff: [],
    areas: [],
    sites: [],
    regions: [],
  };
  for (const fact of facts) (assembled[FACT_KEYS[fact.sheet].list] as unknown[]).push(JSON.parse(fact.data));
  const staff = [...rosters].flatMap((roster) => decodeRoster(roster.data));
  assembled.staff = staff.sort((a, b) => a.position - b.position).map(({ member }) => member);
  return assembled;
}
