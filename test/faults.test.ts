// Faults of the machine, not of the file: a full disk and a read-only database give a clear
// error and lose nothing; the app killed with SIGKILL in the middle of uploads leaves the
// database consistent, and restarted on the same file carries on.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { projectPath } from '../checks/paths.js';
import { SqliteStore } from '../server/store/sqlite.js';
import { StoreError } from '../server/store/types.js';
import { ApiContract } from './support/openapi.js';
import { auditOf, countyFacts } from './support/store-audits.js';
import { addUser, issueToken, sample, startTestServer } from './support/web.js';
import { buildWorkbook, FACILITY_HEADER } from './support/workbook.js';

const dir = mkdtempSync(join(tmpdir(), 'eldercare-faults-'));
const BIN = projectPath('dist/server/cli/main.js');
let counter = 0;
const dbPath = () => join(dir, `faults-${++counter}.db`);

function counts(path: string): Record<string, number> {
  const db = new Database(path, { readonly: true });
  try {
    const tables = ['uploads', 'audits', 'audit_rulebooks', 'facts', 'staff_rosters', 'findings'];
    return Object.fromEntries(tables.map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]));
  } finally {
    db.close();
  }
}

describe('a full disk and a read-only database', () => {
  it('a full disk refuses the audit with a clear error, stores nothing of it, and loses nothing', async () => {
    const path = dbPath();
    const store = new SqliteStore(path);
    const earlier = await store.saveAudit(auditOf(countyFacts(3), Buffer.from('earlier')));
    const before = counts(path);
    // SQLite's page cap makes the file behave as a disk that has just filled up.
    store.database.pragma(`max_page_count = ${store.database.pragma('page_count', { simple: true }) as number}`);
    const refused = store.saveAudit(auditOf(countyFacts(400), Buffer.alloc(2_000_000, 7)));
    await expect(refused).rejects.toThrow(StoreError);
    await expect(refused).rejects.toThrow(/the disk is full: the audit was not stored, and earlier audits are untouched/);
    expect(counts(path)).toEqual(before);
    expect((await store.getAudit(earlier))!.result.findings.length).toBeGreaterThan(0);
    // Space again: the same store carries on.
    store.database.pragma('max_page_count = 1073741823');
    await store.saveAudit(auditOf(countyFacts(400), Buffer.alloc(2_000_000, 7)));
    expect(counts(path).audits).toBe(before.audits! + 1);
    await store.close();
  });

  it('a read-only database refuses the audit with a clear error and stays as it was', async () => {
    const path = dbPath();
    const store = new SqliteStore(path);
    await store.saveAudit(auditOf(countyFacts(2), Buffer.from('before read-only')));
    const before = counts(path);
    store.database.pragma('query_only = ON');
    await expect(store.saveAudit(auditOf(countyFacts(2), Buffer.from('refused')))).rejects.toThrow(/the database is read-only: the audit was not stored/);
    expect(counts(path)).toEqual(before);
    await store.close();
  });

  it('the web app answers an upload it cannot store with 503 and a sentence, and keeps serving', async () => {
    // The upload worker stores on its own connection: the file is capped at its empty size on
    // every connection, a disk that is full from the start. An empty file's pages have room for
    // a few rows, so the upload is a county of 400 homes, whose audit needs pages the disk lacks.
    const fresh = new SqliteStore(dbPath());
    const pages = fresh.database.pragma('page_count', { simple: true }) as number;
    await fresh.close();
    const server = await startTestServer({ logger: { error: () => {}, info: () => {} } }, undefined, { maxPageCount: pages });
    const homes = Array.from({ length: 400 }, (_, i) => [`TX-${i}`, `桐乡市第${i}养老院`, '桐乡市', '养老机构', '公办', 100 + i]);
    const county = await buildWorkbook([{ name: '机构', rows: [FACILITY_HEADER, ...homes] }]);
    try {
      const user = await addUser(server.users, 'li', 'inspector');
      const auth = { authorization: `Bearer ${await issueToken(server.users, user)}` };
      const form = new FormData();
      form.set('workbook', new Blob([new Uint8Array(county)]), 'tongxiang-county.xlsx');
      const reply = await fetch(`${server.url}/api/audits`, { method: 'POST', body: form, headers: auth });
      await (await ApiContract.load(server.url)).check('POST', '/api/audits', reply);
      expect(reply.status).toBe(503);
      const body = (await reply.json()) as { error: string; message: { zh: string; en: string } };
      expect(body.error).toBe('storeUnavailable');
      expect(body.message.en).toContain('nothing from this upload was stored');
      expect(body.message.zh).toContain('未保存任何内容');
      expect((await fetch(`${server.url}/api/audits`, { headers: auth })).status).toBe(200);
      expect(await server.store.listAudits()).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function serve(db: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', String(port), '--db', db], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ELDERCARE_AUDIT_ADMIN_PASSWORD: 'a-long-admin-password' },
  });
  for (let i = 0; i < 100; i += 1) {
    if ((await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null))?.ok) return child;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the app did not start');
}

describe('the app killed in the middle of uploads', () => {
  const children: ChildProcess[] = [];
  afterAll(() => children.forEach((child) => child.kill('SIGKILL')));

  it('leaves the database consistent and every earlier audit intact; restarted, it carries on', async () => {
    const db = dbPath();
    const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args, '--db', db], { encoding: 'utf8', input: 'a-long-password-for-li\n' });
    expect(cli('user', 'add', 'li', '--role', 'inspector').status).toBe(0);
    const token = cli('token', 'create', 'li').stdout.trim();
    const port = await freePort();
    const first = await serve(db, port);
    children.push(first);
    const post = async (bytes: Buffer) => {
      const form = new FormData();
      form.set('workbook', new Blob([new Uint8Array(bytes)]), 'upload.xlsx');
      return fetch(`http://127.0.0.1:${port}/api/audits`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
    };
    expect((await post(await sample('anji.xlsx'))).status).toBe(201);
    const earlier = counts(db);
    // Several uploads in flight, then SIGKILL while they are being checked and stored.
    const inflight = ['tongxiang.xlsx', 'jiaxiang.xlsx', 'county-mix.xlsx', 'yaohai.xlsx'].map(async (name) => post(await sample(name)).catch(() => null));
    await new Promise((resolve) => setTimeout(resolve, 150));
    first.kill('SIGKILL');
    await Promise.all(inflight);
    const handle = new Database(db, { readonly: true });
    expect(handle.pragma('integrity_check', { simple: true })).toBe('ok');
    const audits = handle.prepare('SELECT id, pass + warn + fail + not_applicable + insufficient_data AS total FROM audits').all() as { id: string; total: number }[];
    for (const audit of audits) {
      expect((handle.prepare('SELECT count(*) AS n FROM findings WHERE audit_id = ?').get(audit.id) as { n: number }).n).toBe(audit.total);
    }
    handle.close();
    expect(counts(db).audits).toBeGreaterThanOrEqual(earlier.audits!);
    const second = await serve(db, port);
    children.push(second);
    expect((await post(readFileSync(projectPath('samples', 'hongdong.xlsx')))).status).toBe(201);
    expect(counts(db).audits).toBeGreaterThan(earlier.audits!);
    second.kill('SIGTERM');
    // Three CLI runs and two starts of the app: minutes on a machine shared by other builds.
  }, 180_000);
});
