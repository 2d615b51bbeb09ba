// The SQLite engine of the store, better-sqlite3 as documented: WAL, foreign keys, a busy
// timeout, statements prepared once, one synchronous transaction per audit.
import Database, { type Database as Db, type Statement, type Transaction } from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { statfs } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SheetKey, WorkbookFacts } from '../../checks/facts.js';
import { assertNotNewer, migrateSqlite, schemaVersion } from './migrate-sqlite.js';
import { eachRoster } from './rosters.js';
import {
  assembleFacts,
  auditRow,
  EMPTY_SOURCE,
  eachFactRow,
  findingFromRow,
  eachFindingToStore,
  INSERT_FINDINGS_INTO,
  OWN_COLUMNS,
  SOURCE_COLUMNS,
  listItem,
  newAuditId,
  storedAudit,
  type AuditRow,
  type FindingRow,
  type RulebookRow,
  type SourceRow,
} from './rows.js';
import { formatSize } from '../workbook/zip.js';
import { probeWrite, writeFailure } from './write-failures.js';
import { findingsPageSql, pageRow, pageSourcesSql, type FindingsPageQuery, type PositionedFinding } from './findings-pages.js';
import { SqliteOriginals } from './originals-sqlite.js';
import { checkpointAside, startCheckpointThread, type CheckpointThreadData } from './sqlite-checkpoint.js';
import { originalsToStore, workbookFiles } from './originals-rows.js';
import type { AuditListItem, AuditQuery, AuditScope, AuditStore, NewAudit, Original, OriginalInfo, StoredAudit, StoreHealth, StoreLocation } from './types.js';

export interface SqliteOptions {
  /** /healthz reports the database unwritable when its disk has less free space than this. */
  minFreeBytes: number;
  /** A cap on the file, in pages (PRAGMA max_page_count): a quota, applied on every connection. */
  maxPageCount?: number;
}

export const DEFAULT_SQLITE_OPTIONS: SqliteOptions = { minFreeBytes: 64 * 1024 * 1024 };

/**
 * After a checkpoint the WAL is cut back to this size: without it the file stays at its
 * high-water mark (a county audit's transaction, tens of MB) for good.
 */
const WAL_SIZE_LIMIT = 4 * 1024 * 1024;

/** How long a write waits for another connection's transaction (an audit being stored) to end. */
const BUSY_TIMEOUT_MS = 10_000;
/** The page size of a database file this store creates (SQLite's default is 4 KB). */
const NEW_FILE_PAGE_SIZE = 16_384;

/**
 * The page cache, in KiB, while an audit is stored (SQLite's default here is 16 MB). An audit's
 * rows are appended, so a page written out is seldom wanted again in that transaction: a small
 * cache reuses its few pages, where the default one takes 16 MB of fresh memory for a county
 * audit, each page of it a page fault (dear on a virtual machine). Storing the county workbook,
 * `check --json --db`, paired runs: CPU 0.92×, wall 0.90×, system time −0.13 s, peak −14 MB.
 */
const SAVE_CACHE_KIB = 2000;

/** A file with no page yet: one this store is about to create, whose page size may still be set. */
const isNewFile = (db: Db) => (db.pragma('page_count', { simple: true }) as number) === 0;

export class SqliteStore implements AuditStore {
  readonly engine = 'sqlite';
  readonly shared: StoreLocation | null;
  private readonly db: Db;
  private readonly statements: Record<string, Statement>;
  private readonly originals: SqliteOriginals;
  private readonly saveTransaction: Transaction<(audit: NewAudit, auditId: string, createdAt: string) => void>;
  /** The file's checkpoint thread (sqlite-checkpoint.ts); none for a database in memory. */
  private readonly checkpointThread: CheckpointThreadData | null;

  constructor(
    readonly path: string,
    private readonly options: SqliteOptions = DEFAULT_SQLITE_OPTIONS,
  ) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    // Refuse a database from a newer tool before anything (even the WAL switch) writes to it.
    try {
      assertNotNewer(this.db);
    } catch (error) {
      this.db.close();
      throw error;
    }
    // A new file gets 16 KB pages: a county audit's rows and its original's bytes take fewer
    // pages and B-tree splits (storing a county ≈15–19 % less CPU). It must come before WAL and
    // the first table; an existing file keeps the page size it was made with.
    if (isNewFile(this.db)) this.db.pragma(`page_size = ${NEW_FILE_PAGE_SIZE}`);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT}`);
    this.db.pragma('foreign_keys = ON');
    this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    this.db.pragma('synchronous = NORMAL');
    if (options.maxPageCount !== undefined) this.db.pragma(`max_page_count = ${Math.floor(options.maxPageCount)}`);
    this.shared = path === ':memory:' ? null : { location: path, sqlite: options.maxPageCount === undefined ? {} : { maxPageCount: options.maxPageCount } };
    this.checkpointThread = path === ':memory:' ? null : { path, busyTimeoutMs: BUSY_TIMEOUT_MS };
    migrateSqlite(this.db);
    const db = this.db;
    this.statements = {
      insertAudit: db.prepare(`INSERT INTO audits (id, upload_id, file_name, uploaded_by, created_at, as_of,
        rulebook_selection, tool_name, tool_version, rerun_of, pass, warn, fail, not_applicable, insufficient_data,
        row_counts, warnings, workbook_sha256) VALUES (@id, @upload_id, @file_name, @uploaded_by, @created_at, @as_of,
        @rulebook_selection, @tool_name, @tool_version, @rerun_of, @pass, @warn, @fail, @not_applicable,
        @insufficient_data, @row_counts, @warnings, @workbook_sha256)`),
      insertRulebook: db.prepare(`INSERT INTO audit_rulebooks (audit_id, position, rulebook, version, status,
        title_zh, title_en, file_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
      insertFact: db.prepare(`INSERT INTO facts (audit_id, sheet, position, subject_id, facility_id, jurisdiction, data)
        VALUES (?, ?, ?, ?, ?, ?, ?)`),
      insertSource: db.prepare(
        `INSERT INTO finding_sources (audit_id, id, ${SOURCE_COLUMNS.join(', ')}) VALUES (?, ?, ${SOURCE_COLUMNS.map(() => '?').join(', ')})`,
      ),
      insertFinding: db.prepare(`${INSERT_FINDINGS_INTO} VALUES (?, ?, ${OWN_COLUMNS.map(() => '?').join(', ')}, ?, ${EMPTY_SOURCE})`),
      getAudit: db.prepare(`SELECT a.*, u.sha256 FROM audits a JOIN uploads u ON u.id = a.upload_id WHERE a.id = ?`),
      getRulebooks: db.prepare('SELECT * FROM audit_rulebooks WHERE audit_id = ? ORDER BY position'),
      getFindings: db.prepare('SELECT * FROM finding_rows WHERE audit_id = ? ORDER BY position'),
      getFacilityFindings: db.prepare(
        `SELECT * FROM finding_rows WHERE audit_id = @audit AND subject_kind = 'facility' AND subject_id = @facility
           AND (@jurisdiction IS NULL OR jurisdiction = @jurisdiction) ORDER BY position`,
      ),
      getFacts: db.prepare('SELECT sheet, data FROM facts WHERE audit_id = ? ORDER BY sheet, position'),
      insertRoster: db.prepare('INSERT INTO staff_rosters (audit_id, facility_id, staff_count, data) VALUES (?, ?, ?, ?)'),
      getRosters: db.prepare('SELECT data FROM staff_rosters WHERE audit_id = ?'),
      probe: db.prepare('INSERT INTO health_probe (id, checked_at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at'),
      listAudits: db.prepare(`SELECT a.*, u.sha256,
          (SELECT group_concat(rulebook, ',') FROM audit_rulebooks r WHERE r.audit_id = a.id) AS books
        FROM audits a JOIN uploads u ON u.id = a.upload_id
        WHERE (@facility IS NULL OR a.id IN (SELECT audit_id FROM facts WHERE facility_id = @facility AND sheet = 'facilities'
                 AND (@jurisdiction IS NULL OR jurisdiction = @jurisdiction)))
          AND (@jurisdiction IS NULL OR a.id IN (SELECT audit_id FROM facts WHERE jurisdiction = @jurisdiction))
        ORDER BY a.created_at DESC, a.id DESC LIMIT @limit OFFSET @offset`),
    };
    this.originals = new SqliteOriginals(db);
    this.saveTransaction = this.db.transaction((audit: NewAudit, auditId: string, createdAt: string) =>
      this.insertAudit(audit, auditId, createdAt),
    );
  }

  private insertAudit(audit: NewAudit, auditId: string, createdAt: string): void {
    const s = this.statements;
    const { result } = audit;
    const files = originalsToStore(audit);
    const uploadIds = this.originals.uploads(files, createdAt);
    s.insertAudit!.run({ ...auditRow(audit, auditId, createdAt), upload_id: uploadIds[0] });
    this.originals.link(auditId, files, uploadIds);
    result.rulebooks.forEach((book, position) => {
      const hash = audit.rulebooks.find((b) => b.id === book.id)?.fileHash ?? '';
      s.insertRulebook!.run(auditId, position, book.id, book.version, book.status, book.title.zh, book.title.en, hash);
    });
    for (const roster of eachRoster(audit.facts.staff)) {
      s.insertRoster!.run(auditId, roster.facilityId, roster.staffCount, roster.data);
    }
    for (const fact of eachFactRow(audit.facts)) {
      s.insertFact!.run(auditId, fact.sheet, fact.position, fact.subject_id, fact.facility_id, fact.jurisdiction, fact.data);
    }
    // Each source after the findings that name it: `source` is a plain number, not a foreign key.
    const sources: SourceRow[] = [];
    for (const row of eachFindingToStore(result.findings, sources)) s.insertFinding!.run(auditId, ...row);
    for (const source of sources) s.insertSource!.run(auditId, source.id, ...SOURCE_COLUMNS.map((column) => source[column]));
  }

  async saveAudit(audit: NewAudit): Promise<string> {
    if (!audit.result.valid) throw new Error('a rejected workbook is never stored');
    const auditId = audit.auditId ?? newAuditId();
    if (this.checkpointThread) startCheckpointThread(this.checkpointThread);
    // The connection's own cache comes back after the save, for the reads that follow; so does
    // its automatic checkpoint, which here would run inside the COMMIT (see checkpointAside).
    const cacheSize = this.db.pragma('cache_size', { simple: true }) as number;
    const autocheckpoint = this.db.pragma('wal_autocheckpoint', { simple: true }) as number;
    this.db.pragma(`cache_size = -${SAVE_CACHE_KIB}`);
    this.db.pragma('wal_autocheckpoint = 0');
    try {
      // BEGIN IMMEDIATE: take the write lock up front so that two writers queue on the busy
      // timeout instead of failing on a lock upgrade.
      this.saveTransaction.immediate(audit, auditId, new Date().toISOString());
    } catch (error) {
      throw writeFailure(error);
    } finally {
      this.db.pragma(`cache_size = ${cacheSize}`);
      this.db.pragma(`wal_autocheckpoint = ${autocheckpoint}`);
    }
    // Copy the audit's pages into the database now and cut the WAL back (journal_size_limit);
    // a reader still in the WAL only makes this a partial checkpoint, finished by a later one.
    // A file's is made on a thread of its own while this one goes on (sqlite-checkpoint.ts);
    // one that thread could not make (it could not start, or open the file) is made here.
    if (this.checkpointThread) await checkpointAside(this.checkpointThread).catch(() => this.db.pragma('wal_checkpoint(TRUNCATE)'));
    return auditId;
  }

  /**
   * A small write on this connection (a session, a token, the health probe) that never blocks
   * the thread: while another connection stores an audit, it waits between tries instead of in
   * SQLite's busy handler.
   */
  async writeSoon<T>(write: () => T): Promise<T> {
    const deadline = Date.now() + BUSY_TIMEOUT_MS;
    for (;;) {
      this.db.pragma('busy_timeout = 0');
      try {
        return write();
      } catch (error) {
        if (!String((error as { code?: string }).code).startsWith('SQLITE_BUSY') || Date.now() > deadline) throw error;
      } finally {
        this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async getAudit(auditId: string, scope?: AuditScope): Promise<StoredAudit | null> {
    const head = await this.getAuditHead(auditId);
    if (!head) return null;
    const s = this.statements;
    const findings = (
      scope
        ? s.getFacilityFindings!.all({ audit: auditId, facility: scope.facility, jurisdiction: scope.jurisdiction ?? null })
        : s.getFindings!.all(auditId)
    ) as FindingRow[];
    return { ...head, result: { ...head.result, findings: findings.map(findingFromRow) } };
  }

  async getAuditHead(auditId: string): Promise<StoredAudit | null> {
    const row = this.statements.getAudit!.get(auditId) as AuditRow | undefined;
    if (!row) return null;
    // Only an audit of several files lists them (one file's audit reads as it always did).
    const files = row.workbook_sha256 ? workbookFiles(this.originals.list(auditId) ?? []) : undefined;
    return storedAudit(row, this.statements.getRulebooks!.all(auditId) as RulebookRow[], [], files);
  }

  /** The few shapes of page query, each prepared once. */
  private readonly pageStatements = new Map<string, Statement>();

  async findingsPage(auditId: string, query: FindingsPageQuery): Promise<PositionedFinding[]> {
    const { sql, params } = findingsPageSql(auditId, query, () => '?');
    const sources = new Map((this.pageStatement(pageSourcesSql(() => '?')).all(auditId) as SourceRow[]).map((source) => [source.id, source]));
    return (this.pageStatement(sql).all(...params) as (FindingRow & { position: number; source: number | null })[]).map((row) => ({
      position: row.position,
      finding: findingFromRow(pageRow(row, sources)),
    }));
  }

  private pageStatement(sql: string): Statement {
    let statement = this.pageStatements.get(sql);
    if (!statement) this.pageStatements.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }

  async getFacts(auditId: string): Promise<WorkbookFacts | null> {
    const s = this.statements;
    const row = s.getAudit!.get(auditId) as AuditRow | undefined;
    if (!row) return null;
    return assembleFacts(
      row.row_counts,
      s.getFacts!.iterate(auditId) as Iterable<{ sheet: SheetKey; data: string }>,
      s.getRosters!.all(auditId) as { data: string }[],
    );
  }

  async listAudits(query: AuditQuery = {}): Promise<AuditListItem[]> {
    const rows = this.statements.listAudits!.all({
      facility: query.facility ?? null,
      jurisdiction: query.jurisdiction ?? null,
      limit: query.limit ?? 100,
      offset: query.offset ?? 0,
    }) as (AuditRow & { books: string | null })[];
    return rows.map(listItem);
  }

  async getOriginal(auditId: string, position = 0): Promise<Original | null> {
    return this.originals.get(auditId, position);
  }

  async listOriginals(auditId: string): Promise<OriginalInfo[] | null> {
    return this.originals.list(auditId);
  }

  /** The open database, for the other stores that share this file (users, sessions). */
  get database(): Db {
    return this.db;
  }

  async health(): Promise<StoreHealth> {
    const base = { engine: this.engine, schemaVersion: schemaVersion(this.db) };
    // One try without waiting: a lock held by another writer (an audit being stored) proves the
    // database writable; only the machine's refusals (full, read-only) make it unwritable.
    const probe = await probeWrite(() => {
      this.db.pragma('busy_timeout = 0');
      try {
        this.statements.probe!.run(new Date().toISOString());
      } catch (error) {
        if (!String((error as { code?: string }).code).startsWith('SQLITE_BUSY')) throw error;
      } finally {
        this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      }
    });
    if (!probe.writable || this.path === ':memory:') return { ...base, ...probe };
    // A write of one row still fits on a disk that no audit would: say so before an upload fails.
    const disk = await statfs(dirname(this.path));
    const free = disk.bavail * disk.bsize;
    if (free < this.options.minFreeBytes) {
      return { ...base, writable: false, reason: { zh: `磁盘将满（仅剩 ${formatSize(free).zh}）`, en: `the disk is nearly full (${formatSize(free).en} free)` } };
    }
    return { ...base, writable: true };
  }

  async backup(destination: string): Promise<void> {
    mkdirSync(dirname(destination), { recursive: true });
    await this.db.backup(destination);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
