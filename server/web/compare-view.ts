// What the comparison pages show beside the compare core's data: the diff's sections in the
// order a reviewer acts on them, the counts above side by side and across rulebooks, and the
// facilities a form offers.
import type { Finding } from '../../checks/finding.js';
import type { Lang } from '../../checks/format.js';
import type { Status } from '../../checks/types.js';
import type { AcrossRow, AcrossRulebooks } from '../compare/across-rulebooks.js';
import { waivedFailures, type AuditDiff } from '../compare/diff.js';
import type { SideBySide } from '../compare/side-by-side.js';
import type { AuditResult } from '../audit/result.js';
import { countStatuses, type StatusCounts } from '../audit/result.js';
import { filterOptions } from './audit-view.js';

/** The diff's sections, new failures first (as the exports' tables), each with its colour. */
export const DIFF_SECTIONS: readonly { key: keyof AuditDiff; status: Status }[] = [
  { key: 'newFailures', status: 'fail' },
  { key: 'stillFailing', status: 'warn' },
  { key: 'resolved', status: 'pass' },
  { key: 'changed', status: 'not_applicable' },
];

/** Each section's failures under a valid waiver, shown as `3（其中豁免 1）` above the diff. */
export function diffWaived(diff: AuditDiff): Record<keyof AuditDiff, number> {
  return { newFailures: waivedFailures(diff.newFailures), stillFailing: waivedFailures(diff.stillFailing), resolved: 0, changed: 0 };
}

export function sideBySideCounts(view: SideBySide): { total: number; differ: number } {
  return { total: view.rows.length, differ: view.rows.filter((row) => !row.same).length };
}

/** A side's counts by status, the rules it lacks, and its failures under a valid waiver (counted apart). */
export type SideCounts = StatusCounts & { absent: number; waived: number };

function sideCounts(rows: readonly AcrossRow[], side: 'audited' | 'other'): SideCounts {
  const present = rows.map((row) => row[side]).filter((cell): cell is Finding => cell !== null);
  const waived = rows.filter((row) => row[side]?.status === 'fail' && row.waiver?.state === 'valid').length;
  return { ...countStatuses(present), absent: rows.length - present.length, waived };
}

export function acrossCounts(view: AcrossRulebooks): { audited: SideCounts; other: SideCounts } {
  return { audited: sideCounts(view.rows, 'audited'), other: sideCounts(view.rows, 'other') };
}

/** The facilities of one or more audits, each once, by id. */
export function facilitiesOfAudits(results: readonly AuditResult[], lang: Lang): { id: string; name: string }[] {
  return filterOptions(
    results.flatMap((result) => result.findings),
    lang,
  ).facilities;
}

/** The heat map's mark per status (the status word is beside it for screen readers and tests). */
export const HEAT_MARKS: Record<Status, string> = { fail: '✗', warn: '!', insufficient_data: '?', pass: '✓', not_applicable: '–' };
