// What an attacker and a bad day found (issue 16), each through the real app on 127.0.0.1:
// a facility manager receives only their facilities' part (never the workbook's name, hash or
// counts); a facility is (jurisdiction, id); tokens expire and are revoked; login limits that
// neither a forged X-Forwarded-For nor parallel attempts get around, and that one person cannot
// use to lock out an office; no database rows for visitors; a read-only or full database said
// plainly; small things users hit.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../server/store/sqlite.js';
import { safeFileName } from '../server/web/downloads-headers.js';
import { DEFAULT_LOGIN_LIMIT, LoginThrottle, MAX_ENTRIES } from '../server/web/rate-limit.js';
import { parseProxyTrust } from '../server/web/proxy-trust.js';
import { sha256 } from '../server/web/secrets.js';
import { readPdf } from './support/pdf.js';
import { addUser, issueToken, loggedIn, PASSWORD, sample, startTestServer, WebClient, type TestServer } from './support/web.js';

/** The Anji sample with its first home numbered `TX-002` (as Tongxiang's is) and its second `AJ:002`. */
async function anjiRenumbered(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await sample('anji.xlsx')) as unknown as ArrayBuffer);
  const rename: Record<string, string> = { 'AJ-001': 'TX-002', 'AJ-002': 'AJ:002' };
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === 'string' && rename[cell.value]) cell.value = rename[cell.value]!;
      }),
    ),
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

let server: TestServer;
let tx = '';
let anji = '';
let hongdong = '';
let manager: WebClient;
let managerToken = '';
let reviewer: WebClient;

const json = async <T>(reply: Promise<{ text: string; status: number }>) => {
  const { text, status } = await reply;
  expect(status).toBe(200);
  return JSON.parse(text) as T;
};

beforeAll(async () => {
  server = await startTestServer();
  await addUser(server.users, 'admin', 'admin');
  await addUser(server.users, 'inspector', 'inspector');
  await addUser(server.users, 'reviewer', 'reviewer');
  const wang = await addUser(server.users, 'wang', 'facility_manager', ['tongxiang:TX-002']);
  managerToken = await issueToken(server.users, wang);
  const inspector = await loggedIn(server.url, 'inspector');
  tx = (await inspector.postForm('/samples/tongxiang.xlsx', {})).location!.split('/').pop()!;
  await inspector.get('/upload');
  anji = (await inspector.postWorkbook('/audits', await anjiRenumbered(), 'anji-renumbered.xlsx')).location!.split('/').pop()!;
  // Tongxiang's workbook under Hongdong's rulebook: no rule of it is about a facility.
  await inspector.get('/upload');
  hongdong = (await inspector.postWorkbook('/audits', await sample('tongxiang.xlsx'), 'tongxiang-under-hongdong.xlsx', { rulebook: 'hongdong' })).location!.split('/').pop()!;
  manager = await loggedIn(server.url, 'wang');
  reviewer = await loggedIn(server.url, 'reviewer');
}, 180_000);
afterAll(() => server.close());

describe('a facility manager receives only their facilities, nothing of the whole workbook', () => {
  it('the audit list holds only audits with findings of theirs, counted over theirs, without file names or hashes', async () => {
    const list = await json<{ items: { auditId: string; fileName: string; sha256: string; summary: Record<string, number> }[] }>(manager.get('/audits', { accept: 'application/json' }));
    // Not the Anji audit (another county's TX-002), not the Hongdong one (no finding of theirs).
    expect(list.items.map((item) => item.auditId)).toEqual([tx]);
    expect(list.items[0]).toMatchObject({ fileName: '', sha256: '' });
    expect(Object.values(list.items[0]!.summary).reduce((a, b) => a + b, 0)).toBe(5);
    const api = await fetch(`${server.url}/api/audits`, { headers: { authorization: `Bearer ${managerToken}` } });
    expect(((await api.json()) as { items: { auditId: string }[] }).items.map((item) => item.auditId)).toEqual([tx]);
    // Searching by file name would tell what the list hides.
    const searched = await json<{ items: unknown[] }>(manager.get('/audits?q=tongxiang', { accept: 'application/json' }));
    expect(searched.items).toEqual([]);
    const home = await manager.get('/');
    expect(home.text).not.toContain(hongdong);
    expect(home.text).not.toContain('tongxiang.xlsx');
  });

  it('/api/audits/:id, result.json and the audit page say nothing of the workbook as a whole', async () => {
    const api = (await (await fetch(`${server.url}/api/audits/${tx}`, { headers: { authorization: `Bearer ${managerToken}` } })).json()) as {
      workbook: unknown;
      findings: { subject: { id: string } }[];
    };
    expect(api.workbook).toEqual({ file: '', sha256: '', rows: {} });
    expect(new Set(api.findings.map((f) => f.subject.id))).toEqual(new Set(['TX-002']));
    const download = await manager.get(`/audits/${tx}/result.json`);
    expect(JSON.parse(download.text)).toMatchObject({ workbook: { file: '', sha256: '', rows: {} } });
    const full = JSON.parse((await reviewer.get(`/audits/${tx}/result.json`)).text) as { workbook: { sha256: string } };
    expect(full.workbook.sha256).toMatch(/^[0-9a-f]{64}$/);
    for (const text of [download.text, (await manager.get(`/audits/${tx}`)).text]) {
      expect(text).not.toContain(full.workbook.sha256);
      expect(text).not.toContain('tongxiang.xlsx');
    }
    expect((await manager.get(`/audits/${hongdong}`)).status).toBe(404);
  });

  it("the PDF's cover names no workbook file or hash for a manager, and does for a reviewer", async () => {
    const full = JSON.parse((await reviewer.get(`/audits/${tx}/result.json`)).text) as { workbook: { sha256: string } };
    const text = async (client: WebClient, url: string) => (await readPdf((await client.get(url)).bytes)).map((page) => page.text).join('\n');
    for (const url of [`/audits/${tx}/report.pdf`, `/audits/${tx}/report.pdf?facility=TX-002`, '/facilities/tongxiang/TX-002/report.pdf']) {
      const pdf = await text(manager, url);
      expect(pdf, url).toContain('TX-002');
      expect(pdf, url).not.toContain('tongxiang.xlsx');
      expect(pdf, url).not.toContain(full.workbook.sha256.slice(0, 12));
    }
    expect(await text(reviewer, `/audits/${tx}/report.pdf`)).toContain(full.workbook.sha256);
  });
});

describe('a facility is its jurisdiction and its id', () => {
  it("another county's home of the same number is neither the manager's audit, page nor history", async () => {
    expect((await manager.get(`/audits/${anji}`)).status).toBe(404);
    expect((await manager.get(`/audits/${anji}/report.pdf?facility=TX-002`)).status).toBe(404);
    expect((await manager.get('/facilities/anji/TX-002')).status).toBe(404);
    const own = await json<{ name: string; jurisdiction: string; audits: { auditId: string }[] }>(manager.get('/facilities/tongxiang/TX-002', { accept: 'application/json' }));
    expect(own).toMatchObject({ jurisdiction: 'tongxiang', name: '梧桐街道颐养院' });
    expect(own.audits.map((a) => a.auditId)).toEqual([tx]);
    const api = await fetch(`${server.url}/api/facilities/anji/TX-002/audits`, { headers: { authorization: `Bearer ${managerToken}` } });
    expect(api.status).toBe(404);
  });

  it('a reviewer sees two facilities, each with its own history and link', async () => {
    const anjiHome = await json<{ jurisdiction: string; name: string; audits: { auditId: string }[] }>(reviewer.get('/facilities/anji/TX-002', { accept: 'application/json' }));
    expect(anjiHome.jurisdiction).toBe('anji');
    expect(anjiHome.audits.map((a) => a.auditId)).toEqual([anji]);
    const txHome = await json<{ audits: { auditId: string }[] }>(reviewer.get('/facilities/tongxiang/TX-002', { accept: 'application/json' }));
    expect(txHome.audits.map((a) => a.auditId)).not.toContain(anji);
    expect((await reviewer.get(`/audits/${anji}`)).text).toContain('href="/facilities/anji/TX-002"');
  });

  it("a diff of the two audits does not take one county's TX-002 for the other's", async () => {
    const diff = await json<Record<string, { subject: { id: string; jurisdiction: string }; before: unknown; after: unknown }[]>>(
      reviewer.get(`/diff?a=${tx}&b=${anji}&facility=TX-002`, { accept: 'application/json' }),
    );
    const entries = Object.values(diff).flat();
    expect(entries.length).toBeGreaterThan(0);
    // Every pair is one-sided: the Tongxiang home's findings went, the Anji home's came.
    for (const entry of entries) expect(entry.before === null || entry.after === null).toBe(true);
  });
});

describe('API tokens', () => {
  const call = (token: string) => fetch(`${server.url}/api/audits`, { headers: { authorization: `Bearer ${token}` } });

  it('an expired token opens nothing', async () => {
    const li = (await server.users.findUserByName('inspector'))!;
    await server.users.createToken(li.id, sha256('eca_expired-token'), new Date(Date.now() - 1000).toISOString());
    expect((await call('eca_expired-token')).status).toBe(401);
  });

  it('a password reset or a new role on the admin page revokes the user’s tokens', async () => {
    const user = await addUser(server.users, 'rotating', 'inspector');
    const admin = await loggedIn(server.url, 'admin');
    const first = await issueToken(server.users, user);
    expect((await call(first)).status).toBe(200);
    await admin.get('/users');
    expect((await admin.postForm(`/users/${user.id}/password`, {})).status).toBe(200);
    expect((await call(first)).status).toBe(401);
    const second = await issueToken(server.users, user);
    await admin.get('/users');
    expect((await admin.postForm(`/users/${user.id}`, { role: 'reviewer', facilities: '' })).status).toBe(200);
    expect((await call(second)).status).toBe(401);
  });

  it('the admin page lists tokens (never the token) and revokes one', async () => {
    const user = await addUser(server.users, 'scripted', 'reviewer');
    const token = await issueToken(server.users, user);
    const admin = await loggedIn(server.url, 'admin');
    const page = await admin.get('/users');
    expect(page.text).toContain('scripted');
    expect(page.text).not.toContain(token);
    const id = (await server.users.listTokens(user.id))[0]!.id;
    expect(page.text).toContain(`action="/tokens/${id}/revoke"`);
    expect((await admin.postForm(`/tokens/${id}/revoke`, {})).status).toBe(200);
    expect((await call(token)).status).toBe(401);
    expect((await admin.postForm(`/tokens/${id}/revoke`, {})).status).toBe(404);
  });
});

describe('login limits', () => {
  let limited: TestServer;
  beforeAll(async () => {
    // Behind one proxy: the right-most X-Forwarded-For entry is the client's address.
    limited = await startTestServer({ trustProxy: 1 });
    for (const name of ['victim', 'colleague', 'newcomer']) await addUser(limited.users, name, 'reviewer');
  });
  afterAll(() => limited.close());

  const from = (address: string, client = new WebClient(limited.url)) => ({
    client,
    login: async (name: string, password: string) => {
      await client.get('/login', { 'x-forwarded-for': address });
      return (await client.postForm('/login', { name, password }, { 'x-forwarded-for': address })).status;
    },
  });

  it('a forged left-most X-Forwarded-For buys no extra tries', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i += 1) statuses.push(await from(`203.0.113.${i}, 198.51.100.7`).login('victim', 'wrong password'));
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
  });

  it('40 parallel attempts get exactly the 5 tries allowed', async () => {
    const { client } = from('198.51.100.40');
    await client.get('/login', { 'x-forwarded-for': '198.51.100.40' });
    const statuses = await Promise.all(
      Array.from({ length: 40 }, () => client.postForm('/login', { name: 'colleague', password: 'wrong password' }, { 'x-forwarded-for': '198.51.100.40' }).then((r) => r.status)),
    );
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(35);
  });

  it('one person failing on many names cannot lock out the office behind their address', async () => {
    const office = '198.51.100.80';
    expect(await from(office).login('colleague', PASSWORD)).toBe(303); // has logged in from the office before
    for (let i = 0; i < DEFAULT_LOGIN_LIMIT.maxAddressFailures; i += 1) await from(office).login(`nobody-${i}`, 'wrong password');
    // The address is now refused for names that never logged in from it …
    expect(await from(office).login('newcomer', PASSWORD)).toBe(429);
    // … but not for a colleague who has, and not for anyone elsewhere.
    expect(await from(office).login('colleague', PASSWORD)).toBe(303);
    expect(await from('198.51.100.81').login('newcomer', PASSWORD)).toBe(303);
  });

  it('an account guessed from many addresses is refused to new ones, not to its owner', async () => {
    const owner = '198.51.100.90';
    expect(await from(owner).login('newcomer', PASSWORD)).toBe(303);
    for (let i = 0; i < DEFAULT_LOGIN_LIMIT.maxAccountFailures; i += 1) await from(`192.0.2.${i}`).login('newcomer', 'wrong password');
    expect(await from('192.0.2.200').login('newcomer', PASSWORD)).toBe(429);
    expect(await from(owner).login('newcomer', PASSWORD)).toBe(303);
  });

  it('the throttle holds a bounded number of entries whatever the traffic', () => {
    const throttle = new LoginThrottle();
    for (let i = 0; i < MAX_ENTRIES + 5_000; i += 1) throttle.begin(`10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`, 'someone');
    expect(throttle.size).toBeLessThanOrEqual(2 * MAX_ENTRIES + 2);
  });

  it('trusts a number of hops or addresses, never the header whole', () => {
    expect(parseProxyTrust('1')).toBe(1);
    expect(parseProxyTrust('10.0.0.5, 10.0.1.0/24,loopback')).toEqual(['10.0.0.5', '10.0.1.0/24', 'loopback']);
    for (const bad of ['true', '0', '11', '10.0.0.300', '10.0.0.0/33', '']) expect(() => parseProxyTrust(bad), bad).toThrow(RangeError);
  });
});

describe('visitors write nothing', () => {
  it('neither the login form nor failed logins make a session row', async () => {
    const db = (server.store as SqliteStore).database;
    const sessions = () => (db.prepare('SELECT count(*) AS n FROM sessions').get() as { n: number }).n;
    const before = sessions();
    await Promise.all(Array.from({ length: 200 }, () => new WebClient(server.url).get('/login')));
    const visitor = new WebClient(server.url);
    await visitor.get('/login');
    expect((await visitor.postForm('/login', { name: 'nobody', password: 'x' })).status).toBe(401);
    expect(sessions()).toBe(before);
    // The login form's token still protects the form.
    expect((await new WebClient(server.url).postForm('/login', { name: 'reviewer', password: PASSWORD, _csrf: 'forged' })).status).toBe(403);
    expect((await visitor.postForm('/login', { name: 'reviewer', password: PASSWORD })).status).toBe(303);
    expect(sessions()).toBe(before + 1);
  });
});

describe('a read-only or full database', () => {
  it('/healthz says the database cannot be written, and logging in answers 503 with a sentence', async () => {
    const broken = await startTestServer();
    try {
      await addUser(broken.users, 'li', 'reviewer');
      const db = (broken.store as SqliteStore).database;
      expect((await fetch(`${broken.url}/healthz`)).status).toBe(200);
      db.pragma('query_only = ON');
      const health = await fetch(`${broken.url}/healthz`);
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ status: 'unwritable', writable: false, message: { en: expect.stringContaining('read-only') } });
      const client = new WebClient(broken.url);
      await client.get('/login');
      const login = await client.postForm('/login', { name: 'li', password: PASSWORD });
      expect(login.status).toBe(503);
      expect(login.text).toContain('数据库为只读');
      const api = await client.request('POST', '/login', {
        body: new URLSearchParams({ name: 'li', password: PASSWORD, _csrf: client.lastCsrf }),
        headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(JSON.parse(api.text)).toMatchObject({ error: 'storeUnwritable', message: { en: expect.stringContaining('the database is read-only') } });
      db.pragma('query_only = OFF');
      expect((await fetch(`${broken.url}/healthz`)).status).toBe(200);
      // Once writable again, the same form logs in: no CSRF refusal left behind.
      expect((await client.postForm('/login', { name: 'li', password: PASSWORD })).status).toBe(303);
    } finally {
      await broken.close();
    }
  });

  it('/healthz says a disk with too little room left cannot take audits', async () => {
    const broken = await startTestServer({}, undefined, { minFreeBytes: Number.MAX_SAFE_INTEGER });
    try {
      const health = await fetch(`${broken.url}/healthz`);
      expect(health.status).toBe(503);
      expect(((await health.json()) as { message: { en: string } }).message.en).toContain('the disk is nearly full');
    } finally {
      await broken.close();
    }
  });

  it('an upload is stored by the worker on its own connection, not on the request thread', async () => {
    const app = await startTestServer();
    try {
      const li = await addUser(app.users, 'li', 'inspector');
      const token = await issueToken(app.users, li);
      // The request thread's connection refuses writes; the audit is stored all the same.
      (app.store as SqliteStore).database.pragma('query_only = ON');
      const form = new FormData();
      form.set('workbook', new Blob([new Uint8Array(await sample('tongxiang.xlsx'))]), 'tongxiang.xlsx');
      const posted = await fetch(`${app.url}/api/audits`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
      expect(posted.status).toBe(201);
      const { auditId } = (await posted.json()) as { auditId: string };
      expect((await app.store.getAudit(auditId))!.result.findings.length).toBeGreaterThan(0);
    } finally {
      await app.close();
    }
  });
});

describe('smaller things users hit', () => {
  it('private pages and JSON are never cached; static files are', async () => {
    for (const path of ['/', `/audits/${tx}`, '/audits', `/audits/${tx}/result.json`, '/login']) {
      expect((await reviewer.get(path)).headers.get('cache-control'), path).toMatch(/no-store/);
    }
    expect((await reviewer.get('/audits', { accept: 'application/json' })).headers.get('cache-control')).toMatch(/no-store/);
    const api = await fetch(`${server.url}/api/audits`, { headers: { authorization: `Bearer ${managerToken}` } });
    expect(api.headers.get('cache-control')).toMatch(/no-store/);
    expect((await reviewer.get('/static/app.css')).headers.get('cache-control')).toMatch(/max-age=3600/);
  });

  it('HSTS with secure cookies only', async () => {
    expect((await reviewer.get('/login')).headers.get('strict-transport-security')).toBeNull();
    const secure = await startTestServer({ secureCookies: true });
    try {
      expect((await fetch(`${secure.url}/login`)).headers.get('strict-transport-security')).toBe('max-age=31536000');
    } finally {
      await secure.close();
    }
  });

  it('API 400s name the wrong field', async () => {
    const li = (await server.users.findUserByName('inspector'))!;
    const auth = { authorization: `Bearer ${await issueToken(server.users, li)}` };
    const form = new FormData();
    form.set('asOf', '2026-13-40');
    form.set('workbook', new Blob([new Uint8Array(await sample('tongxiang.xlsx'))]), 'tongxiang.xlsx');
    const upload = await fetch(`${server.url}/api/audits`, { method: 'POST', body: form, headers: auth });
    expect(upload.status).toBe(400);
    expect(await upload.json()).toMatchObject({ error: 'badDate', field: 'asOf' });
    const noFile = new FormData();
    noFile.set('asOf', '2026-01-01');
    expect(await (await fetch(`${server.url}/api/audits`, { method: 'POST', body: noFile, headers: auth })).json()).toMatchObject({ field: 'workbook' });
    const limit = await fetch(`${server.url}/api/audits?limit=lots`, { headers: auth });
    expect(limit.status).toBe(400);
    expect(await limit.json()).toMatchObject({ error: 'badRequest', field: 'limit', message: { en: expect.stringContaining('limit: must be a whole number') } });
    const diff = await fetch(`${server.url}/api/diff?a=${tx}`, { headers: auth });
    expect(await diff.json()).toMatchObject({ field: 'b' });
    const stars = await reviewer.get(`/audits/${tx}/matrix?stars=9`, { accept: 'application/json' });
    expect(stars.status).toBe(400);
    expect(JSON.parse(stars.text)).toMatchObject({ field: 'stars' });
  });

  it('/users/:id takes only a canonical id', async () => {
    const target = await addUser(server.users, 'canonical', 'reviewer');
    const admin = await loggedIn(server.url, 'admin');
    for (const id of [`0${target.id}`, `${target.id}.0`, `0x${target.id.toString(16)}`, ` ${target.id}`, `${target.id}e0`]) {
      await admin.get('/users');
      expect((await admin.postForm(`/users/${encodeURIComponent(id)}/password`, {})).status, id).toBe(404);
    }
    await admin.get('/users');
    expect((await admin.postForm(`/users/${target.id}/password`, {})).status).toBe(200);
  });

  it('download names keep the audit id and drop what Windows refuses', async () => {
    const pdf = await reviewer.get(`/audits/${anji}/report.pdf?facility=${encodeURIComponent('AJ:002')}`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-disposition')).toContain(`filename="${anji}-AJ_002.pdf"`);
    expect(safeFileName('a/b\\c:d*e?f"g<h>i|j.pdf')).toBe('a_b_c_d_e_f_g_h_i_j.pdf');
    expect(safeFileName(`${tx}-../../x.pdf`)).toBe(`${tx}-.._.._x.pdf`);
    expect(safeFileName('CON.xlsx')).toBe('_CON.xlsx');
    expect(safeFileName('report. ')).toBe('report');
  });

  it('a bare facility id holding `:` is compared within the audit', async () => {
    const reply = await reviewer.get(`/compare?audit=${anji}&facility=${encodeURIComponent('AJ:002')}&facility=AJ-003`, { accept: 'application/json' });
    expect(reply.status).toBe(200);
    expect(reply.text).toContain('AJ:002');
    const across = await reviewer.get(`/compare?facility=${encodeURIComponent(`${anji}:AJ:002`)}&facility=${encodeURIComponent(`${tx}:TX-002`)}`, { accept: 'application/json' });
    expect(across.status).toBe(200);
  });
});
