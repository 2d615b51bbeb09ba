// Waivers (暂缓/豁免): a deviation the bureau accepts for a time, for one rule and one subject.
// A waiver never changes a stored finding: it is shown beside it, counted apart in summaries,
// and flagged once expired or revoked rather than silently dropped.
import type { Finding } from '../../checks/finding.js';
import type { StatusCounts } from '../audit/result.js';
import type { StoredWaiver, SubjectRef } from '../store/rectification-types.js';

export type WaiverState = 'valid' | 'expired' | 'revoked';

/** A waiver as judged on one day: valid through its `until` date, unless revoked. */
export function waiverState(waiver: StoredWaiver, asOf: string): WaiverState {
  if (waiver.revoked) return 'revoked';
  return asOf <= waiver.until ? 'valid' : 'expired';
}

export function sameSubject(a: SubjectRef, b: SubjectRef): boolean {
  return a.kind === b.kind && a.id === b.id && a.jurisdiction === b.jurisdiction;
}

/** The waiver that applies to a rule of a subject: a valid one first, else the latest lapsed one. */
export function waiverFor(rule: string, subject: SubjectRef, waivers: readonly StoredWaiver[], asOf: string): StoredWaiver | null {
  const matching = waivers.filter((w) => w.rule === rule && sameSubject(w.subject, subject));
  return matching.find((w) => waiverState(w, asOf) === 'valid') ?? matching.at(-1) ?? null;
}

/** One waiver beside one finding, as JSON, pages and PDFs show it. */
export interface WaiverNote {
  id: string;
  rule: string;
  subject: SubjectRef;
  reason: string;
  approvedBy: string;
  until: string;
  state: WaiverState;
  /** The finding's stored status, unchanged. */
  status: Finding['status'];
}

/** The waivers beside an audit's findings, in finding order; findings without one are left out. */
export function waiverNotes(findings: readonly Finding[], waivers: readonly StoredWaiver[], asOf: string): WaiverNote[] {
  if (waivers.length === 0) return [];
  const notes: WaiverNote[] = [];
  for (const finding of findings) {
    const subject = { kind: finding.subject.kind, id: finding.subject.id, jurisdiction: finding.subject.jurisdiction };
    const waiver = waiverFor(finding.rule, subject, waivers, asOf);
    if (!waiver) continue;
    notes.push({
      id: waiver.id,
      rule: finding.rule,
      subject,
      reason: waiver.reason,
      approvedBy: waiver.approvedBy,
      until: waiver.until,
      state: waiverState(waiver, asOf),
      status: finding.status,
    });
  }
  return notes;
}

/** The waivers known on one day: what a comparison is given to show beside its findings. */
export interface WaiversOn {
  waivers: readonly StoredWaiver[];
  asOf: string;
}

/** The waiver beside one finding (or none), as `waiverNotes` gives it; a missing finding has none. */
export function noteFor(finding: Finding | null, on: WaiversOn | undefined): WaiverNote | null {
  if (!finding || !on) return null;
  return waiverNotes([finding], on.waivers, on.asOf)[0] ?? null;
}

/** The note of one finding among an audit's notes, if any. */
export function noteOf(finding: Finding, notes: readonly WaiverNote[]): WaiverNote | undefined {
  return notes.find((n) => n.rule === finding.rule && n.subject.kind === finding.subject.kind && n.subject.id === finding.subject.id && n.subject.jurisdiction === finding.subject.jurisdiction);
}

/** How many findings of each status are under a valid waiver (counted apart, never removed). */
export function waivedCounts(notes: readonly WaiverNote[]): Partial<StatusCounts> {
  const counts: Partial<StatusCounts> = {};
  for (const note of notes) if (note.state === 'valid') counts[note.status] = (counts[note.status] ?? 0) + 1;
  return counts;
}

/** `（其中豁免 1）` / ` (1 waived)`: what follows a count that has a waived part; nothing when it has none. */
export function waivedPart(waived: number | undefined, lang: 'zh' | 'en'): string {
  if (!waived) return '';
  return lang === 'zh' ? `（其中豁免 ${waived}）` : ` (${waived} waived)`;
}

/** `不合格 8（其中豁免 1）` / `FAIL 8 (1 waived)`: a count with its waived part, when there is one. */
export function countWithWaived(count: number, waived: number | undefined, lang: 'zh' | 'en'): string {
  return `${count}${waivedPart(waived, lang)}`;
}

/** The notes that sit beside some of these findings (a facility's part of an audit's notes). */
export function notesAmong(findings: readonly Finding[], notes: readonly WaiverNote[]): WaiverNote[] {
  return notes.filter((n) => findings.some((f) => noteOf(f, [n]) !== undefined));
}
