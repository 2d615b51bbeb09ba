// The SQLite store on real files in a temp dir: migrations, round trips, immutability,
// de-duplication of uploads, a writer killed mid-transaction, and two writers at once.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluateWorkbook } from '../checks/engine.js';
import { projectPath } from '../checks/paths.js';
import { defaultRulebooks } from '../checks/rulebook.js';
import type { WorkbookFacts } from '../checks/facts.js';
import { countStatuses, type AuditResult } from '../server/audit/result.js';
import { loadMigrations, migrateSqlite, schemaVersion } from '../server/store/migrate-sqlite.js';
import { SqliteStore } from '../server/store/sqlite.js';
import type { NewAudit } from '../server/store/types.js';
import { facility, region, staff, workbookFacts } from './support/facts.js';

const dir = mkdtempSync(join(tmpdir(), 'eldercare-store-'));
let counter = 0;
const dbPath = () => join(dir, `store-${++counter}.db`);

/** A county-like set of facts: `n` facilities with staff, and one region row. */
function countyFacts(n: number): WorkbookFacts {
  const facilities = Array.from({ length: n }, (_, i) =>
    facility({ facility_id: `F${i}`, name: `第${i}养老院`, jurisdiction: 'tongxiang', total_beds: 50 + (i % 150), star_rating: i % 6 }),
  );
  const members = facilities.flatMap((f, i) =>
    Array.from({ length: 4 }, (_, j) => staff({ staff_id: `${f.facility_id}-S${j}`, facility_id: f.facility_id, role: j === 0 && i % 2 ? 'social_worker' : 'caregiver', caregiver_level: 'senior' })),
  );
  return workbookFacts({ facilities, staff: members, regions: [region({ jurisdiction: 'tongxiang', elderly_population: 100_000 })] });
}

function auditOf(facts: WorkbookFacts, bytes: Buffer, fileName = 'county.xlsx'): NewAudit {
  const findings = evaluateWorkbook(facts, defaultRulebooks(), { asOf: '2025-12-31' });
  const result: AuditResult = {
    tool: { name: 'eldercare-audit', version: 'test' },
    asOf: '2025-12-31',
    valid: true,
    workbook: { file: fileName, sha256: createHash('sha256').update(bytes).digest('hex'), rows: { facilities: facts.facilities.length, staff: facts.staff.length, region: facts.regions.length } },
    rulebooks: [{ id: 'tongxiang', version: defaultRulebooks().find((b) => b.id === 'tongxiang')!.version, status: 'in_force', title: { zh: '桐乡', en: 'Tongxiang' } }],
    summary: countStatuses(findings),
    findings,
    errors: [],
    warnings: [],
  };
  return { bytes, fileName, uploadedBy: 'test', rulebookSelection: null, result, facts, rulebooks: defaultRulebooks() };
}

const stores: SqliteStore[] = [];
function open(path = dbPath()): SqliteStore {
  const store = new SqliteStore(path);
  stores.push(store);
  return store;
}
afterAll(async () => {
  for (const store of stores) await store.close().catch(() => undefined);
});

describe('migrations', () => {
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

describe('the SQLite store', () => {
  it('returns a stored audit with the same findings, and the original byte for byte', async () => {
    const store = open();
    const bytes = Buffer.from('pretend xlsx bytes 1');
    const audit = auditOf(countyFacts(5), bytes);
    const id = await store.saveAudit(audit);
    const stored = await store.getAudit(id);
    expect(stored!.result).toEqual(audit.result);
    const original = await store.getOriginal(id);
    expect(original!.bytes.equals(bytes)).toBe(true);
    expect(original!.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(await store.getFacts(id)).toEqual({ ...audit.facts, sheets: { facilities: true, staff: true, region: true, residential_areas: false, sites: false } });
    expect(await store.getAudit('nope')).toBeNull();
  });

  it('gives back the staff in sheet order when the sheet interleaves facilities', async () => {
    const store = open();
    const facts = countyFacts(3);
    // Reverse the roster so that no facility's staff are contiguous in the original order.
    const interleaved = workbookFacts({ ...facts, staff: [...facts.staff].reverse().map((m, i) => ({ ...m, row: i + 2 })) });
    const id = await store.saveAudit(auditOf(interleaved, Buffer.from('interleaved')));
    expect((await store.getFacts(id))!.staff).toEqual(interleaved.staff);
  });

  it('stores the same bytes once however often they are uploaded', async () => {
    const path = dbPath();
    const store = open(path);
    const bytes = Buffer.from('same bytes');
    await store.saveAudit(auditOf(countyFacts(2), bytes, 'a.xlsx'));
    await store.saveAudit(auditOf(countyFacts(2), bytes, 'b.xlsx'));
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM uploads').get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT count(*) AS n FROM audits').get()).toEqual({ n: 2 });
    db.close();
  });

  it('lists audits newest first, by facility and by jurisdiction', async () => {
    const store = open();
    const first = await store.saveAudit(auditOf(countyFacts(3), Buffer.from('one')));
    const second = await store.saveAudit(auditOf(countyFacts(1), Buffer.from('two')));
    expect((await store.listAudits()).map((a) => a.auditId)).toEqual([second, first]);
    expect((await store.listAudits({ facility: 'F2' })).map((a) => a.auditId)).toEqual([first]);
    expect((await store.listAudits({ jurisdiction: 'tongxiang' })).length).toBe(2);
    expect(await store.listAudits({ jurisdiction: 'anji' })).toEqual([]);
  });

  it('keeps audits immutable: updates and deletes are refused', async () => {
    const path = dbPath();
    const store = open(path);
    const id = await store.saveAudit(auditOf(countyFacts(1), Buffer.from('immutable')));
    const db = new Database(path);
    expect(() => db.prepare('UPDATE audits SET as_of = ? WHERE id = ?').run('2000-01-01', id)).toThrow(/immutable/);
    expect(() => db.prepare('DELETE FROM findings WHERE audit_id = ?').run(id)).toThrow(/immutable/);
    expect(() => db.prepare('DELETE FROM audits WHERE id = ?').run(id)).toThrow(/immutable/);
    db.close();
  });

  it('makes an online backup that holds every audit', async () => {
    const store = open();
    const id = await store.saveAudit(auditOf(countyFacts(2), Buffer.from('backup me')));
    const copy = join(dir, 'backup.db');
    await store.backup(copy);
    const restored = open(copy);
    expect((await restored.getAudit(id))!.result.findings.length).toBeGreaterThan(0);
  });
});

/** A child process that stores the audit in `auditFile` into `db` over and over. */
function writer(db: string, auditFile: string, times: number) {
  const script = `
    const { readFileSync } = require('node:fs');
    import(${JSON.stringify(projectPath('dist/server/store/sqlite.js'))}).then(async ({ SqliteStore }) => {
      const audit = JSON.parse(readFileSync(${JSON.stringify(auditFile)}, 'utf8'));
      audit.bytes = Buffer.from(audit.bytes, 'base64');
      const store = new SqliteStore(${JSON.stringify(db)});
      for (let i = 0; i < ${times}; i++) {
        audit.bytes = Buffer.concat([audit.bytes.subarray(0, 16), Buffer.from(String(process.pid) + '-' + i)]);
        await store.saveAudit(audit);
        process.stdout.write('saved\\n');
      }
      await store.close();
    });`;
  return spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
}

function auditFile(n: number): string {
  const audit = auditOf(countyFacts(n), Buffer.from('0123456789abcdef'));
  const file = join(dir, `audit-${n}.json`);
  writeFileSync(file, JSON.stringify({ ...audit, bytes: audit.bytes.toString('base64') }));
  return file;
}

function consistency(path: string) {
  const db = new Database(path, { readonly: true });
  const integrity = db.pragma('integrity_check', { simple: true });
  const audits = db.prepare('SELECT id, pass + warn + fail + not_applicable + insufficient_data AS total FROM audits').all() as { id: string; total: number }[];
  const findingCounts = new Map(
    (db.prepare('SELECT audit_id, count(*) AS n FROM findings GROUP BY audit_id').all() as { audit_id: string; n: number }[]).map((r) => [r.audit_id, r.n]),
  );
  const orphans = db
    .prepare(`SELECT (SELECT count(*) FROM findings WHERE audit_id NOT IN (SELECT id FROM audits))
                   + (SELECT count(*) FROM facts WHERE audit_id NOT IN (SELECT id FROM audits))
                   + (SELECT count(*) FROM staff_rosters WHERE audit_id NOT IN (SELECT id FROM audits))
                   + (SELECT count(*) FROM audit_rulebooks WHERE audit_id NOT IN (SELECT id FROM audits))
                   + (SELECT count(*) FROM uploads WHERE id NOT IN (SELECT upload_id FROM audits)) AS n`)
    .get() as { n: number };
  db.close();
  return { integrity, audits, findingCounts, orphans: orphans.n };
}

describe('atomicity and concurrency', () => {
  it('a writer killed with SIGKILL mid-write leaves no trace of its partial audit', async () => {
    const path = dbPath();
    const store = open(path);
    const earlier = await store.saveAudit(auditOf(countyFacts(3), Buffer.from('earlier audit')));
    await store.close();
    const file = auditFile(1500);
    const child = writer(path, file, 1000);
    let saved = 0;
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        saved += chunk.toString().split('saved').length - 1;
        // Kill after a few complete audits, while the next is being written.
        if (saved >= 3) setTimeout(() => child.kill('SIGKILL'), 15 + Math.floor(Math.random() * 30));
      });
      child.on('exit', () => resolve());
    });
    const state = consistency(path);
    expect(state.integrity).toBe('ok');
    expect(state.orphans).toBe(0);
    expect(state.audits.length).toBeGreaterThanOrEqual(4);
    for (const audit of state.audits) expect(state.findingCounts.get(audit.id) ?? 0).toBe(audit.total);
    const reopened = open(path);
    expect((await reopened.getAudit(earlier))!.result.findings.length).toBeGreaterThan(0);
  });

  it('two processes storing audits at the same time both succeed', async () => {
    const path = dbPath();
    open(path); // migrate first, as the app does at start
    const file = auditFile(300);
    const runs = [writer(path, file, 5), writer(path, file, 5)];
    const codes = await Promise.all(runs.map((child) => new Promise<number | null>((resolve) => child.on('exit', resolve))));
    expect(codes).toEqual([0, 0]);
    const state = consistency(path);
    expect(state.audits.length).toBe(10);
    expect(state.integrity).toBe('ok');
    for (const audit of state.audits) expect(state.findingCounts.get(audit.id)).toBe(audit.total);
  });
});
