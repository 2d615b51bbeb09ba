// The rectification record (整改): notices, their items, waivers, evidence files and the
// append-only history of every action. One interface, an engine beside each audit store engine,
// sharing its database. Nothing here is ever changed or deleted: an item's state is derived
// (server/rectify/state.ts) from the history, later audits and waivers.
import type { Status, SubjectKind } from '../../checks/types.js';

export interface SubjectRef {
  kind: SubjectKind;
  id: string;
  jurisdiction: string;
}

export interface NewNotice {
  auditId: string;
  subject: SubjectRef & { name: string };
  /** The date printed on the notice (YYYY-MM-DD); its year numbers the notice. */
  issuedOn: string;
  issuedBy: string;
  /** The prefix of the number before 〔year〕, e.g. the county's short name + 民整. */
  numberPrefix: string;
  items: { rule: string; status: Status; deadline: string }[];
}

export interface StoredNoticeItem {
  position: number;
  rule: string;
  status: Status;
  deadline: string;
}

export const ACTIONS = ['issue', 'deadline', 'respond', 'close', 'reopen', 'waive', 'revoke'] as const;
export type Action = (typeof ACTIONS)[number];

export interface EventData {
  deadline?: string;
  text?: string;
  evidence?: string[];
  auditId?: string;
}

export interface HistoryEvent {
  id: number;
  noticeId: string | null;
  waiverId: string | null;
  item: number | null;
  action: Action;
  user: string;
  at: string;
  note: string | null;
  data: EventData | null;
}

export type NewEvent = Omit<HistoryEvent, 'id'>;

export interface StoredNotice {
  id: string;
  number: string;
  sequence: number;
  year: number;
  auditId: string;
  subject: SubjectRef & { name: string };
  issuedOn: string;
  issuedAt: string;
  issuedBy: string;
  items: StoredNoticeItem[];
  events: HistoryEvent[];
}

export interface NoticeQuery {
  jurisdiction?: string;
  subjectId?: string;
  /** Only notices of these facilities, each (jurisdiction, id): a facility manager's. */
  facilities?: readonly { jurisdiction: string; id: string }[];
}

/** One text key per facility for the engines' set tests: jurisdiction and id, a unit separator between. */
export function facilityKeys(facilities: readonly { jurisdiction: string; id: string }[]): string[] {
  return facilities.map((f) => `${f.jurisdiction}\u001f${f.id}`);
}

export interface NewWaiver {
  rule: string;
  subject: SubjectRef;
  reason: string;
  until: string;
  approvedBy: string;
}

export interface StoredWaiver extends NewWaiver {
  id: string;
  createdAt: string;
  /** The revocation, if any: who and when. */
  revoked: { by: string; at: string; note: string | null } | null;
}

export interface NewEvidence {
  fileName: string;
  contentType: string;
  bytes: Buffer;
}

export interface EvidenceMeta {
  id: string;
  noticeId: string;
  item: number;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedBy: string;
  createdAt: string;
}

export interface EvidenceFile extends EvidenceMeta {
  bytes: Buffer;
}

export interface NewResponse {
  noticeId: string;
  item: number;
  user: string;
  text: string;
  files: NewEvidence[];
  /** The corrected workbook's audit, when one came with the response. */
  auditId?: string;
}

/** One finding of a subject in a stored audit: what resolves an item. */
export interface SubjectResult {
  auditId: string;
  createdAt: string;
  uploadedBy: string;
  rule: string;
  status: Status;
}

export interface RectificationStore {
  /** Numbers the notice (next in its jurisdiction and year) and stores it with its 'issue' event. */
  createNotice(notice: NewNotice): Promise<StoredNotice>;
  getNotice(id: string): Promise<StoredNotice | null>;
  listNotices(query?: NoticeQuery): Promise<StoredNotice[]>;
  addEvent(event: NewEvent): Promise<void>;
  /** The response's evidence files and its 'respond' event, in one transaction. */
  addResponse(response: NewResponse): Promise<EvidenceMeta[]>;
  getEvidence(id: string): Promise<EvidenceFile | null>;
  listEvidence(noticeId: string): Promise<EvidenceMeta[]>;
  createWaiver(waiver: NewWaiver): Promise<StoredWaiver>;
  getWaiver(id: string): Promise<StoredWaiver | null>;
  /** Every waiver, or those of one subject. */
  listWaivers(subject?: SubjectRef): Promise<StoredWaiver[]>;
  /** The subject's findings in audits stored after `since` (ISO time), oldest first. */
  subjectResults(subject: SubjectRef, since: string): Promise<SubjectResult[]>;
}

export class RectificationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RectificationError';
  }
}
