// Two audits compared finding by finding (the same facility or jurisdiction at two dates, or an
// audit and its re-run). A finding is matched by rule and subject. Anything but `fail` that is
// now `fail` is a new failure; `fail` that is now anything else is resolved; `fail` twice is
// still failing; every other pair whose status or figures moved is changed.
import type { Finding } from '../../checks/finding.js';
import type { AuditResult } from '../audit/result.js';
import { noteFor, type WaiverNote, type WaiversOn } from '../rectify/waivers.js';

export interface DiffEntry {
  rule: string;
  subject: Finding['subject'];
  /** The finding in the first audit, or null when the first audit has none for this pair. */
  before: Finding | null;
  /** The finding in the second audit, or null when the second audit has none for this pair. */
  after: Finding | null;
  /** The waiver of this rule and subject beside the latest finding (null: none), judged on the comparison's day. */
  waiver: WaiverNote | null;
}

export interface AuditDiff {
  resolved: DiffEntry[];
  newFailures: DiffEntry[];
  stillFailing: DiffEntry[];
  changed: DiffEntry[];
}

// A subject is its kind, jurisdiction and id: another county's `TX-002` is another facility.
const pairKey = (f: Finding) => `${f.rule}\u0000${f.subject.kind}\u0000${f.subject.jurisdiction}\u0000${f.subject.id}`;

function sameFigures(a: Finding, b: Finding): boolean {
  return (
    a.status === b.status &&
    a.measured === b.measured &&
    a.required === b.required &&
    a.shortfall === b.shortfall &&
    String(a.measuredRange) === String(b.measuredRange)
  );
}

/** Findings of one facility only, when `facility` is given. */
function scoped(findings: readonly Finding[], facility: string | undefined): Finding[] {
  return facility === undefined ? [...findings] : findings.filter((f) => f.subject.kind === 'facility' && f.subject.id === facility);
}

export function diffAudits(first: AuditResult, second: AuditResult, options: { facility?: string; waivers?: WaiversOn } = {}): AuditDiff {
  const before = new Map(scoped(first.findings, options.facility).map((f) => [pairKey(f), f]));
  const after = new Map(scoped(second.findings, options.facility).map((f) => [pairKey(f), f]));
  const diff: AuditDiff = { resolved: [], newFailures: [], stillFailing: [], changed: [] };
  // The second audit's order first (what the reader acts on now), then pairs it no longer has.
  const keys = [...after.keys(), ...[...before.keys()].filter((key) => !after.has(key))];
  for (const key of keys) {
    const a = before.get(key) ?? null;
    const b = after.get(key) ?? null;
    const any = (b ?? a)!;
    const entry: DiffEntry = { rule: any.rule, subject: any.subject, before: a, after: b, waiver: noteFor(b ?? a, options.waivers) };
    const wasFail = a?.status === 'fail';
    const isFail = b?.status === 'fail';
    if (wasFail && isFail) diff.stillFailing.push(entry);
    else if (isFail) diff.newFailures.push(entry);
    else if (wasFail && b) diff.resolved.push(entry);
    else if (!a || !b || !sameFigures(a, b)) diff.changed.push(entry);
  }
  return diff;
}

/** How many of these entries now fail under a valid waiver: counted apart, never taken out. */
export function waivedFailures(entries: readonly DiffEntry[]): number {
  return entries.filter((e) => e.after?.status === 'fail' && e.waiver?.state === 'valid').length;
}
