// The PostgreSQL engine against a throwaway server: the same store contract as SQLite, its own
// migrations (several instances starting at once, a newer database refused untouched), the CLI
// on a postgres:// URL, and two app instances sharing one database.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectPath } from '../checks/paths.js';
import type { AuditResult } from '../server/audit/result.js';
import { loadMigrations } from '../server/store/migrate-sqlite.js';
import { POSTGRES_MIGRATIONS_DIR } from '../server/store/migrate-postgres.js';
import { openStoreAhead } from '../server/store/index.js';
import { PostgresStore } from '../server/store/postgres.js';
import type { AuditListItem } from '../server/store/types.js';
import { startPostgres, type PostgresServer } from '../bench/postgres-server.js';
import { ApiContract } from './support/openapi.js';
import { auditOf, countyFacts } from './support/store-audits.js';
import { storeContract, type TestEngine } from './support/store-contract.js';
import { userStoreContract } from './support/user-store-contract.js';
import { rectificationContract } from './support/rectification-contract.js';
import { addUser, issueToken, loggedIn, sample, startTestServer, type TestServer } from './support/web.js';

let server: PostgresServer;
beforeAll(async () => {
  server = await startPostgres();
}, 60_000);
afterAll(() => server?.stop());

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

const postgres: TestEngine = {
  name: 'postgres',
  dir: mkdtempSync(join(tmpdir(), 'eldercare-pg-store-')),
  newLocation: () => server.createDatabase(),
  query,
};

describe('PostgreSQL migrations', () => {
  const migrations = loadMigrations(POSTGRES_MIGRATIONS_DIR);

  it('has the same numbering as SQLite', () => {
    expect(migrations.map((m) => m.name.slice(0, 3))).toEqual(loadMigrations().map((m) => m.name.slice(0, 3)));
  });

  it('several instances starting together against an empty database migrate exactly once', async () => {
    const url = await server.createDatabase();
    const stores = Array.from({ length: 4 }, () => new PostgresStore(url, { maxConnections: 2 }));
    expect(await Promise.all(stores.map((s) => s.ready))).toEqual([migrations.length, migrations.length, migrations.length, migrations.length]);
    expect(await query(url, 'SELECT version FROM eldercare_schema')).toEqual([{ version: migrations.length }]);
    expect(await stores[0]!.health()).toEqual({ engine: 'postgresql', schemaVersion: migrations.length, writable: true });
    await Promise.all(stores.map((s) => s.close()));
  });

  it('refuses a database from a newer version and leaves it untouched', async () => {
    const url = await server.createDatabase();
    await query(url, 'CREATE TABLE eldercare_schema (version INTEGER NOT NULL); INSERT INTO eldercare_schema VALUES (99)');
    const store = new PostgresStore(url);
    await expect(store.listAudits()).rejects.toThrow(/newer than this eldercare-audit supports/);
    await store.close();
    expect(await query(url, `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`)).toEqual([{ table_name: 'eldercare_schema' }]);
    expect(await query(url, 'SELECT version FROM eldercare_schema')).toEqual([{ version: 99 }]);
  });

  it('an unreachable server is a clear error, not a hang', async () => {
    const store = new PostgresStore('postgres://eldercare@127.0.0.1:1/none');
    await expect(store.health()).rejects.toThrow(/ECONNREFUSED|connect/);
    await store.close();
  });
});

storeContract(() => postgres);
userStoreContract(() => server.createDatabase());
rectificationContract(() => postgres);

describe('loading an audit by COPY', () => {
  const tables = ['uploads', 'audits', 'audit_files', 'audit_rulebooks', 'facts', 'staff_rosters', 'finding_sources', 'findings'];
  const counts = async (url: string) =>
    Object.fromEntries(await Promise.all(tables.map(async (table) => [table, (await query<{ n: number }>(url, `SELECT CAST(count(*) AS INTEGER) AS n FROM ${table}`))[0]!.n])));

  it('a value the client cannot write, or the server refuses, half way through a COPY stores nothing, and the store goes on', async () => {
    const url = await server.createDatabase();
    const store = new PostgresStore(url, { maxConnections: 1 });
    try {
      await store.ready;
      const before = await counts(url);
      // A count that is not a whole number fails in the client, after a first chunk was sent
      // (a message longer than a chunk ahead of it).
      const unwritable = auditOf(countyFacts(5), Buffer.from('unwritable'));
      const findings = unwritable.result.findings;
      findings[0]!.message = { zh: '长'.repeat(300_000), en: 'long' };
      findings[findings.length - 1]!.basis = { included: 1.5, excluded: 0 };
      await expect(store.saveAudit(unwritable)).rejects.toThrow(/rolled back whole.*not an integer: 1\.5/);
      // A NUL character, which PostgreSQL's text refuses, in a fact's facility id (the first COPY).
      const refused = auditOf(countyFacts(5), Buffer.from('refused'));
      refused.facts.facilities[3]!.facility_id = 'F3\u0000';
      await expect(store.saveAudit(refused)).rejects.toThrow(/rolled back whole.*0x00/);
      expect(await counts(url)).toEqual(before);
      // The one connection is ready for the next audit.
      const audit = auditOf(countyFacts(5), Buffer.from('stored after'));
      const id = await store.saveAudit(audit);
      expect((await store.getAudit(id))!.result).toEqual(audit.result);
      expect((await counts(url))['audits']).toBe(1);
    } finally {
      await store.close();
    }
  });
});

describe('a store opened ahead of a check', () => {
  it('connects and migrates meanwhile, and tries again when asked if that failed', async () => {
    const url = await server.createDatabase();
    const name = new URL(url).pathname.slice(1);
    const admin = Object.assign(new URL(url), { pathname: '/postgres' }).href;
    await query(admin, `DROP DATABASE ${name}`);
    const pending = openStoreAhead(url);
    try {
      // The attempt made ahead finds no database; by the time the store is asked for there is one.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await query(admin, `CREATE DATABASE ${name}`);
      const store = await pending.open();
      expect(await pending.open()).toBe(store);
      expect((await store.health()).schemaVersion).toBe(loadMigrations(POSTGRES_MIGRATIONS_DIR).length);
    } finally {
      await pending.close();
    }
  });

  it('check --db of a rejected workbook on an unreachable server is the rejection, not a store error', async () => {
    const started = Date.now();
    const rejected = spawnSync(process.execPath, [projectPath('dist/server/cli/main.js'), 'check', projectPath('package.json'), '--db', 'postgres://eldercare@127.0.0.1:1/none'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(rejected.status, rejected.stderr).toBe(2);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('the command line on a postgres:// URL', () => {
  const BIN = projectPath('dist/server/cli/main.js');
  it('check --db stores, show gives back the same result, history lists it', async () => {
    const url = await server.createDatabase();
    const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args, '--db', url], { encoding: 'utf8', timeout: 60_000 });
    const checked = run('check', projectPath('samples', 'jiaxiang.xlsx'), '--json');
    expect(checked.status, checked.stderr).toBe(1);
    const stored = JSON.parse(checked.stdout) as AuditResult & { auditId: string };
    const shown = JSON.parse(run('show', stored.auditId, '--json').stdout) as AuditResult & { auditId: string };
    expect(shown).toEqual(stored);
    expect((JSON.parse(run('history', '--json').stdout) as AuditListItem[]).map((a) => a.auditId)).toEqual([stored.auditId]);
  });
});

describe('two app instances on one PostgreSQL database', () => {
  let a: TestServer;
  let b: TestServer;
  let url: string;
  beforeAll(async () => {
    url = await server.createDatabase();
    [a, b] = await Promise.all([startTestServer({}, url), startTestServer({}, url)]);
    await addUser(a.users, 'li', 'inspector');
  }, 60_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('GET /healthz answers 200 with the engine and schema version on each instance, 503 without a database', async () => {
    const contract = await ApiContract.load(a.url);
    for (const app of [a, b]) {
      const reply = await fetch(`${app.url}/healthz`);
      await contract.check('GET', '/healthz', reply);
      expect(reply.status).toBe(200);
      expect(await reply.json()).toEqual({ status: 'ok', engine: 'postgresql', schemaVersion: loadMigrations(POSTGRES_MIGRATIONS_DIR).length, writable: true });
    }
    const orphan = await startTestServer({ logger: { error: () => {}, info: () => {} } }, 'postgres://eldercare@127.0.0.1:1/none');
    try {
      const reply = await fetch(`${orphan.url}/healthz`);
      await contract.check('GET', '/healthz', reply);
      expect(reply.status).toBe(503);
      expect(await reply.json()).toEqual({ status: 'unavailable', engine: 'postgresql', message: { zh: '数据库无法连接。', en: 'The database does not answer.' } });
    } finally {
      await orphan.close();
    }
  });

  it('a session made on one instance is honoured by the other', async () => {
    const client = await loggedIn(a.url, 'li');
    const other = Object.assign(Object.create(Object.getPrototypeOf(client)), client, { base: b.url });
    expect((await other.get('/audits')).status).toBe(200);
    expect((await client.get('/audits')).status).toBe(200);
  });

  it('a token made by the CLI works on both at once, and an upload through one is listed by the other', async () => {
    const made = spawnSync(process.execPath, [projectPath('dist/server/cli/main.js'), 'token', 'create', 'li', '--db', url], { encoding: 'utf8' });
    expect(made.status, made.stderr).toBe(0);
    const token = made.stdout.trim();
    const auth = { authorization: `Bearer ${token}` };
    const form = new FormData();
    form.set('workbook', new Blob([new Uint8Array(await sample('tongxiang.xlsx'))]), 'tongxiang.xlsx');
    const contract = await ApiContract.load(b.url);
    const posted = await fetch(`${a.url}/api/audits`, { method: 'POST', body: form, headers: auth });
    await contract.check('POST', '/api/audits', posted);
    expect(posted.status).toBe(201);
    const { auditId } = (await posted.json()) as { auditId: string };
    const listed = await fetch(`${b.url}/api/audits`, { headers: auth });
    await contract.check('GET', '/api/audits', listed);
    expect(listed.status).toBe(200);
    expect(JSON.stringify(await listed.json())).toContain(auditId);
    expect((await fetch(`${b.url}/api/audits/${auditId}`, { headers: { authorization: `Bearer ${await issueToken(b.users, (await b.users.findUserByName('li'))!)}` } })).status).toBe(200);
  });
});

describe('db copy from SQLite to PostgreSQL', () => {
  const BIN = projectPath('dist/server/cli/main.js');
  const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120_000 });

  it('copies a populated SQLite file whole, verified, and refuses a non-empty target', async () => {
    const file = join(postgres.dir, 'populated.db');
    const first = JSON.parse(run('check', projectPath('samples', 'tongxiang.xlsx'), '--db', file, '--json').stdout) as { auditId: string };
    run('check', projectPath('samples', 'anji.xlsx'), '--db', file);
    run('rerun', first.auditId, '--as-of', '2024-06-30', '--db', file);
    // The rectification record too: a notice with its history, a waiver.
    run('notice', 'create', '--audit', first.auditId, '--subject', 'TX-002', '--date', '2026-03-01', '--db', file);
    run('waiver', 'add', '--rule', 'staffing.rehab-nurse-by-star', '--subject', 'TX-002', '--jurisdiction', 'tongxiang', '--reason', '暂缓', '--until', '2026-12-31', '--db', file);
    const app = await startTestServer({}, file);
    await issueToken(app.users, await addUser(app.users, 'wang', 'facility_manager', ['tongxiang:TX-002']));
    await app.close();
    const url = await server.createDatabase();
    const copied = run('db', 'copy', '--from', file, '--to', url);
    expect(copied.status, copied.stderr).toBe(0);
    expect(copied.stdout).toMatch(/audits\s+3/);
    expect(copied.stdout).toContain('sha256 of 2 originals verified');
    const history = (db: string) => JSON.parse(run('history', '--json', '--db', db).stdout) as AuditListItem[];
    expect(history(url)).toEqual(history(file));
    const show = (db: string) => run('show', first.auditId, '--json', '--as-of', '2026-04-01', '--db', db).stdout;
    expect(show(url)).toBe(show(file));
    expect(show(url)).toContain('"waivers"');
    const notices = (db: string) => run('notice', 'list', '--json', '--as-of', '2026-04-01', '--db', db).stdout;
    expect(notices(url)).toBe(notices(file));
    expect(JSON.parse(notices(url))).toEqual([expect.objectContaining({ number: '桐乡民整〔2026〕1号' })]);
    // A copied history goes on: the next event's id follows the copied ones.
    const [notice] = JSON.parse(notices(url)) as { id: string }[];
    expect(run('notice', 'close', notice!.id, '--item', '1', '--note', '现场核查', '--db', url).status).toBe(0);
    expect(run('token', 'create', 'wang', '--db', url).status).toBe(0);
    const again = run('db', 'copy', '--from', file, '--to', url);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('not empty');
  }, 240_000);
});
