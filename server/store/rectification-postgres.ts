// The PostgreSQL engine of the rectification record, on the audit store's pool. A notice is
// numbered under a transaction-level advisory lock per jurisdiction and year, so app instances
// issuing at once get consecutive numbers (the UNIQUE constraint is the last guard).
import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { PostgresStore } from './postgres.js';
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

const INSERT_EVENT = `INSERT INTO rectification_events (notice_id, waiver_id, item, action, user_name, at, note, data)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`;

export class PostgresRectificationStore implements RectificationStore {
  constructor(private readonly store: PostgresStore) {}

  private async rows<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
    await this.store.ready;
    return (await this.store.pool.query<R>(sql, params)).rows;
  }

  /** Runs `work` in one transaction on one connection. */
  private transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return this.store.transaction(work);
  }


  async createNotice(notice: NewNotice): Promise<StoredNotice> {
    const id = newId('N');
    const issuedAt = new Date().toISOString();
    const year = Number(notice.issuedOn.slice(0, 4));
    const { subject } = notice;
    await this.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`notice:${subject.jurisdiction}:${year}`]);
      const next = await client.query<{ n: number }>(
        'SELECT CAST(coalesce(max(sequence), 0) + 1 AS INTEGER) AS n FROM notices WHERE jurisdiction = $1 AND year = $2',
        [subject.jurisdiction, year],
      );
      const sequence = next.rows[0]!.n;
      await client.query(
        `INSERT INTO notices (id, number, jurisdiction, year, sequence, audit_id, subject_kind, subject_id, subject_name,
          issued_on, issued_at, issued_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [id, numberOf(notice.numberPrefix, year, sequence), subject.jurisdiction, year, sequence, notice.auditId, subject.kind,
          subject.id, subject.name, notice.issuedOn, issuedAt, notice.issuedBy],
      );
      await client.query(
        `INSERT INTO notice_items (notice_id, position, rule, status, deadline)
         SELECT $1, * FROM unnest($2::int4[], $3::text[], $4::text[], $5::text[])`,
        [id, notice.items.map((_, i) => i), notice.items.map((i) => i.rule), notice.items.map((i) => i.status), notice.items.map((i) => i.deadline)],
      );
      await client.query(INSERT_EVENT, eventParams(issueEvent(id, notice, issuedAt)));
    });
    return (await this.getNotice(id))!;
  }

  private async assemble(rows: NoticeRow[]): Promise<StoredNotice[]> {
    const ids = rows.map((r) => r.id);
    const items = await this.rows<ItemRow>('SELECT * FROM notice_items WHERE notice_id = ANY($1::text[]) ORDER BY notice_id, position', [ids]);
    const events = await this.rows<EventRow>('SELECT * FROM rectification_events WHERE notice_id = ANY($1::text[]) ORDER BY id', [ids]);
    return assembleNotices(rows, items, events);
  }

  async getNotice(id: string): Promise<StoredNotice | null> {
    const rows = await this.rows<NoticeRow>('SELECT * FROM notices WHERE id = $1', [id]);
    return rows.length ? (await this.assemble(rows))[0]! : null;
  }

  async listNotices(query: NoticeQuery = {}): Promise<StoredNotice[]> {
    const rows = await this.rows<NoticeRow>(
      `SELECT * FROM notices
        WHERE ($1::text IS NULL OR jurisdiction = $1)
          AND ($2::text IS NULL OR subject_id = $2)
          AND ($3::text[] IS NULL OR (subject_kind = 'facility' AND (jurisdiction || chr(31) || subject_id) = ANY($3::text[])))
        ORDER BY issued_at DESC, id`,
      [query.jurisdiction ?? null, query.subjectId ?? null, query.facilities ? facilityKeys(query.facilities) : null],
    );
    return this.assemble(rows);
  }

  async addEvent(event: NewEvent): Promise<void> {
    await this.rows(INSERT_EVENT, eventParams(event));
  }

  async addResponse(response: NewResponse): Promise<EvidenceMeta[]> {
    const at = new Date().toISOString();
    const ids = response.files.map(() => newId('E'));
    await this.transaction(async (client) => {
      for (const [i, file] of response.files.entries()) {
        const sha256 = createHash('sha256').update(file.bytes).digest('hex');
        await client.query(
          `INSERT INTO evidence_files (id, notice_id, item, file_name, content_type, size, sha256, bytes, uploaded_by, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          [ids[i], response.noticeId, response.item, file.fileName, file.contentType, file.bytes.length, sha256, file.bytes, response.user, at],
        );
      }
      await client.query(INSERT_EVENT, eventParams(respondEvent(response, ids, at)));
    });
    const all = await this.listEvidence(response.noticeId);
    return ids.map((id) => all.find((e) => e.id === id)!);
  }

  async getEvidence(id: string): Promise<EvidenceFile | null> {
    const [row] = await this.rows<EvidenceRow & { bytes: Buffer }>('SELECT * FROM evidence_files WHERE id = $1', [id]);
    return row ? { ...evidenceFromRow(row), bytes: row.bytes } : null;
  }

  async listEvidence(noticeId: string): Promise<EvidenceMeta[]> {
    const rows = await this.rows<EvidenceRow>(`SELECT ${EVIDENCE_META_COLUMNS} FROM evidence_files WHERE notice_id = $1 ORDER BY created_at, id`, [noticeId]);
    return rows.map(evidenceFromRow);
  }

  async createWaiver(waiver: NewWaiver): Promise<StoredWaiver> {
    const id = newId('W');
    const at = new Date().toISOString();
    const { subject } = waiver;
    await this.transaction(async (client) => {
      await client.query(
        `INSERT INTO waivers (id, rule, jurisdiction, subject_kind, subject_id, reason, valid_until, approved_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [id, waiver.rule, subject.jurisdiction, subject.kind, subject.id, waiver.reason, waiver.until, waiver.approvedBy, at],
      );
      await client.query(INSERT_EVENT, eventParams(waiveEvent(id, waiver, at)));
    });
    return (await this.getWaiver(id))!;
  }

  private async withRevocations(rows: WaiverRow[]): Promise<StoredWaiver[]> {
    return waiversFromRows(rows, await this.rows<EventRow>("SELECT * FROM rectification_events WHERE action = 'revoke' ORDER BY id"));
  }

  async getWaiver(id: string): Promise<StoredWaiver | null> {
    const rows = await this.rows<WaiverRow>('SELECT * FROM waivers WHERE id = $1', [id]);
    return rows.length ? (await this.withRevocations(rows))[0]! : null;
  }

  async listWaivers(subject?: SubjectRef): Promise<StoredWaiver[]> {
    const rows = subject
      ? await this.rows<WaiverRow>(
          'SELECT * FROM waivers WHERE jurisdiction = $1 AND subject_kind = $2 AND subject_id = $3 ORDER BY created_at, id',
          [subject.jurisdiction, subject.kind, subject.id],
        )
      : await this.rows<WaiverRow>('SELECT * FROM waivers ORDER BY created_at, id');
    return this.withRevocations(rows);
  }

  async subjectResults(subject: SubjectRef, since: string): Promise<SubjectResult[]> {
    const rows = await this.rows<SubjectResultRow>(
      `SELECT f.audit_id, a.created_at, a.uploaded_by, f.rule, f.status
        FROM findings f JOIN audits a ON a.id = f.audit_id
        WHERE f.subject_kind = $1 AND f.subject_id = $2 AND f.jurisdiction = $3 AND a.created_at > $4
        ORDER BY a.created_at, a.id, f.position`,
      [subject.kind, subject.id, subject.jurisdiction, since],
    );
    return rows.map(subjectResultFromRow);
  }
}
