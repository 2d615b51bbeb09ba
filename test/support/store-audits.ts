// Audits to store in store tests: county-like facts evaluated under the real rulebooks.
import { createHash } from 'node:crypto';
import { evaluateWorkbook } from '../../checks/engine.js';
import type { WorkbookFacts } from '../../checks/facts.js';
import { defaultRulebooks } from '../../checks/rulebook.js';
import { countStatuses, type AuditResult } from '../../server/audit/result.js';
import type { NewAudit } from '../../server/store/types.js';
import { workbookIdentity } from '../../server/audit/check-input.js';
import { facility, region, staff, workbookFacts } from './facts.js';

/** `n` facilities with four staff each, and one region row. */
export function countyFacts(n: number): WorkbookFacts {
  const facilities = Array.from({ length: n }, (_, i) =>
    facility({ facility_id: `F${i}`, name: `第${i}养老院`, jurisdiction: 'tongxiang', total_beds: 50 + (i % 150), star_rating: i % 6 }),
  );
  const members = facilities.flatMap((f, i) =>
    Array.from({ length: 4 }, (_, j) => staff({ staff_id: `${f.facility_id}-S${j}`, facility_id: f.facility_id, role: j === 0 && i % 2 ? 'social_worker' : 'caregiver', caregiver_level: 'senior' })),
  );
  return workbookFacts({ facilities, staff: members, regions: [region({ jurisdiction: 'tongxiang', elderly_population: 100_000 })] });
}

export function auditOf(facts: WorkbookFacts, bytes: Buffer, fileName = 'county.xlsx'): NewAudit {
  const findings = evaluateWorkbook(facts, defaultRulebooks(), { asOf: '2025-12-31' });
  const result: AuditResult = {
    tool: { name: 'eldercare-audit', version: 'test' },
    asOf: '2025-12-31',
    valid: true,
    workbook: { file: fileName, sha256: createHash('sha256').update(bytes).digest('hex'), rows: { facilities: facts.facilities.length, staff: facts.staff.length, region: facts.regions.length } },
    rulebooks: [{ id: 'tongxiang', version: defaultRulebooks().find((b) => b.id === 'tongxiang')!.version, status: 'in_force', title: { zh: '桐乡', en: 'Tongxiang' } }],
    summary: countStatuses(findings),
    findings,
    errors: [],
    warnings: [],
  };
  return { bytes, fileName, uploadedBy: 'test', rulebookSelection: null, result, facts, rulebooks: defaultRulebooks() };
}

/** An audit that read several files, as the check reports them (server/audit/check-input.ts workbookIdentity). */
export function auditOfFiles(facts: WorkbookFacts, files: { name: string; bytes: Buffer }[]): NewAudit {
  const identity = workbookIdentity(files);
  const audit = auditOf(facts, files[0]!.bytes, identity.file);
  return { ...audit, files, result: { ...audit.result, workbook: { ...identity, rows: audit.result.workbook.rows } } };
}
