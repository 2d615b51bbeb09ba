// The SQLite store on real files in a temp dir: its migrations and backup, then the contract
// every engine shares (test/support/store-contract.ts).
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMigrations, migrateSqlite, schemaVersion } from '../server/store/migrate-sqlite.js';
import { SqliteStore } from '../server/store/sqlite.js';
import { auditOf, countyFacts } from './support/store-audits.js';
import { storeContract, type TestEngine } from './support/store-contract.js';
import { userStoreContract } from './support/user-store-contract.js';
import { rectificationContract } from './support/rectification-contract.js';

const dir = mkdtempSync(join(tmpdir(), 'eldercare-store-'));
let counter = 0;
const dbPath = () => join(dir, `store-${++counter}.db`);

const sqlite: TestEngine = {
  name: 'sqlite',
  dir,
  async newLocation() {
    return dbPath();
  },
  async query<T>(location: string, sql: string) {
    const db = new Database(location);
    try {
      const statement = db.prepare(sql);
      return (statement.reader ? statement.all() : (statement.run(), [])) as T[];
    } finally {
      db.close();
    }
  },
};

describe('SQLite migrations', () => {
  const migrations = loadMigrations();

  it('migrates an empty file to the newest version', () => {
    const db = new Database(dbPath());
    migrateSqlite(db);
    expect(schemaVersion(db)).toBe(migrations.length);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  for (let version = 0; version < migrations.length; version += 1) {
    it(`migrates a file at version ${version}`, () => {
      const db = new Database(dbPath());
      migrateSqlite(db, migrations, version);
      expect(schemaVersion(db)).toBe(version);
      migrateSqlite(db);
      expect(schemaVersion(db)).toBe(migrations.length);
      db.close();
    });
  }

  it('refuses a database from a newer version and leaves it untouched', () => {
    const path = dbPath();
    const db = new Database(path);
    db.pragma('user_version = 999');
    db.close();
    const before = readFileSync(path);
    expect(() => new SqliteStore(path)).toThrow(/newer than this eldercare-audit supports/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });
});

describe('the SQLite engine', () => {
  it('makes an online backup that holds every audit', async () => {
    const store = new SqliteStore(dbPath());
    const id = await store.saveAudit(auditOf(countyFacts(2), Buffer.from('backup me')));
    const copy = join(dir, 'backup.db');
    await store.backup(copy);
    await store.close();
    const restored = new SqliteStore(copy);
    expect((await restored.getAudit(id))!.result.findings.length).toBeGreaterThan(0);
    await restored.close();
  });

  it('cuts the WAL back after a county-scale audit instead of keeping its high-water mark', async () => {
    const path = dbPath();
    const store = new SqliteStore(path);
    await store.saveAudit(auditOf(countyFacts(2000), Buffer.from('a county')));
    const database = statSync(path).size;
    expect(database).toBeGreaterThan(8_000_000);
    // The audit's transaction went through the WAL; it is in the database now, and the WAL is empty.
    expect(statSync(`${path}-wal`).size).toBeLessThan(1_000_000);
    // The next audit's checkpoint is made by the same file's thread, kept between audits.
    await store.saveAudit(auditOf(countyFacts(2000), Buffer.from('a second county')));
    expect(statSync(path).size).toBeGreaterThan(database + 6_000_000);
    expect(statSync(`${path}-wal`).size).toBeLessThan(1_000_000);
    await store.close();
  });

  it('gives the connection its own page cache and automatic checkpoint back after storing an audit, stored or refused', async () => {
    const store = new SqliteStore(dbPath());
    store.database.pragma('cache_size = -8000');
    store.database.pragma('wal_autocheckpoint = 500');
    const settings = () => [store.database.pragma('cache_size', { simple: true }), store.database.pragma('wal_autocheckpoint', { simple: true })];
    await store.saveAudit(auditOf(countyFacts(3), Buffer.from('cache kept')));
    expect(settings()).toEqual([-8000, 500]);
    store.database.pragma('query_only = ON');
    await expect(store.saveAudit(auditOf(countyFacts(3), Buffer.from('cache kept, refused')))).rejects.toThrow(/read-only/);
    expect(settings()).toEqual([-8000, 500]);
    await store.close();
  });

  it('finds the audits of a facility or jurisdiction, and a report\'s issues, through the partial indexes of 007', async () => {
    const path = dbPath();
    const store = new SqliteStore(path);
    const id = await store.saveAudit(auditOf(countyFacts(3), Buffer.from('partial indexes')));
    const facts = await store.getFacts(id);
    const facility = facts!.facilities[0]!;
    expect((await store.listAudits({ facility: facility.facility_id, jurisdiction: facility.jurisdiction })).map((a) => a.auditId)).toEqual([id]);
    expect((await store.listAudits({ jurisdiction: facility.jurisdiction })).map((a) => a.auditId)).toEqual([id]);
    const plan = (sql: string, ...params: unknown[]) =>
      (store.database.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((row) => row.detail).join(' | ');
    expect(plan("SELECT audit_id FROM facts WHERE facility_id = ? AND sheet = 'facilities'", 'x')).toContain('INDEX facts_facility');
    expect(plan('SELECT audit_id FROM facts WHERE jurisdiction = ?', 'x')).toContain('INDEX facts_jurisdiction');
    expect(plan("SELECT position FROM findings WHERE audit_id = ? AND status IN ('fail', 'warn')", id)).toContain('INDEX findings_issues');
    // Only the rows those queries read are in them.
    const entries = (index: string) => (store.database.prepare(`SELECT count(*) AS n FROM facts INDEXED BY ${index} WHERE ${index === 'facts_facility' ? "sheet = 'facilities' AND facility_id IS NOT NULL" : 'jurisdiction IS NOT NULL'}`).get() as { n: number }).n;
    expect(entries('facts_facility')).toBe(facts!.facilities.length);
    expect(entries('facts_jurisdiction')).toBe(facts!.facilities.length + facts!.areas.length + facts!.regions.length);
    await store.close();
  });

  it('migration 003 keeps a manager bound to the one jurisdiction an id was stored under, and drops what it cannot tell', async () => {
    const path = dbPath();
    const store = new SqliteStore(path);
    await store.saveAudit(auditOf(countyFacts(3), Buffer.from('three homes')));
    await store.close();
    // Back to version 2 as it was: every index of 001 whole (007), findings with their own sources and every index of 001 (006),
    // no files per audit (005), no rectification record (004), bindings by bare id, tokens without expiry.
    const db = new Database(path);
    db.exec(`DROP INDEX findings_issues; CREATE INDEX findings_status ON findings(status, audit_id);
      DROP INDEX facts_facility; CREATE INDEX facts_facility ON facts(facility_id, audit_id);
      DROP INDEX facts_jurisdiction; CREATE INDEX facts_jurisdiction ON facts(jurisdiction, audit_id);
      DROP VIEW finding_rows; DROP TABLE finding_sources; ALTER TABLE findings DROP COLUMN source;
      CREATE INDEX findings_rule ON findings(rule, status); CREATE INDEX findings_jurisdiction ON findings(jurisdiction, audit_id);
      CREATE INDEX staff_rosters_facility ON staff_rosters(facility_id, audit_id);
      DROP TABLE audit_files; ALTER TABLE audits DROP COLUMN workbook_sha256; DROP TABLE rectification_events; DROP TABLE evidence_files; DROP TABLE notice_items; DROP TABLE notices; DROP TABLE waivers;
      DROP TABLE health_probe; DROP INDEX api_tokens_user; ALTER TABLE api_tokens DROP COLUMN expires_at;
      DROP TABLE user_facilities; CREATE TABLE user_facilities (user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        facility_id TEXT NOT NULL, PRIMARY KEY (user_id, facility_id));
      INSERT INTO users (id, name, role, password_hash, disabled, created_at, updated_at) VALUES (1, 'wang', 'facility_manager', 'h', 0, 'now', 'now');
      INSERT INTO user_facilities VALUES (1, 'F1'), (1, 'NOWHERE');
      INSERT INTO api_tokens (user_id, token_hash, created_at) VALUES (1, 'hash', 'then');`);
    db.pragma('user_version = 2');
    migrateSqlite(db);
    expect(db.prepare('SELECT jurisdiction, facility_id FROM user_facilities').all()).toEqual([{ jurisdiction: 'tongxiang', facility_id: 'F1' }]);
    const expires = (db.prepare('SELECT expires_at FROM api_tokens').get() as { expires_at: string }).expires_at;
    expect(Math.round((Date.parse(expires) - Date.now()) / 86_400_000)).toBe(90);
    db.close();
  });

  it('passes its integrity check after the contract’s crash test', async () => {
    // The contract kills a writer mid-transaction; here the file itself must still be sound.
    const path = dbPath();
    const store = new SqliteStore(path);
    await store.saveAudit(auditOf(countyFacts(2), Buffer.from('sound')));
    await store.close();
    expect(await sqlite.query(path, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
  });
});

storeContract(() => sqlite);
userStoreContract(async () => dbPath());
rectificationContract(() => sqlite);
