// The SQLite engine of the store, better-sqlite3 as documented: WAL, foreign keys, a busy
// timeout, statements prepared once, one synchronous transaction per audit.
import Database, { type Database as Db, type Statement, type Transaction } from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { SHEET_KEYS, type SheetKey, type WorkbookFacts } from '../../checks/facts.js';
import type { Finding } from '../../checks/finding.js';
import type { AuditResult } from '../audit/result.js';
import { assertNotNewer, migrateSqlite } from './migrate-sqlite.js';
import { decodeRoster, encodeRosters } from './rosters.js';
import type { AuditListItem, AuditQuery, AuditStore, NewAudit, Original, StoredAudit } from './types.js';

const FACT_KEYS: Record<SheetKey, { id: string; list: keyof Omit<WorkbookFacts, 'sheets'> }> = {
  facilities: { id: 'facility_id', list: 'facilities' },
  staff: { id: 'staff_id', list: 'staff' },
  residential_areas: { id: 'area_id', list: 'areas' },
  sites: { id: 'site_id', list: 'sites' },
  region: { id: 'jurisdiction', list: 'regions' },
};

interface AuditRow {
  id: string;
  file_name: string;
  uploaded_by: string;
  created_at: string;
  as_of: string;
  rulebook_selection: string | null;
  tool_name: string;
  tool_version: string;
  rerun_of: string | null;
  pass: number;
  warn: number;
  fail: number;
  not_applicable: number;
  insufficient_data: number;
  row_counts: string;
  warnings: string;
  sha256: string;
}

interface FindingRow {
  rule: string;
  rulebook: string;
  title_zh: string;
  title_en: string;
  subject_kind: Finding['subject']['kind'];
  subject_id: string;
  subject_name: string;
  jurisdiction: string;
  status: Finding['status'];
  measured: number | null;
  required: number | null;
  unit: Finding['unit'];
  shortfall: number | null;
  due: string | null;
  basis_included: number | null;
  basis_excluded: number | null;
  missing: string;
  seed: string;
  clause: string;
  quote: string;
  reading: string | null;
  message_zh: string;
  message_en: string;
}

/** Readable, sortable and unguessable: `20251231-093015-a1b2c3d4`. */
export function newAuditId(now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${randomBytes(4).toString('hex')}`;
}

function findingFromRow(row: FindingRow): Finding {
  return {
    rule: row.rule,
    rulebook: row.rulebook,
    title: { zh: row.title_zh, en: row.title_en },
    subject: { kind: row.subject_kind, id: row.subject_id, name: row.subject_name, jurisdiction: row.jurisdiction },
    status: row.status,
    measured: row.measured,
    required: row.required,
    unit: row.unit,
    shortfall: row.shortfall,
    due: row.due,
    basis: row.basis_included === null ? null : { included: row.basis_included, excluded: row.basis_excluded ?? 0 },
    missing: JSON.parse(row.missing) as string[],
    source: {
      seed: row.seed,
      clause: row.clause,
      quote: row.quote,
      ...(row.reading ? { reading: JSON.parse(row.reading) as { zh: string; en: string } } : {}),
    },
    message: { zh: row.message_zh, en: row.message_en },
  };
}

export class SqliteStore implements AuditStore {
  readonly engine = 'sqlite';
  private readonly db: Db;
  private readonly statements: Record<string, Statement>;
  private readonly saveTransaction: Transaction<(audit: NewAudit, auditId: string, createdAt: string) => void>;

  constructor(readonly path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    // Refuse a database from a newer tool before anything (even the WAL switch) writes to it.
    try {
      assertNotNewer(this.db);
    } catch (error) {
      this.db.close();
      throw error;
    }
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 10000');
    this.db.pragma('synchronous = NORMAL');
    migrateSqlite(this.db);
    const db = this.db;
    this.statements = {
      findUpload: db.prepare('SELECT id FROM uploads WHERE sha256 = ?'),
      insertUpload: db.prepare('INSERT INTO uploads (sha256, size, bytes, created_at) VALUES (?, ?, ?, ?)'),
      insertAudit: db.prepare(`INSERT INTO audits (id, upload_id, file_name, uploaded_by, created_at, as_of,
        rulebook_selection, tool_name, tool_version, rerun_of, pass, warn, fail, not_applicable, insufficient_data,
        row_counts, warnings) VALUES (@id, @upload_id, @file_name, @uploaded_by, @created_at, @as_of,
        @rulebook_selection, @tool_name, @tool_version, @rerun_of, @pass, @warn, @fail, @not_applicable,
        @insufficient_data, @row_counts, @warnings)`),
      insertRulebook: db.prepare(`INSERT INTO audit_rulebooks (audit_id, position, rulebook, version, status,
        title_zh, title_en, file_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
      insertFact: db.prepare(`INSERT INTO facts (audit_id, sheet, position, subject_id, facility_id, jurisdiction, data)
        VALUES (?, ?, ?, ?, ?, ?, ?)`),
      insertFinding: db.prepare(`INSERT INTO findings (audit_id, position, rule, rulebook, title_zh, title_en,
        subject_kind, subject_id, subject_name, jurisdiction, status, measured, required, unit, shortfall, due,
        basis_included, basis_excluded, missing, seed, clause, quote, reading, message_zh, message_en)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      getAudit: db.prepare(`SELECT a.*, u.sha256 FROM audits a JOIN uploads u ON u.id = a.upload_id WHERE a.id = ?`),
      getRulebooks: db.prepare('SELECT * FROM audit_rulebooks WHERE audit_id = ? ORDER BY position'),
      getFindings: db.prepare('SELECT * FROM findings WHERE audit_id = ? ORDER BY position'),
      getFacts: db.prepare('SELECT sheet, data FROM facts WHERE audit_id = ? ORDER BY sheet, position'),
      insertRoster: db.prepare('INSERT INTO staff_rosters (audit_id, facility_id, staff_count, data) VALUES (?, ?, ?, ?)'),
      getRosters: db.prepare('SELECT data FROM staff_rosters WHERE audit_id = ?'),
      getOriginal: db.prepare(`SELECT a.file_name, u.sha256, u.bytes FROM audits a JOIN uploads u ON u.id = a.upload_id
        WHERE a.id = ?`),
      listAudits: db.prepare(`SELECT a.*, u.sha256,
          (SELECT group_concat(rulebook, ',') FROM audit_rulebooks r WHERE r.audit_id = a.id) AS books
        FROM audits a JOIN uploads u ON u.id = a.upload_id
        WHERE (@facility IS NULL OR a.id IN (SELECT audit_id FROM facts WHERE facility_id = @facility AND sheet = 'facilities'))
          AND (@jurisdiction IS NULL OR a.id IN (SELECT audit_id FROM facts WHERE jurisdiction = @jurisdiction))
        ORDER BY a.created_at DESC, a.id DESC LIMIT @limit OFFSET @offset`),
    };
    this.saveTransaction = this.db.transaction((audit: NewAudit, auditId: string, createdAt: string) =>
      this.insertAudit(audit, auditId, createdAt),
    );
  }

  private insertAudit(audit: NewAudit, auditId: string, createdAt: string): void {
    const s = this.statements;
    const { result } = audit;
    const sha256 = createHash('sha256').update(audit.bytes).digest('hex');
    const existing = s.findUpload!.get(sha256) as { id: number } | undefined;
    const uploadId = existing
      ? existing.id
      : Number(s.insertUpload!.run(sha256, audit.bytes.length, audit.bytes, createdAt).lastInsertRowid);
    s.insertAudit!.run({
      id: auditId,
      upload_id: uploadId,
      file_name: audit.fileName,
      uploaded_by: audit.uploadedBy,
      created_at: createdAt,
      as_of: result.asOf,
      rulebook_selection: audit.rulebookSelection,
      tool_name: result.tool.name,
      tool_version: result.tool.version,
      rerun_of: audit.rerunOf ?? null,
      ...result.summary,
      row_counts: JSON.stringify(result.workbook.rows),
      warnings: JSON.stringify(result.warnings),
    });
    result.rulebooks.forEach((book, position) => {
      const hash = audit.rulebooks.find((b) => b.id === book.id)?.fileHash ?? '';
      s.insertRulebook!.run(auditId, position, book.id, book.version, book.status, book.title.zh, book.title.en, hash);
    });
    for (const roster of encodeRosters(audit.facts.staff)) {
      s.insertRoster!.run(auditId, roster.facilityId, roster.staffCount, roster.data);
    }
    for (const sheet of SHEET_KEYS) {
      if (sheet === 'staff') continue;
      const { id, list } = FACT_KEYS[sheet];
      (audit.facts[list] as unknown as Record<string, unknown>[]).forEach((fact, position) => {
        const facilityId = typeof fact['facility_id'] === 'string' ? fact['facility_id'] : null;
        const jurisdiction = typeof fact['jurisdiction'] === 'string' ? fact['jurisdiction'] : null;
        s.insertFact!.run(auditId, sheet, position, String(fact[id]), facilityId, jurisdiction, JSON.stringify(fact));
      });
    }
    result.findings.forEach((f, position) => {
      s.insertFinding!.run(
        auditId,
        position,
        f.rule,
        f.rulebook,
        f.title.zh,
        f.title.en,
        f.subject.kind,
        f.subject.id,
        f.subject.name,
        f.subject.jurisdiction,
        f.status,
        f.measured,
        f.required,
        f.unit,
        f.shortfall,
        f.due,
        f.basis?.included ?? null,
        f.basis?.excluded ?? null,
        JSON.stringify(f.missing),
        f.source.seed,
        f.source.clause,
        f.source.quote,
        f.source.reading ? JSON.stringify(f.source.reading) : null,
        f.message.zh,
        f.message.en,
      );
    });
  }

  async saveAudit(audit: NewAudit): Promise<string> {
    if (!audit.result.valid) throw new Error('a rejected workbook is never stored');
    const auditId = newAuditId();
    // BEGIN IMMEDIATE: take the write lock up front so that two writers queue on the busy
    // timeout instead of failing on a lock upgrade.
    this.saveTransaction.immediate(audit, auditId, new Date().toISOString());
    return auditId;
  }

  async getAudit(auditId: string): Promise<StoredAudit | null> {
    const s = this.statements;
    const row = s.getAudit!.get(auditId) as AuditRow | undefined;
    if (!row) return null;
    const books = s.getRulebooks!.all(auditId) as { rulebook: string; version: string; status: string; title_zh: string; title_en: string }[];
    const findings = (s.getFindings!.all(auditId) as FindingRow[]).map(findingFromRow);
    const result: AuditResult = {
      tool: { name: row.tool_name, version: row.tool_version },
      asOf: row.as_of,
      valid: true,
      workbook: { file: row.file_name, sha256: row.sha256, rows: JSON.parse(row.row_counts) as AuditResult['workbook']['rows'] },
      rulebooks: books.map((b) => ({
        id: b.rulebook,
        version: b.version,
        status: b.status as AuditResult['rulebooks'][number]['status'],
        title: { zh: b.title_zh, en: b.title_en },
      })),
      summary: {
        pass: row.pass,
        warn: row.warn,
        fail: row.fail,
        not_applicable: row.not_applicable,
        insufficient_data: row.insufficient_data,
      },
      findings,
      errors: [],
      warnings: JSON.parse(row.warnings) as AuditResult['warnings'],
    };
    return {
      auditId: row.id,
      createdAt: row.created_at,
      uploadedBy: row.uploaded_by,
      rulebookSelection: row.rulebook_selection,
      rerunOf: row.rerun_of,
      result,
    };
  }

  async getFacts(auditId: string): Promise<WorkbookFacts | null> {
    const row = this.statements.getAudit!.get(auditId) as AuditRow | undefined;
    if (!row) return null;
    const present = JSON.parse(row.row_counts) as Partial<Record<SheetKey, number>>;
    const facts: WorkbookFacts = {
      sheets: Object.fromEntries(SHEET_KEYS.map((key) => [key, present[key] !== undefined])) as Record<SheetKey, boolean>,
      facilities: [],
      staff: [],
      areas: [],
      sites: [],
      regions: [],
    };
    for (const fact of this.statements.getFacts!.iterate(auditId) as Iterable<{ sheet: SheetKey; data: string }>) {
      (facts[FACT_KEYS[fact.sheet].list] as unknown[]).push(JSON.parse(fact.data));
    }
    const staff = (this.statements.getRosters!.all(auditId) as { data: string }[]).flatMap((roster) => decodeRoster(roster.data));
    facts.staff = staff.sort((a, b) => a.position - b.position).map(({ member }) => member);
    return facts;
  }

  async listAudits(query: AuditQuery = {}): Promise<AuditListItem[]> {
    const rows = this.statements.listAudits!.all({
      facility: query.facility ?? null,
      jurisdiction: query.jurisdiction ?? null,
      limit: query.limit ?? 100,
      offset: query.offset ?? 0,
    }) as (AuditRow & { books: string | null })[];
    return rows.map((row) => ({
      auditId: row.id,
      createdAt: row.created_at,
      asOf: row.as_of,
      fileName: row.file_name,
      uploadedBy: row.uploaded_by,
      sha256: row.sha256,
      rulebooks: row.books ? row.books.split(',') : [],
      rerunOf: row.rerun_of,
      summary: {
        pass: row.pass,
        warn: row.warn,
        fail: row.fail,
        not_applicable: row.not_applicable,
        insufficient_data: row.insufficient_data,
      },
    }));
  }

  async getOriginal(auditId: string): Promise<Original | null> {
    const row = this.statements.getOriginal!.get(auditId) as { file_name: string; sha256: string; bytes: Buffer } | undefined;
    return row ? { fileName: row.file_name, sha256: row.sha256, bytes: row.bytes } : null;
  }

  async backup(destination: string): Promise<void> {
    mkdirSync(dirname(destination), { recursive: true });
    await this.db.backup(destination);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
