// Security from the first commit: headers and CSP, cookies, sessions regenerated at login and
// kept hashed, CSRF on the login form, the login rate limit, escaping, and error pages that
// tell the user a reference number but never a stack trace.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LOGIN_LIMIT } from '../server/web/rate-limit.js';
import { sha256 } from '../server/web/secrets.js';
import { addUser, loggedIn, PASSWORD, sample, startTestServer, WebClient, type TestServer } from './support/web.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ loginLimit: { ...DEFAULT_LOGIN_LIMIT, maxFailures: 3, windowMs: 60_000 } });
  await addUser(server.users, 'admin', 'admin');
  await addUser(server.users, 'inspector', 'inspector');
  await addUser(server.users, 'victim', 'reviewer');
});
afterAll(() => server.close());

describe('headers and pages', () => {
  it('every answer carries a CSP without inline script or style, and anti-framing headers', async () => {
    for (const path of ['/login', '/static/app.css', '/no-such-page']) {
      const reply = await new WebClient(server.url).get(path);
      const csp = reply.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
      expect(reply.headers.get('x-powered-by')).toBeNull();
    }
  });

  it('no page has an inline script, style attribute or event handler attribute', async () => {
    const admin = await loggedIn(server.url, 'admin');
    await admin.get('/');
    const audit = (await admin.postForm('/samples/tongxiang.xlsx', {})).location!;
    for (const path of ['/', '/upload', '/audits', audit, '/facilities/tongxiang/TX-002', '/rulebooks', '/users', '/nope', '/login?lang=en']) {
      const { text } = await admin.get(path);
      expect(text, path).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(text, path).not.toMatch(/\sstyle=/);
      expect(text, path).not.toMatch(/\son[a-z]+=/);
    }
  });

  it('escapes what users typed: file names and user names', async () => {
    const admin = await loggedIn(server.url, 'admin');
    await admin.get('/upload');
    const evil = '<img src=x onerror=alert(1)>.xlsx';
    const posted = await admin.postWorkbook('/audits', await sample('anji.xlsx'), evil);
    const page = await admin.get(posted.location!);
    expect(page.text).not.toContain('<img src=x');
    expect(page.text).toContain('&lt;img src=x onerror=alert(1)&gt;.xlsx');
    await admin.get('/users');
    const created = await admin.postForm('/users', { name: '<b>bold</b>', role: 'reviewer' });
    expect(created.status).toBe(201);
    expect(created.text).toContain('&lt;b&gt;bold&lt;/b&gt;');
    expect(created.text).not.toContain('<b>bold</b>');
  });

  it('switches to English with ?lang=en and remembers it', async () => {
    const client = new WebClient(server.url);
    expect((await client.get('/login')).text).toContain('用户名');
    expect((await client.get('/login?lang=en')).text).toContain('User name');
    expect((await client.get('/login')).text).toContain('User name');
    expect((await client.get('/login')).text).toMatch(/<html lang="en">/);
  });
});

describe('sessions and logging in', () => {
  it('sets HttpOnly SameSite cookies and starts a new session id at login', async () => {
    const client = new WebClient(server.url);
    const form = await client.get('/login');
    // A visitor gets only the login form's token, in a cookie: no session yet.
    expect(form.headers.get('set-cookie')).toMatch(/eca_login=[^;]+;.*HttpOnly.*SameSite=Lax/i);
    expect(client.hasCookie('eca_session')).toBe(false);
    const first = await client.login('inspector');
    expect(first.headers.get('set-cookie')).toMatch(/eca_session=[^;]+;.*HttpOnly.*SameSite=Lax/i);
    const before = client.cookie('eca_session')!;
    await client.get('/');
    // Logging in again (say, as someone else on the same browser) starts another session.
    const reply = await client.postForm('/login', { name: 'inspector', password: PASSWORD });
    expect(reply.status).toBe(303);
    const after = client.cookie('eca_session')!;
    expect(after).not.toBe(before);
    expect(await server.users.getSession(sha256(before))).toBeNull();
    // Only the hash of the id is stored.
    expect(await server.users.getSession(after)).toBeNull();
    expect((await server.users.getSession(sha256(after)))?.userId).toBeGreaterThan(0);
  });

  it('keeps passwords as scrypt hashes', async () => {
    const credentials = await server.users.findCredentials('inspector');
    expect(credentials?.passwordHash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(credentials?.passwordHash).not.toContain(PASSWORD);
  });

  it('refuses a login post without the form’s CSRF token', async () => {
    const client = new WebClient(server.url);
    await client.get('/login');
    expect((await client.postForm('/login', { name: 'inspector', password: PASSWORD, _csrf: 'x' })).status).toBe(403);
    const cold = new WebClient(server.url);
    expect((await cold.postForm('/login', { name: 'inspector', password: PASSWORD })).status).toBe(403);
  });

  it('limits failed logins: after 3 failures even the right password waits (429)', async () => {
    const client = new WebClient(server.url);
    for (let attempt = 0; attempt < 3; attempt += 1) expect((await client.login('victim', 'wrong password')).status).toBe(401);
    const limited = await client.login('victim', PASSWORD);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another account from the same address is not locked by these failures.
    expect((await new WebClient(server.url).login('inspector')).status).toBe(303);
  });

  it('a disabled user is logged out and cannot log in again', async () => {
    const user = await addUser(server.users, 'leaver', 'reviewer');
    const leaver = await loggedIn(server.url, 'leaver');
    const admin = await loggedIn(server.url, 'admin');
    await admin.get('/users');
    expect((await admin.postForm(`/users/${user.id}`, { role: 'reviewer', disabled: '1' })).status).toBe(200);
    expect((await leaver.get('/audits')).status).toBe(303);
    expect((await new WebClient(server.url).login('leaver')).status).toBe(401);
  });

  it('an admin cannot lock themselves out', async () => {
    const admin = await loggedIn(server.url, 'admin');
    const me = (await server.users.findUserByName('admin'))!;
    await admin.get('/users');
    const reply = await admin.postForm(`/users/${me.id}`, { role: 'reviewer' });
    expect(reply.status).toBe(400);
    expect((await server.users.getUser(me.id))?.role).toBe('admin');
  });

  it('a reset password is shown once and works; the old one stops working', async () => {
    const user = await addUser(server.users, 'forgetful', 'reviewer');
    const admin = await loggedIn(server.url, 'admin');
    await admin.get('/users');
    const reply = await admin.postForm(`/users/${user.id}/password`, {});
    const password = /data-new-password>([^<]+)</.exec(reply.text)?.[1];
    expect(password).toMatch(/^[A-Za-z2-9]{16}$/);
    expect((await new WebClient(server.url).login('forgetful', PASSWORD)).status).toBe(401);
    expect((await new WebClient(server.url).login('forgetful', password)).status).toBe(303);
  });
});

describe('errors', () => {
  it('shows a friendly page with a reference, never a stack trace, and logs the error', async () => {
    const broken = await startTestServer();
    try {
      await addUser(broken.users, 'reviewer', 'reviewer');
      const client = await loggedIn(broken.url, 'reviewer');
      await broken.store.close(); // every read now fails inside the store
      const reply = await client.get('/rulebooks');
      expect(reply.status).toBe(500);
      expect(reply.text).toMatch(/编号 [0-9a-f]{12}/);
      expect(reply.text).not.toMatch(/at .*\.(js|ts):\d+/);
      expect(broken.errors.join('\n')).toMatch(/GET \/rulebooks/);
    } finally {
      await broken.close().catch(() => {});
    }
  });

  it('the 404 page is friendly, in both languages', async () => {
    const client = new WebClient(server.url);
    const zh = await client.get('/no/such/page');
    expect(zh.status).toBe(404);
    expect(zh.text).toContain('页面不存在');
    expect((await client.get('/no/such/page?lang=en')).text).toContain('does not exist');
  });
});
