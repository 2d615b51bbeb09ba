// The SQLite engine of the rectification record, on the audit store's database handle. A notice
// is numbered inside the same BEGIN IMMEDIATE transaction that stores it, so two inspectors
// issuing at once get consecutive numbers, never the same one.
import type { Database, Statement } from 'better-sqlite3';
import { createHash } from 'node:crypto';
import {
  assembleNotices,
  EVIDENCE_META_COLUMNS,
  eventParams,
  evidenceFromRow,
  issueEvent,
  newId,
  numberOf,
  respondEvent,
  subjectResultFromRow,
  waiveEvent,
  waiversFromRows,
  type EventRow,
  type EvidenceRow,
  type ItemRow,
  type NoticeRow,
  type SubjectResultRow,
  type WaiverRow,
} from './rectification-rows.js';
import type {
  EvidenceFile,
  EvidenceMeta,
  NewEvent,
  NewNotice,
  NewResponse,
  NewWaiver,
  NoticeQuery,
  RectificationStore,
  StoredNotice,
  StoredWaiver,
  SubjectRef,
  SubjectResult,
} from './rectification-types.js';
import { facilityKeys } from './rectification-types.js';

const LIST_NOTICES = `SELECT * FROM notices
  WHERE (@jurisdiction IS NULL OR jurisdiction = @jurisdiction)
    AND (@subject IS NULL OR subject_id = @subject)
    AND (@facilities IS NULL OR (subject_kind = 'facility' AND (jurisdiction || char(31) || subject_id) IN (SELECT value FROM json_each(@facilities))))
  ORDER BY issued_at DESC, id`;

export class SqliteRectificationStore implements RectificationStore {
  private readonly s: Record<string, Statement>;

  constructor(private readonly db: Database) {
    this.s = {
      nextSequence: db.prepare('SELECT coalesce(max(sequence), 0) + 1 AS n FROM notices WHERE jurisdiction = ? AND year = ?'),
      insertNotice: db.prepare(`INSERT INTO notices (id, number, jurisdiction, year, sequence, audit_id, subject_kind, subject_id,
        subject_name, issued_on, issued_at, issued_by) VALUES (@id, @number, @jurisdiction, @year, @sequence, @audit_id,
        @subject_kind, @subject_id, @subject_name, @issued_on, @issued_at, @issued_by)`),
      insertItem: db.prepare('INSERT INTO notice_items (notice_id, position, rule, status, deadline) VALUES (?, ?, ?, ?, ?)'),
      insertEvent: db.prepare(`INSERT INTO rectification_events (notice_id, waiver_id, item, action, user_name, at, note, data)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
      getNotice: db.prepare('SELECT * FROM notices WHERE id = ?'),
      listNotices: db.prepare(LIST_NOTICES),
      itemsOf: db.prepare('SELECT * FROM notice_items WHERE notice_id IN (SELECT value FROM json_each(?)) ORDER BY notice_id, position'),
      eventsOf: db.prepare('SELECT * FROM rectification_events WHERE notice_id IN (SELECT value FROM json_each(?)) ORDER BY id'),
      insertEvidence: db.prepare(`INSERT INTO evidence_files (id, notice_id, item, file_name, content_type, size, sha256, bytes,
        uploaded_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      getEvidence: db.prepare('SELECT * FROM evidence_files WHERE id = ?'),
      listEvidence: db.prepare(`SELECT ${EVIDENCE_META_COLUMNS} FROM evidence_files WHERE notice_id = ? ORDER BY created_at, id`),
      insertWaiver: db.prepare(`INSERT INTO waivers (id, rule, jurisdiction, subject_kind, subject_id, reason, valid_until,
        approved_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      getWaiver: db.prepare('SELECT * FROM waivers WHERE id = ?'),
      allWaivers: db.prepare('SELECT * FROM waivers ORDER BY created_at, id'),
      subjectWaivers: db.prepare(`SELECT * FROM waivers WHERE jurisdiction = ? AND subject_kind = ? AND subject_id = ?
        ORDER BY created_at, id`),
      revocations: db.prepare("SELECT * FROM rectification_events WHERE action = 'revoke' ORDER BY id"),
      subjectResults: db.prepare(`SELECT f.audit_id, a.created_at, a.uploaded_by, f.rule, f.status
        FROM findings f JOIN audits a ON a.id = f.audit_id
        WHERE f.subject_kind = ? AND f.subject_id = ? AND f.jurisdiction = ? AND a.created_at > ?
        ORDER BY a.created_at, a.id, f.position`),
    };
  }

  private event(event: NewEvent): void {
    this.s.insertEvent!.run(...eventParams(event));
  }

  async createNotice(notice: NewNotice): Promise<StoredNotice> {
    const id = newId('N');
    const issuedAt = new Date().toISOString();
    const year = Number(notice.issuedOn.slice(0, 4));
    const { subject } = notice;
    this.db
      .transaction(() => {
        const sequence = (this.s.nextSequence!.get(subject.jurisdiction, year) as { n: number }).n;
        this.s.insertNotice!.run({
          id,
          number: numberOf(notice.numberPrefix, year, sequence),
          jurisdiction: subject.jurisdiction,
          year,
          sequence,
          audit_id: notice.auditId,
          subject_kind: subject.kind,
          subject_id: subject.id,
          subject_name: subject.name,
          issued_on: notice.issuedOn,
          issued_at: issuedAt,
          issued_by: notice.issuedBy,
        });
        notice.items.forEach((item, position) => this.s.insertItem!.run(id, position, item.rule, item.status, item.deadline));
        this.event(issueEvent(id, notice, issuedAt));
      })
      .immediate();
    return (await this.getNotice(id))!;
  }

  private assemble(rows: NoticeRow[]): StoredNotice[] {
    const ids = JSON.stringify(rows.map((r) => r.id));
    return assembleNotices(rows, this.s.itemsOf!.all(ids) as ItemRow[], this.s.eventsOf!.all(ids) as EventRow[]);
  }

  async getNotice(id: string): Promise<StoredNotice | null> {
    const row = this.s.getNotice!.get(id) as NoticeRow | undefined;
    return row ? this.assemble([row])[0]! : null;
  }

  async listNotices(query: NoticeQuery = {}): Promise<StoredNotice[]> {
    const rows = this.s.listNotices!.all({
      jurisdiction: query.jurisdiction ?? null,
      subject: query.subjectId ?? null,
      facilities: query.facilities ? JSON.stringify(facilityKeys(query.facilities)) : null,
    }) as NoticeRow[];
    return this.assemble(rows);
  }

  async addEvent(event: NewEvent): Promise<void> {
    this.db.transaction(() => this.event(event)).immediate();
  }

  async addResponse(response: NewResponse): Promise<EvidenceMeta[]> {
    const at = new Date().toISOString();
    const ids = response.files.map(() => newId('E'));
    this.db
      .transaction(() => {
        response.files.forEach((file, i) => {
          const sha256 = createHash('sha256').update(file.bytes).digest('hex');
          this.s.insertEvidence!.run(ids[i], response.noticeId, response.item, file.fileName, file.contentType, file.bytes.length, sha256, file.bytes, response.user, at);
        });
        this.event(respondEvent(response, ids, at));
      })
      .immediate();
    const all = await this.listEvidence(response.noticeId);
    return ids.map((id) => all.find((e) => e.id === id)!);
  }

  async getEvidence(id: string): Promise<EvidenceFile | null> {
    const row = this.s.getEvidence!.get(id) as (EvidenceRow & { bytes: Buffer }) | undefined;
    return row ? { ...evidenceFromRow(row), bytes: row.bytes } : null;
  }

  async listEvidence(noticeId: string): Promise<EvidenceMeta[]> {
    return (this.s.listEvidence!.all(noticeId) as EvidenceRow[]).map(evidenceFromRow);
  }

  async createWaiver(waiver: NewWaiver): Promise<StoredWaiver> {
    const id = newId('W');
    const at = new Date().toISOString();
    const { subject } = waiver;
    this.db
      .transaction(() => {
        this.s.insertWaiver!.run(id, waiver.rule, subject.jurisdiction, subject.kind, subject.id, waiver.reason, waiver.until, waiver.approvedBy, at);
        this.event(waiveEvent(id, waiver, at));
      })
      .immediate();
    return (await this.getWaiver(id))!;
  }

  private withRevocations(rows: WaiverRow[]): StoredWaiver[] {
    return waiversFromRows(rows, this.s.revocations!.all() as EventRow[]);
  }

  async getWaiver(id: string): Promise<StoredWaiver | null> {
    const row = this.s.getWaiver!.get(id) as WaiverRow | undefined;
    return row ? this.withRevocations([row])[0]! : null;
  }

  async listWaivers(subject?: SubjectRef): Promise<StoredWaiver[]> {
    const rows = subject
      ? this.s.subjectWaivers!.all(subject.jurisdiction, subject.kind, subject.id)
      : this.s.allWaivers!.all();
    return this.withRevocations(rows as WaiverRow[]);
  }

  async subjectResults(subject: SubjectRef, since: string): Promise<SubjectResult[]> {
    return (this.s.subjectResults!.all(subject.kind, subject.id, subject.jurisdiction, since) as SubjectResultRow[]).map(subjectResultFromRow);
  }
}
