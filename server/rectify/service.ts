// The rectification cycle as plain functions over the two stores, shared by the CLI, the web
// pages and the API: issue a notice from a stored audit, answer it, close or reopen an item,
// move a deadline, add or revoke a waiver, and read notices as they stand on a day.
import type { Finding } from '../../checks/finding.js';
import { ruleById } from '../../checks/registry.js';
import type { SubjectKind } from '../../checks/types.js';
import type { AuditStore } from '../store/types.js';
import {
  RectificationError,
  type NewEvidence,
  type NoticeQuery,
  type RectificationStore,
  type StoredNotice,
  type StoredWaiver,
  type SubjectRef,
} from '../store/rectification-types.js';
import { bureauOf } from './bureau.js';
import { addDays } from './dates.js';
import { judgeNotice, listState, mostOverdue, type NoticeView } from './state.js';
import { todayInChina } from '../audit/today.js';
import { waiverNotes, type WaiverNote } from './waivers.js';

export const DEFAULT_DAYS = 30;

export interface Stores {
  audits: AuditStore;
  record: RectificationStore;
}

export interface IssueRequest {
  auditId: string;
  subject: { id: string; kind?: SubjectKind; jurisdiction?: string };
  issuedOn: string;
  issuedBy: string;
  /** Days after the issue date (default 30), or a fixed deadline. */
  days?: number;
  deadline?: string;
  includeWarn?: boolean;
  /** Per-rule deadlines that override the default. */
  deadlines?: Record<string, string>;
}

/** The findings a notice for this subject would list, and the subject itself. */
export async function noticeCandidates(
  audits: AuditStore,
  request: Pick<IssueRequest, 'auditId' | 'subject' | 'includeWarn'>,
): Promise<{ subject: Finding['subject']; findings: Finding[] }> {
  const { subject } = request;
  const stored = await audits.getAudit(request.auditId, subject.kind === undefined || subject.kind === 'facility' ? { facility: subject.id } : undefined);
  if (!stored) throw new RectificationError(`数据库中没有审核“${request.auditId}” / no audit "${request.auditId}" in this database`);
  const ofSubject = stored.result.findings.filter(
    (f) =>
      f.subject.id === subject.id &&
      (subject.kind === undefined || f.subject.kind === subject.kind) &&
      (subject.jurisdiction === undefined || f.subject.jurisdiction === subject.jurisdiction),
  );
  const identities = new Set(ofSubject.map((f) => `${f.subject.kind} ${f.subject.jurisdiction}`));
  if (identities.size === 0) {
    throw new RectificationError(`审核“${request.auditId}”中没有对象“${subject.id}” / no subject "${subject.id}" in audit "${request.auditId}"`);
  }
  if (identities.size > 1) {
    throw new RectificationError(
      `审核中有多个编号为“${subject.id}”的对象，请指定类型和辖区 / several subjects are numbered "${subject.id}" in this audit: give the kind and jurisdiction`,
    );
  }
  const wanted = request.includeWarn ? ['fail', 'warn'] : ['fail'];
  return { subject: ofSubject[0]!.subject, findings: ofSubject.filter((f) => wanted.includes(f.status)) };
}

export async function issueNotice(stores: Stores, request: IssueRequest): Promise<NoticeView> {
  const { subject, findings } = await noticeCandidates(stores.audits, request);
  if (findings.length === 0) {
    throw new RectificationError(
      `“${subject.name}”在该审核中没有${request.includeWarn ? '不合格或预警' : '不合格'}项，无需整改 / "${subject.name}" has no ${request.includeWarn ? 'failure or warning' : 'failure'} in this audit: nothing to rectify`,
    );
  }
  const fallback = request.deadline ?? addDays(request.issuedOn, request.days ?? DEFAULT_DAYS);
  const items = findings.map((f) => ({ rule: f.rule, status: f.status, deadline: request.deadlines?.[f.rule] ?? fallback }));
  for (const item of items) {
    if (item.deadline < request.issuedOn) {
      throw new RectificationError(`整改期限 ${item.deadline} 早于下发日期 ${request.issuedOn} / deadline ${item.deadline} is before the issue date ${request.issuedOn}`);
    }
  }
  const notice = await stores.record.createNotice({
    auditId: request.auditId,
    subject: { kind: subject.kind, id: subject.id, name: subject.name, jurisdiction: subject.jurisdiction },
    issuedOn: request.issuedOn,
    issuedBy: request.issuedBy,
    numberPrefix: bureauOf(subject.jurisdiction).numberPrefix,
    items,
  });
  return judge(stores.record, notice, request.issuedOn);
}

async function judge(record: RectificationStore, notice: StoredNotice, asOf: string): Promise<NoticeView> {
  const [results, waivers, evidence] = await Promise.all([
    record.subjectResults(notice.subject, notice.issuedAt),
    record.listWaivers(notice.subject),
    record.listEvidence(notice.id),
  ]);
  return judgeNotice(notice, results, waivers, evidence, asOf);
}

export function unknownNotice(id: string): RectificationError {
  return new RectificationError(`没有整改通知书“${id}” / no rectification notice "${id}"`);
}

/** A notice as it stands on `asOf`, or null. */
export async function readNotice(record: RectificationStore, id: string, asOf: string): Promise<NoticeView | null> {
  const notice = await record.getNotice(id);
  return notice ? judge(record, notice, asOf) : null;
}

export interface NoticeListQuery extends NoticeQuery {
  state?: 'open' | 'overdue' | 'closed';
}

/** Notices as they stand on `asOf`: overdue first (most days late first), then open, then closed. */
export async function listNoticeViews(record: RectificationStore, query: NoticeListQuery, asOf: string): Promise<NoticeView[]> {
  const { state, ...filter } = query;
  const views = await Promise.all((await record.listNotices(filter)).map((n) => judge(record, n, asOf)));
  const rank = { overdue: 0, open: 1, closed: 2 };
  return views
    .filter((v) => state === undefined || listState(v) === state)
    .map((v, index) => ({ v, index }))
    .sort((a, b) => rank[listState(a.v)] - rank[listState(b.v)] || mostOverdue(b.v) - mostOverdue(a.v) || a.index - b.index)
    .map(({ v }) => v);
}

async function requireNotice(record: RectificationStore, id: string): Promise<StoredNotice> {
  const notice = await record.getNotice(id);
  if (!notice) throw unknownNotice(id);
  return notice;
}

function requireItem(notice: StoredNotice, item: number): void {
  if (!notice.items.some((i) => i.position === item)) {
    throw new RectificationError(`通知书 ${notice.number} 没有第 ${item + 1} 项 / notice ${notice.number} has no item ${item + 1}`);
  }
}

/** Items are numbered from 1 for people, stored from 0. */
export function itemIndex(value: string | number, notice?: StoredNotice): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new RectificationError(`项号须为正整数，而不是“${value}” / an item number is a positive whole number, not "${value}"`);
  if (notice) requireItem(notice, number - 1);
  return number - 1;
}

export interface Response {
  noticeId: string;
  items: number[];
  text: string;
  files: NewEvidence[];
  user: string;
  auditId?: string;
}

/** A facility's answer to items of its notice; evidence is kept once, under the first item. */
export async function respond(record: RectificationStore, response: Response): Promise<void> {
  const notice = await requireNotice(record, response.noticeId);
  if (response.items.length === 0) throw new RectificationError('请选择要答复的整改项 / choose the items this response answers');
  for (const item of response.items) requireItem(notice, item);
  if (response.text.trim() === '' && response.files.length === 0 && !response.auditId) {
    throw new RectificationError('答复须有说明、证明文件或整改后的工作簿 / a response needs a text, evidence files or a corrected workbook');
  }
  for (const [index, item] of response.items.entries()) {
    await record.addResponse({
      noticeId: notice.id,
      item,
      user: response.user,
      text: response.text,
      files: index === 0 ? response.files : [],
      ...(response.auditId ? { auditId: response.auditId } : {}),
    });
  }
}

async function itemEvent(
  record: RectificationStore,
  noticeId: string,
  item: number,
  user: string,
  action: 'close' | 'reopen' | 'deadline',
  note: string | null,
  deadline?: string,
): Promise<void> {
  const notice = await requireNotice(record, noticeId);
  requireItem(notice, item);
  await record.addEvent({ noticeId, waiverId: null, item, action, user, at: new Date().toISOString(), note, data: deadline ? { deadline } : null });
}

/** An inspector closes an item on an on-site check: the note says what was seen. */
export async function closeItem(record: RectificationStore, noticeId: string, item: number, user: string, note: string): Promise<void> {
  if (note.trim() === '') throw new RectificationError('关闭整改项须填写现场核查说明 / closing an item needs a note of the on-site check');
  await itemEvent(record, noticeId, item, user, 'close', note.trim());
}

export async function reopenItem(record: RectificationStore, noticeId: string, item: number, user: string, note: string, asOf: string): Promise<void> {
  const view = await readNotice(record, noticeId, asOf);
  const state = view?.items.find((i) => i.position === item)?.state;
  if (view && state && state !== 'resolved' && state !== 'closed') {
    throw new RectificationError(`第 ${item + 1} 项尚未关闭，无需重新打开 / item ${item + 1} is not resolved or closed, so it cannot be reopened`);
  }
  if (note.trim() === '') throw new RectificationError('重新打开整改项须说明理由 / reopening an item needs a note');
  await itemEvent(record, noticeId, item, user, 'reopen', note.trim());
}

export async function setDeadline(record: RectificationStore, noticeId: string, item: number, user: string, deadline: string, note: string | null): Promise<void> {
  await itemEvent(record, noticeId, item, user, 'deadline', note, deadline);
}

export interface WaiverRequest {
  rule: string;
  subject: SubjectRef;
  reason: string;
  until: string;
  approvedBy: string;
}

export async function addWaiver(record: RectificationStore, request: WaiverRequest): Promise<StoredWaiver> {
  if (request.reason.trim() === '') throw new RectificationError('豁免须写明理由 / a waiver needs a reason');
  if (!ruleById(request.rule)) throw new RectificationError(`没有规则“${request.rule}” / no rule "${request.rule}"`);
  return record.createWaiver({ ...request, reason: request.reason.trim() });
}

export async function revokeWaiver(record: RectificationStore, id: string, user: string, note: string | null): Promise<StoredWaiver> {
  const waiver = await record.getWaiver(id);
  if (!waiver) throw new RectificationError(`没有豁免“${id}” / no waiver "${id}"`);
  if (waiver.revoked) throw new RectificationError(`豁免“${id}”已于 ${waiver.revoked.at} 撤销 / waiver "${id}" was already revoked at ${waiver.revoked.at}`);
  await record.addEvent({ noticeId: null, waiverId: id, item: null, action: 'revoke', user, at: new Date().toISOString(), note, data: null });
  return (await record.getWaiver(id))!;
}

/** The waivers beside an audit's findings, judged on `asOf` (default today where the inspectors are). */
export async function auditWaivers(record: RectificationStore, findings: readonly Finding[], asOf: string = todayInChina()): Promise<WaiverNote[]> {
  return waiverNotes(findings, await record.listWaivers(), asOf);
}

/** The same, the findings walked page by page (a county's stored audit, never held whole). */
export async function auditWaiversPaged(record: RectificationStore, pages: AsyncIterable<readonly Finding[]>, asOf: string = todayInChina()): Promise<WaiverNote[]> {
  const waivers = await record.listWaivers();
  if (waivers.length === 0) return [];
  const notes: WaiverNote[] = [];
  for await (const page of pages) notes.push(...waiverNotes(page, waivers, asOf));
  return notes;
}
