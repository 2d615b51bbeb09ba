// Hostile users: forged forms on every state-changing route, a planted session cookie, file
// names built to break headers or paths, a spoofed content type, oversize requests, and a
// facility manager guessing other facilities' ids in URLs and API calls.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../server/web/routes.js';
import { safeFileName } from '../server/web/downloads-headers.js';
import { addUser, issueToken, loggedIn, sample, startTestServer, WebClient, type TestServer } from './support/web.js';

let server: TestServer;
let tx = '';
let aj = '';
let managerToken = '';

beforeAll(async () => {
  server = await startTestServer();
  await addUser(server.users, 'admin', 'admin');
  await addUser(server.users, 'inspector', 'inspector');
  const manager = await addUser(server.users, 'manager', 'facility_manager', ['tongxiang:TX-002']);
  managerToken = await issueToken(server.users, manager);
  const inspector = await loggedIn(server.url, 'inspector');
  tx = (await inspector.postForm('/samples/tongxiang.xlsx', {})).location!.split('/').pop()!;
  aj = (await inspector.postForm('/samples/anji.xlsx', {})).location!.split('/').pop()!;
});
afterAll(() => server.close());

describe('forged forms', () => {
  it('every state-changing page route refuses a post without the session’s CSRF token', async () => {
    const admin = await loggedIn(server.url, 'admin');
    const posts = ROUTES.filter((r) => r.kind === 'page' && r.method === 'post' && r.path !== '/login');
    expect(posts.length).toBeGreaterThan(3);
    for (const route of posts) {
      const path = route.path.replace(':name', 'tongxiang.xlsx').replace(':id', '1');
      const before = (await server.store.listAudits()).length;
      const forged = await admin.postForm(path, { _csrf: 'forged', role: 'admin', name: 'mallory' });
      expect(forged.status, `${route.method} ${route.path}`).toBe(403);
      const missing = await admin.request('POST', path, { body: new URLSearchParams({ role: 'admin' }), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(missing.status, `${route.method} ${route.path} without a token`).toBe(403);
      expect((await server.store.listAudits()).length).toBe(before);
    }
  });

  it('a session id planted by an attacker is never adopted, and logging in starts a fresh one', async () => {
    const victim = new WebClient(server.url);
    const planted = 'attacker-chosen-session-id';
    const login = await victim.get('/login', { cookie: `eldercare_session=${planted}` });
    expect(login.status).toBe(200);
    const reply = await victim.login('inspector');
    expect(reply.status).toBe(303);
    const attacker = new WebClient(server.url);
    expect((await attacker.get('/audits', { cookie: `eldercare_session=${planted}` })).status).toBe(303);
    const cookies = [...(reply.headers.getSetCookie?.() ?? [])].join(';');
    expect(cookies).not.toContain(planted);
  });
});

describe('file names and content types', () => {
  it('a file name built for header injection or path traversal comes back harmless', async () => {
    // Separators, quotes, colons and control characters become `_` in place (nothing is cut, so
    // a name that starts with the audit id keeps it).
    expect(safeFileName('../../etc/"evil\r\nX-Injected: yes\u0000.xlsx')).toBe('_.._etc__evil__X-Injected_ yes_.xlsx');
    const hostile = '../../etc/"evil%0D%0AX-Injected: yes\\..\\名单 (1).xlsx';
    expect(safeFileName('..\\..\\windows\\win.ini')).toBe('_.._windows_win.ini');
    expect(safeFileName('...')).toBe('download');
    const form = new FormData();
    form.set('workbook', new Blob([new Uint8Array(await sample('yaohai.xlsx'))]), hostile);
    const posted = await fetch(`${server.url}/api/audits`, { method: 'POST', body: form, headers: { authorization: `Bearer ${await issueToken(server.users, (await server.users.findUserByName('inspector'))!)}` } });
    expect(posted.status, server.errors.join('\n')).toBe(201);
    const { auditId } = (await posted.json()) as { auditId: string };
    const inspector = await loggedIn(server.url, 'inspector');
    const original = await inspector.get(`/audits/${auditId}/original`);
    expect(original.status).toBe(200);
    const disposition = original.headers.get('content-disposition')!;
    expect(disposition).not.toMatch(/[\r\n]/);
    expect(original.headers.get('x-injected')).toBeNull();
    expect(disposition).not.toContain('../');
    expect(disposition).toMatch(/^attachment; filename="[^"\\]*"; filename\*=UTF-8''[A-Za-z0-9%!#$&+\-.^_`|~]+$/);
  });

  it('a malformed multipart body (a raw line break in a part header) is a 400, not a 500', async () => {
    const token = await issueToken(server.users, (await server.users.findUserByName('inspector'))!);
    const body = ['--b', 'Content-Disposition: form-data; name="workbook"; filename="a\rX-Injected: 1.xlsx"', 'Content-Type: application/octet-stream', '', 'PK', '--b--', ''].join('\r\n');
    const reply = await fetch(`${server.url}/api/audits`, { method: 'POST', body, headers: { authorization: `Bearer ${token}`, 'content-type': 'multipart/form-data; boundary=b' } });
    expect([400, 422]).toContain(reply.status);
    expect(server.errors).toEqual([]);
  });

  it('the bytes decide, not the declared content type', async () => {
    const token = await issueToken(server.users, (await server.users.findUserByName('inspector'))!);
    const send = async (bytes: Uint8Array, type: string, name: string) => {
      const form = new FormData();
      form.set('workbook', new Blob([bytes], { type }), name);
      return fetch(`${server.url}/api/audits`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
    };
    expect((await send(new Uint8Array(await sample('hongdong.xlsx')), 'application/pdf', 'report.pdf')).status).toBe(201);
    const pdf = await send(new TextEncoder().encode('%PDF-1.7\n1 0 obj\n'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'real.xlsx');
    expect(pdf.status).toBe(422);
    expect(((await pdf.json()) as { errors: { code: string }[] }).errors.map((e) => e.code)).toEqual(['not_xlsx']);
  });

  it('oversize requests are refused before they are read: a declared body, and a huge form', async () => {
    const token = await issueToken(server.users, (await server.users.findUserByName('inspector'))!);
    const big = await fetch(`${server.url}/api/audits`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(500 * 1024 * 1024) },
      body: '--x--',
      duplex: 'half',
    } as RequestInit).catch((error: Error) => ({ status: error.message }));
    expect([413, 'fetch failed']).toContain(big.status);
    const admin = await loggedIn(server.url, 'admin');
    const huge = await admin.postForm('/users', { name: 'x'.repeat(200_000), role: 'reviewer' });
    expect(huge.status).toBe(413);
    expect((await admin.get('/audits')).status).toBe(200);
  });
});

describe('a facility manager guessing ids', () => {
  it('gets 404 for every page, file and API resource of another facility or audit', async () => {
    const manager = await loggedIn(server.url, 'manager');
    const auth = { authorization: `Bearer ${managerToken}` };
    expect((await manager.get(`/audits/${tx}`)).status).toBe(200);
    for (const url of [`/audits/${aj}`, `/audits/${aj}/report.pdf`, `/audits/${aj}/result.json`, '/facilities/anji/AJ-001', '/facilities/tongxiang/TX-001', '/facilities/tongxiang/TX-001/report.pdf', `/audits/${tx}/report.pdf?facility=TX-001`]) {
      expect((await manager.get(url)).status, url).toBe(404);
    }
    for (const url of [`/api/audits/${aj}`, `/api/audits/${aj}/report.pdf`, '/api/facilities/tongxiang/TX-001/audits', `/api/audits/${tx}/report.pdf?facility=TX-005`]) {
      expect((await fetch(`${server.url}${url}`, { headers: auth })).status, url).toBe(404);
    }
    const own = (await (await fetch(`${server.url}/api/audits/${tx}`, { headers: auth })).json()) as { findings: { subject: { id: string } }[] };
    expect(new Set(own.findings.map((f) => f.subject.id))).toEqual(new Set(['TX-002']));
  });
});
