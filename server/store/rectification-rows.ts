// Rows of the rectification tables to and from their objects: the same for both engines.
import { randomBytes } from 'node:crypto';
import type { Status, SubjectKind } from '../../checks/types.js';
import type {
  Action,
  EvidenceMeta,
  HistoryEvent,
  NewEvent,
  NewNotice,
  NewResponse,
  NewWaiver,
  StoredNotice,
  StoredNoticeItem,
  StoredWaiver,
  SubjectResult,
} from './rectification-types.js';

/** Ids that cannot be guessed from one another (a manager probing ids finds nothing). */
export function newId(prefix: string): string {
  return `${prefix}-${randomBytes(8).toString('hex')}`;
}

export interface NoticeRow {
  id: string;
  number: string;
  jurisdiction: string;
  year: number;
  sequence: number;
  audit_id: string;
  subject_kind: string;
  subject_id: string;
  subject_name: string;
  issued_on: string;
  issued_at: string;
  issued_by: string;
}

export interface ItemRow {
  notice_id: string;
  position: number;
  rule: string;
  status: string;
  deadline: string;
}

export interface EventRow {
  id: number;
  notice_id: string | null;
  waiver_id: string | null;
  item: number | null;
  action: string;
  user_name: string;
  at: string;
  note: string | null;
  data: string | null;
}

export interface WaiverRow {
  id: string;
  rule: string;
  jurisdiction: string;
  subject_kind: string;
  subject_id: string;
  reason: string;
  valid_until: string;
  approved_by: string;
  created_at: string;
}

export interface EvidenceRow {
  id: string;
  notice_id: string;
  item: number;
  file_name: string;
  content_type: string;
  size: number;
  sha256: string;
  uploaded_by: string;
  created_at: string;
}

export const EVIDENCE_META_COLUMNS = 'id, notice_id, item, file_name, content_type, size, sha256, uploaded_by, created_at';

export function eventFromRow(row: EventRow): HistoryEvent {
  return {
    id: Number(row.id),
    noticeId: row.notice_id,
    waiverId: row.waiver_id,
    item: row.item === null ? null : Number(row.item),
    action: row.action as Action,
    user: row.user_name,
    at: row.at,
    note: row.note,
    data: row.data === null ? null : JSON.parse(row.data),
  };
}

export function itemFromRow(row: ItemRow): StoredNoticeItem {
  return { position: Number(row.position), rule: row.rule, status: row.status as Status, deadline: row.deadline };
}

/** Notices with their items and events, each list already in order. */
export function assembleNotices(notices: NoticeRow[], items: ItemRow[], events: EventRow[]): StoredNotice[] {
  const itemsOf = new Map<string, StoredNoticeItem[]>();
  for (const row of items) itemsOf.set(row.notice_id, [...(itemsOf.get(row.notice_id) ?? []), itemFromRow(row)]);
  const eventsOf = new Map<string, HistoryEvent[]>();
  for (const row of events) eventsOf.set(row.notice_id!, [...(eventsOf.get(row.notice_id!) ?? []), eventFromRow(row)]);
  return notices.map((row) => ({
    id: row.id,
    number: row.number,
    sequence: Number(row.sequence),
    year: Number(row.year),
    auditId: row.audit_id,
    subject: { kind: row.subject_kind as SubjectKind, id: row.subject_id, name: row.subject_name, jurisdiction: row.jurisdiction },
    issuedOn: row.issued_on,
    issuedAt: row.issued_at,
    issuedBy: row.issued_by,
    items: itemsOf.get(row.id) ?? [],
    events: eventsOf.get(row.id) ?? [],
  }));
}

function waiverFromRows(row: WaiverRow, revocation: EventRow | undefined): StoredWaiver {
  return {
    id: row.id,
    rule: row.rule,
    subject: { kind: row.subject_kind as SubjectKind, id: row.subject_id, jurisdiction: row.jurisdiction },
    reason: row.reason,
    until: row.valid_until,
    approvedBy: row.approved_by,
    createdAt: row.created_at,
    revoked: revocation ? { by: revocation.user_name, at: revocation.at, note: revocation.note } : null,
  };
}

/** Waivers with their revocations (the 'revoke' events, oldest first): the first one names each. */
export function waiversFromRows(rows: readonly WaiverRow[], revocations: readonly EventRow[]): StoredWaiver[] {
  return rows.map((row) => waiverFromRows(row, revocations.find((e) => e.waiver_id === row.id)));
}

/** A subject's finding in a later audit, as `subjectResults` selects it. */
export interface SubjectResultRow {
  audit_id: string;
  created_at: string;
  uploaded_by: string;
  rule: string;
  status: SubjectResult['status'];
}

export function subjectResultFromRow(row: SubjectResultRow): SubjectResult {
  return { auditId: row.audit_id, createdAt: row.created_at, uploadedBy: row.uploaded_by, rule: row.rule, status: row.status };
}

/** The events each engine stores with a notice, a response and a waiver, in the same transaction. */
export function issueEvent(noticeId: string, notice: NewNotice, at: string): NewEvent {
  return { noticeId, waiverId: null, item: null, action: 'issue', user: notice.issuedBy, at, note: null, data: null };
}

export function respondEvent(response: NewResponse, evidence: readonly string[], at: string): NewEvent {
  return {
    noticeId: response.noticeId,
    waiverId: null,
    item: response.item,
    action: 'respond',
    user: response.user,
    at,
    note: null,
    data: { text: response.text, evidence: [...evidence], ...(response.auditId ? { auditId: response.auditId } : {}) },
  };
}

export function waiveEvent(waiverId: string, waiver: NewWaiver, at: string): NewEvent {
  return { noticeId: null, waiverId, item: null, action: 'waive', user: waiver.approvedBy, at, note: waiver.reason, data: null };
}

export function evidenceFromRow(row: EvidenceRow): EvidenceMeta {
  return {
    id: row.id,
    noticeId: row.notice_id,
    item: Number(row.item),
    fileName: row.file_name,
    contentType: row.content_type,
    size: Number(row.size),
    sha256: row.sha256,
    uploadedBy: row.uploaded_by,
    createdAt: row.created_at,
  };
}

export function eventParams(event: NewEvent): [string | null, string | null, number | null, string, string, string, string | null, string | null] {
  return [event.noticeId, event.waiverId, event.item, event.action, event.user, event.at, event.note, event.data ? JSON.stringify(event.data) : null];
}

export function numberOf(prefix: string, year: number, sequence: number): string {
  return `${prefix}〔${year}〕${sequence}号`;
}
