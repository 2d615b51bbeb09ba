// The state of a notice and its items on a given day, derived from what is stored: the notice's
// append-only history, the later audits of the same subject and the waivers. Nothing is stored
// as a state, so nothing can drift: an item is resolved only by an audit that shows the rule
// passing (or not applicable), closed only by an inspector's note, and overdue by the calendar.
import type { Status } from '../../checks/types.js';
import type { EvidenceMeta, HistoryEvent, StoredNotice, StoredWaiver, SubjectResult } from '../store/rectification-types.js';
import { daysBetween } from './dates.js';
import { sameSubject, waiverFor, waiverState } from './waivers.js';

export const ITEM_STATES = ['open', 'responded', 'resolved', 'closed', 'overdue', 'waived'] as const;
export type ItemState = (typeof ITEM_STATES)[number];
export type NoticeState = 'open' | 'closed';

/** The statuses that settle an item when a later audit shows them. */
const SETTLING: readonly Status[] = ['pass', 'not_applicable'];

export interface ResponseView {
  at: string;
  user: string;
  text: string;
  evidence: EvidenceMeta[];
  auditId: string | null;
}

export interface ItemView {
  position: number;
  rule: string;
  status: Status;
  deadline: string;
  state: ItemState;
  /** The audit that resolved the item, else null. */
  resolvedBy: string | null;
  /** The inspector's last close or reopen note, else null. */
  note: string | null;
  /** Days past the deadline on the day judged (0 when not overdue). */
  daysOverdue: number;
  /** The waiver that applies (valid, or lapsed and flagged), else null. */
  waiver: { id: string; until: string; state: 'valid' | 'expired' | 'revoked'; reason: string; approvedBy: string } | null;
  responses: ResponseView[];
}

export interface HistoryEntry {
  action: HistoryEvent['action'] | 'resolve';
  item: number | null;
  user: string;
  at: string;
  note: string | null;
  deadline?: string;
  text?: string;
  evidence?: string[];
  auditId?: string;
}

export interface NoticeView {
  id: string;
  number: string;
  auditId: string;
  subject: StoredNotice['subject'];
  issuedAt: string;
  issuedBy: string;
  state: NoticeState;
  asOf: string;
  items: ItemView[];
  history: HistoryEntry[];
}

interface Settlement {
  at: string;
  state: 'resolved' | 'closed';
  auditId: string | null;
}

function itemView(
  notice: StoredNotice,
  item: StoredNotice['items'][number],
  results: readonly SubjectResult[],
  waivers: readonly StoredWaiver[],
  evidence: readonly EvidenceMeta[],
  asOf: string,
): ItemView {
  const events = notice.events.filter((e) => e.item === item.position);
  const reopened = events.filter((e) => e.action === 'reopen').at(-1);
  const since = reopened?.at ?? notice.issuedAt;
  const current = events.filter((e) => e.at >= since && e !== reopened);
  const deadline = events.filter((e) => e.action === 'deadline').at(-1)?.data?.deadline ?? item.deadline;
  const resolving = results.find((r) => r.rule === item.rule && SETTLING.includes(r.status) && r.createdAt > since);
  const closing = current.filter((e) => e.action === 'close').at(-1);
  const settlements: Settlement[] = [
    ...(resolving ? [{ at: resolving.createdAt, state: 'resolved' as const, auditId: resolving.auditId }] : []),
    ...(closing ? [{ at: closing.at, state: 'closed' as const, auditId: null }] : []),
  ].sort((a, b) => a.at.localeCompare(b.at));
  const settled = settlements[0];
  const waiver = waiverFor(item.rule, notice.subject, waivers, asOf);
  const waiverNow = waiver ? waiverState(waiver, asOf) : null;
  const overdueDays = Math.max(0, daysBetween(deadline, asOf));
  const responded = current.some((e) => e.action === 'respond');
  const state: ItemState = settled
    ? settled.state
    : waiverNow === 'valid'
      ? 'waived'
      : overdueDays > 0
        ? 'overdue'
        : responded
          ? 'responded'
          : 'open';
  const note = events.filter((e) => e.action === 'close' || e.action === 'reopen').at(-1)?.note ?? null;
  return {
    position: item.position,
    rule: item.rule,
    status: item.status,
    deadline,
    state,
    resolvedBy: settled?.state === 'resolved' ? settled.auditId : null,
    note,
    daysOverdue: state === 'overdue' ? overdueDays : 0,
    waiver: waiver ? { id: waiver.id, until: waiver.until, state: waiverNow!, reason: waiver.reason, approvedBy: waiver.approvedBy } : null,
    responses: events
      .filter((e) => e.action === 'respond')
      .map((e) => ({
        at: e.at,
        user: e.user,
        text: e.data?.text ?? '',
        evidence: (e.data?.evidence ?? []).map((id) => evidence.find((f) => f.id === id)).filter((f): f is EvidenceMeta => f !== undefined),
        auditId: e.data?.auditId ?? null,
      })),
  };
}

function historyOf(notice: StoredNotice, items: readonly ItemView[], results: readonly SubjectResult[], waivers: readonly StoredWaiver[]): HistoryEntry[] {
  const stored: HistoryEntry[] = notice.events.map((e) => ({
    action: e.action,
    item: e.item,
    user: e.user,
    at: e.at,
    note: e.note,
    ...(e.data?.deadline ? { deadline: e.data.deadline } : {}),
    ...(e.data?.text !== undefined ? { text: e.data.text } : {}),
    ...(e.data?.evidence ? { evidence: e.data.evidence } : {}),
    ...(e.data?.auditId ? { auditId: e.data.auditId } : {}),
  }));
  // A resolution is the stored audit itself (immutable, with its uploader and time): shown in
  // the history as the action it is, not copied into another table.
  const resolutions: HistoryEntry[] = items
    .filter((i) => i.resolvedBy)
    .map((i) => {
      const audit = results.find((r) => r.auditId === i.resolvedBy)!;
      return { action: 'resolve', item: i.position, user: audit.uploadedBy, at: audit.createdAt, note: null, auditId: audit.auditId };
    });
  // Waivers are approved and revoked for a rule of a subject, not for a notice: each item shows
  // the waivers of its rule, from their own append-only record.
  const waiving: HistoryEntry[] = notice.items.flatMap((item) =>
    waivers
      .filter((w) => w.rule === item.rule && sameSubject(w.subject, notice.subject))
      .flatMap((w): HistoryEntry[] => [
        { action: 'waive', item: item.position, user: w.approvedBy, at: w.createdAt, note: `${w.id} · ${w.until} · ${w.reason}` },
        ...(w.revoked ? [{ action: 'revoke' as const, item: item.position, user: w.revoked.by, at: w.revoked.at, note: `${w.id}${w.revoked.note ? ` · ${w.revoked.note}` : ''}` }] : []),
      ]),
  );
  return [...stored, ...resolutions, ...waiving].sort((a, b) => a.at.localeCompare(b.at));
}

/** A notice as it stands on `asOf`. `results` are its subject's findings in later audits. */
export function judgeNotice(
  notice: StoredNotice,
  results: readonly SubjectResult[],
  waivers: readonly StoredWaiver[],
  evidence: readonly EvidenceMeta[],
  asOf: string,
): NoticeView {
  const items = notice.items.map((item) => itemView(notice, item, results, waivers, evidence, asOf));
  const settled = items.every((i) => i.state === 'resolved' || i.state === 'closed' || i.state === 'waived');
  return {
    id: notice.id,
    number: notice.number,
    auditId: notice.auditId,
    subject: notice.subject,
    issuedAt: notice.issuedOn,
    issuedBy: notice.issuedBy,
    state: settled ? 'closed' : 'open',
    asOf,
    items,
    history: historyOf(notice, items, results, waivers),
  };
}

/** The state a notice list filters on: a notice with an overdue item is `overdue`. */
export function listState(view: NoticeView): 'open' | 'overdue' | 'closed' {
  if (view.state === 'closed') return 'closed';
  return view.items.some((i) => i.state === 'overdue') ? 'overdue' : 'open';
}

/** Days the most overdue item is late (0 when none is). */
export function mostOverdue(view: NoticeView): number {
  return Math.max(0, ...view.items.map((i) => i.daysOverdue));
}
