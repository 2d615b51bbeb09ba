// An audit's large tables (facts, staff rosters, findings) as binary COPY data for PostgreSQL
// (copy-binary.ts, sent by copy-in.ts): ≈45,000 rows of a county audit that an INSERT … SELECT
// from a JSON text or unnest() arrays made the server parse again, row by row, after the client
// had escaped them. Each generator makes its rows as the COPY asks for the next chunk.
import type { WorkbookFacts } from '../../checks/facts.js';
import { copyChunks, CopyWriter, type CopyType } from './copy-binary.js';
import { eachRoster } from './rosters.js';
import { eachFactRow, OWN_COLUMNS, SOURCE_COLUMNS, type FindingValues } from './rows.js';

export const COPY_FACTS = 'COPY facts (audit_id, sheet, position, subject_id, facility_id, jurisdiction, data) FROM STDIN (FORMAT binary)';

export const COPY_ROSTERS = 'COPY staff_rosters (audit_id, facility_id, staff_count, data) FROM STDIN (FORMAT binary)';

/** Findings as `rows.ts` gives them: (audit_id, position), OWN_COLUMNS, source, then their own source columns left empty. */
export const COPY_FINDINGS = `COPY findings (audit_id, position, ${OWN_COLUMNS.join(', ')}, source, ${SOURCE_COLUMNS.join(', ')}) FROM STDIN (FORMAT binary)`;

/** The PostgreSQL type of each column a finding keeps in its own row. */
const OWN_TYPES: Record<(typeof OWN_COLUMNS)[number], CopyType> = {
  rule: 'text', subject_kind: 'text', subject_id: 'text', subject_name: 'text', jurisdiction: 'text', status: 'text',
  measured: 'float8', required: 'float8', unit: 'text', shortfall: 'float8', due: 'text', basis_included: 'int4',
  basis_excluded: 'int4', missing: 'text', message_zh: 'text', message_en: 'text',
};

/** The types of FindingValues in order: position, OWN_COLUMNS, source. */
const FINDING_TYPES: readonly CopyType[] = ['int4', ...OWN_COLUMNS.map((column) => OWN_TYPES[column]), 'int4'];

/** A finding's own copies of its source's columns, the same in every row: '' (NOT NULL before 006), and `reading` NULL. */
const EMPTY_SOURCE_FIELDS = (() => {
  const writer = new CopyWriter();
  writer.take(); // the data's header
  for (const column of SOURCE_COLUMNS) {
    if (column === 'reading') writer.null();
    else writer.text('');
  }
  return writer.take();
})();

export function factChunks(auditId: string, facts: WorkbookFacts): Generator<Buffer> {
  return copyChunks(eachFactRow(facts), (writer, fact) => {
    writer.row(7);
    writer.text(auditId);
    writer.text(fact.sheet);
    writer.int4(fact.position);
    writer.text(fact.subject_id);
    writer.text(fact.facility_id);
    writer.text(fact.jurisdiction);
    writer.text(fact.data);
  });
}

export function rosterChunks(auditId: string, staff: WorkbookFacts['staff']): Generator<Buffer> {
  return copyChunks(eachRoster(staff), (writer, roster) => {
    writer.row(4);
    writer.text(auditId);
    writer.text(roster.facilityId);
    writer.int4(roster.staffCount);
    writer.text(roster.data);
  });
}

export function findingChunks(auditId: string, rows: readonly FindingValues[]): Generator<Buffer> {
  const fields = 1 + FINDING_TYPES.length + SOURCE_COLUMNS.length;
  return copyChunks(rows, (writer, values) => {
    writer.row(fields);
    writer.text(auditId);
    for (let i = 0; i < FINDING_TYPES.length; i += 1) writer.value(FINDING_TYPES[i]!, values[i] ?? null);
    writer.raw(EMPTY_SOURCE_FIELDS);
  });
}
