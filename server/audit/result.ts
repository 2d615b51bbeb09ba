// The audit result: one object, the same for the CLI's JSON, the store, the web pages and the
// PDF reports. Described by schemas/audit-result.schema.json.
import type { Finding } from '../../checks/finding.js';
import type { SheetKey } from '../../checks/facts.js';
import type { RulebookStatus } from '../../checks/rulebook.js';
import type { Bilingual, Status } from '../../checks/types.js';
import type { Problem } from '../workbook/problems.js';

export interface RulebookSummary {
  id: string;
  version: string;
  status: RulebookStatus;
  title: Bilingual;
}

export type StatusCounts = Record<Status, number>;

export interface AuditResult {
  tool: { name: string; version: string };
  /** Where no jurisdiction names its own date: the caller's, else the latest in the workbook, else today. */
  asOf: string;
  /** The date each jurisdiction was judged on (absent in audits stored before dates per jurisdiction). */
  asOfByJurisdiction?: Record<string, string>;
  valid: boolean;
  workbook: { file: string; sha256: string; rows: Partial<Record<SheetKey, number>> };
  rulebooks: RulebookSummary[];
  summary: StatusCounts;
  findings: Finding[];
  errors: Problem[];
  warnings: Problem[];
}

export function countStatuses(findings: readonly Finding[]): StatusCounts {
  const counts: StatusCounts = { pass: 0, warn: 0, fail: 0, not_applicable: 0, insufficient_data: 0 };
  for (const finding of findings) counts[finding.status] += 1;
  return counts;
}
