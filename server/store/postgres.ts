// The PostgreSQL engine of the store (node-postgres), for several app instances sharing one
// record. The same tables and row mapping as SQLite; an audit goes in as one transaction whose
// large parts (facts, rosters, findings) are each one COPY in binary format, so a county-scale
// audit is a handful of round trips. Reads that lose their connection are retried; a failed
// write is rolled back whole and reported.
import { spawn } from 'node:child_process';
import pg from 'pg';
import type { SheetKey, WorkbookFacts } from '../../checks/facts.js';
import { migratePostgres } from './migrate-postgres.js';
import { COPY_FACTS, COPY_FINDINGS, COPY_ROSTERS, factChunks, findingChunks, rosterChunks } from './audit-copy-postgres.js';
import { copyIn } from './copy-in.js';
import {
  assembleFacts,
  auditRow,
  findingFromRow,
  findingsToStore,
  SOURCE_COLUMNS,
  listItem,
  newAuditId,
  storedAudit,
  type AuditRow,
  type FindingRow,
  type RulebookRow,
  type SourceRow,
} from './rows.js';
import { findingsPageSql, pageRow, pageSourcesSql, type FindingsPageQuery, type PositionedFinding } from './findings-pages.js';
import { StoreError, type AuditListItem, type AuditQuery, type AuditScope, type AuditStore, type NewAudit, type Original, type OriginalInfo, type StoredAudit, type StoreHealth, type StoreLocation } from './types.js';
import { GET_ORIGINAL, LIST_ORIGINALS, linkFiles, storeUploads } from './originals-postgres.js';
import { originalFrom, originalInfo, originalsToStore, workbookFiles, type OriginalRow } from './originals-rows.js';
import { probeWrite } from './write-failures.js';

const INSERT_SOURCES = `INSERT INTO finding_sources (audit_id, id, ${SOURCE_COLUMNS.join(', ')})
  SELECT $1, x.* FROM json_to_recordset($2::json) AS x(id int4, ${SOURCE_COLUMNS.map((column) => `${column} text`).join(', ')})`;

/** Connection-class failures (refused, reset, server shutting down): worth one more try for a read. */
function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: string }).code ?? '';
  return ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', '57P01', '57P02', '57P03', '08000', '08003', '08006'].includes(code);
}

/**
 * `make()` while the statement `sent` runs on the server, then both outcomes. One statement at
 * a time (node-postgres deprecates queueing them on a client); a failure of `sent` wins, and
 * `sent` is always awaited, so that it never rejects unheard.
 */
async function meanwhile<S, T>(sent: Promise<S>, make: () => T): Promise<[S, T]> {
  let made: T;
  try {
    made = make();
  } catch (error) {
    await sent;
    throw error;
  }
  return [await sent, made];
}

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//.test(location);
}

export class PostgresStore implements AuditStore {
  readonly engine = 'postgresql';
  readonly shared: StoreLocation;
  readonly pool: pg.Pool;
  /** Migrations run once per process before the first operation. */
  readonly ready: Promise<number>;

  constructor(readonly url: string, options: { maxConnections?: number } = {}) {
    this.shared = { location: url };
    this.pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 10, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 10_000 });
    // An idle client losing its server must not crash the process; the next query reconnects.
    this.pool.on('error', () => undefined);
    this.ready = migratePostgres(this.pool);
    this.ready.catch(() => undefined);
  }

  /** A read, retried twice when the connection (not the query) failed. */
  private async read<R extends pg.QueryResultRow>(sql: string, params: unknown[]): Promise<R[]> {
    await this.ready;
    for (let attempt = 0; ; attempt += 1) {
      try {
        return (await this.pool.query<R>(sql, params)).rows;
      } catch (error) {
        if (attempt >= 2 || !isConnectionError(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200 * (attempt + 1)));
      }
    }
  }

  /** Runs `work` in one transaction on one connection, rolled back whole if it throws. */
  async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    await this.ready;
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async saveAudit(audit: NewAudit): Promise<string> {
    if (!audit.result.valid) throw new Error('a rejected workbook is never stored');
    await this.ready;
    const auditId = audit.auditId ?? newAuditId();
    const createdAt = new Date().toISOString();
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await this.insertAudit(client, audit, auditId, createdAt);
      await client.query('COMMIT');
      return auditId;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw new StoreError(`审核未保存（已整体回滚） / the audit was not stored (rolled back whole): ${(error as Error).message}`);
    } finally {
      client.release();
    }
  }

  /**
   * The audit's statements in order on one connection. Its large tables go in by COPY, their
   * rows made as they are sent (audit-copy-postgres.ts); the findings' values are made while the
   * server stores the original (see meanwhile).
   */
  private async insertAudit(client: pg.PoolClient, audit: NewAudit, auditId: string, createdAt: string): Promise<void> {
    const { result } = audit;
    // Two writers storing the same bytes at once: the loser of the race reuses the winner's row.
    const files = originalsToStore(audit);
    const [uploadIds, findings] = await meanwhile(storeUploads(client, files, createdAt), () => findingsToStore(result.findings));
    const row = auditRow(audit, auditId, createdAt);
    await client.query(
      `INSERT INTO audits (id, upload_id, file_name, uploaded_by, created_at, as_of, rulebook_selection, tool_name,
        tool_version, rerun_of, pass, warn, fail, not_applicable, insufficient_data, row_counts, warnings, workbook_sha256)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
      [row.id, uploadIds[0], row.file_name, row.uploaded_by, row.created_at, row.as_of, row.rulebook_selection, row.tool_name,
        row.tool_version, row.rerun_of, row.pass, row.warn, row.fail, row.not_applicable, row.insufficient_data, row.row_counts, row.warnings,
        row.workbook_sha256],
    );
    await linkFiles(client, auditId, files, uploadIds);
    const books = result.rulebooks;
    await client.query(
      `INSERT INTO audit_rulebooks (audit_id, position, rulebook, version, status, title_zh, title_en, file_hash)
       SELECT $1, * FROM unnest($2::int4[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])`,
      [auditId, books.map((_, i) => i), books.map((b) => b.id), books.map((b) => b.version), books.map((b) => b.status),
        books.map((b) => b.title.zh), books.map((b) => b.title.en), books.map((b) => audit.rulebooks.find((l) => l.id === b.id)?.fileHash ?? '')],
    );
    await copyIn(client, COPY_FACTS, factChunks(auditId, audit.facts));
    await copyIn(client, COPY_ROSTERS, rosterChunks(auditId, audit.facts.staff));
    await client.query(INSERT_SOURCES, [auditId, JSON.stringify(findings.sources)]);
    await copyIn(client, COPY_FINDINGS, findingChunks(auditId, findings.rows));
  }

  async getAudit(auditId: string, scope?: AuditScope): Promise<StoredAudit | null> {
    const head = await this.getAuditHead(auditId);
    if (!head) return null;
    const findings = scope
      ? await this.read<FindingRow>(
          `SELECT * FROM finding_rows WHERE audit_id = $1 AND subject_kind = 'facility' AND subject_id = $2
             AND ($3::text IS NULL OR jurisdiction = $3) ORDER BY position`,
          [auditId, scope.facility, scope.jurisdiction ?? null],
        )
      : await this.read<FindingRow>('SELECT * FROM finding_rows WHERE audit_id = $1 ORDER BY position', [auditId]);
    return { ...head, result: { ...head.result, findings: findings.map(findingFromRow) } };
  }

  async getAuditHead(auditId: string): Promise<StoredAudit | null> {
    const [row] = await this.read<AuditRow>('SELECT a.*, u.sha256 FROM audits a JOIN uploads u ON u.id = a.upload_id WHERE a.id = $1', [auditId]);
    if (!row) return null;
    const books = await this.read<RulebookRow>('SELECT * FROM audit_rulebooks WHERE audit_id = $1 ORDER BY position', [auditId]);
    // Only an audit of several files lists them (one file's audit reads as it always did).
    const files = row.workbook_sha256 ? workbookFiles((await this.read<OriginalRow>(LIST_ORIGINALS, [auditId])).map(originalInfo)) : undefined;
    return storedAudit(row, books, [], files);
  }

  async findingsPage(auditId: string, query: FindingsPageQuery): Promise<PositionedFinding[]> {
    const { sql, params } = findingsPageSql(auditId, query, (index) => `$${index}`);
    const sources = new Map((await this.read<SourceRow>(pageSourcesSql((index) => `$${index}`), [auditId])).map((source) => [source.id, source]));
    const rows = await this.read<FindingRow & { position: number; source: number | null }>(sql, params);
    return rows.map((row) => ({ position: Number(row.position), finding: findingFromRow(pageRow(row, sources)) }));
  }

  async getFacts(auditId: string): Promise<WorkbookFacts | null> {
    const [row] = await this.read<{ row_counts: string }>('SELECT row_counts FROM audits WHERE id = $1', [auditId]);
    if (!row) return null;
    // Sheet names sort the same in both engines' byte order ("C" collation here).
    const facts = await this.read<{ sheet: SheetKey; data: string }>(
      'SELECT sheet, data FROM facts WHERE audit_id = $1 ORDER BY sheet COLLATE "C", position',
      [auditId],
    );
    const rosters = await this.read<{ data: string }>('SELECT data FROM staff_rosters WHERE audit_id = $1', [auditId]);
    return assembleFacts(row.row_counts, facts, rosters);
  }

  async listAudits(query: AuditQuery = {}): Promise<AuditListItem[]> {
    const rows = await this.read<AuditRow & { books: string | null }>(
      `SELECT a.*, u.sha256,
          (SELECT string_agg(rulebook, ',' ORDER BY position) FROM audit_rulebooks r WHERE r.audit_id = a.id) AS books
        FROM audits a JOIN uploads u ON u.id = a.upload_id
        WHERE ($1::text IS NULL OR a.id IN (SELECT audit_id FROM facts WHERE facility_id = $1 AND sheet = 'facilities'
                 AND ($2::text IS NULL OR jurisdiction = $2)))
          AND ($2::text IS NULL OR a.id IN (SELECT audit_id FROM facts WHERE jurisdiction = $2))
        ORDER BY a.created_at DESC, a.id DESC LIMIT $3 OFFSET $4`,
      [query.facility ?? null, query.jurisdiction ?? null, query.limit ?? 100, query.offset ?? 0],
    );
    return rows.map(listItem);
  }

  async getOriginal(auditId: string, position = 0): Promise<Original | null> {
    const [row] = await this.read<OriginalRow & { bytes: Buffer }>(GET_ORIGINAL, [auditId, position]);
    return row ? originalFrom(row) : null;
  }

  async listOriginals(auditId: string): Promise<OriginalInfo[] | null> {
    const rows = await this.read<OriginalRow>(LIST_ORIGINALS, [auditId]);
    if (rows.length > 0) return rows.map(originalInfo);
    return (await this.read('SELECT 1 FROM audits WHERE id = $1', [auditId])).length > 0 ? [] : null;
  }

  async health(): Promise<StoreHealth> {
    const [row] = await this.read<{ version: number }>('SELECT version FROM eldercare_schema', []);
    const probe = await probeWrite(() =>
      this.pool.query('INSERT INTO health_probe (id, checked_at) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at', [
        new Date().toISOString(),
      ]),
    );
    return { engine: this.engine, schemaVersion: row?.version ?? 0, ...probe };
  }

  /** A consistent online copy with pg_dump (custom format, restorable with pg_restore). */
  async backup(destination: string): Promise<void> {
    await this.ready;
    await new Promise<void>((resolve, reject) => {
      const child = spawn('pg_dump', ['--format=custom', `--file=${destination}`, this.url], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', (error) => reject(new StoreError(`pg_dump is needed to back up a PostgreSQL store: ${error.message}`)));
      child.on('close', (code) => (code === 0 ? resolve() : reject(new StoreError(`pg_dump failed: ${stderr.trim()}`))));
    });
  }

  async close(): Promise<void> {
    await this.ready.catch(() => undefined);
    await this.pool.end();
  }
}
