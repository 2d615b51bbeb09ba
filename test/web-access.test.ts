// Every role against every route of the route table: who gets 200 (or the route's success),
// who is sent to log in (303) or refused (401, 403), and where a facility manager meets 404
// because the audit or facility is not theirs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../server/web/routes.js';
import { addUser, issueToken, loggedIn, sample, startTestServer, WebClient, type TestServer } from './support/web.js';
import { rectificationStoreFor } from '../server/store/rectification.js';
import { addWaiver, issueNotice, respond } from '../server/rectify/service.js';
import { checkEvidence } from '../server/rectify/evidence.js';
import { PNG } from './support/rectification-contract.js';

type Who = 'anonymous' | 'admin' | 'inspector' | 'reviewer' | 'manager';
type Expect = Record<Who, number>;

const signedIn = (status: number, changes: Partial<Expect> = {}): Expect => ({
  anonymous: 303,
  admin: status,
  inspector: status,
  reviewer: status,
  manager: status,
  ...changes,
});
/** What a route only some roles may use answers the others. */
const only = (roles: Who[], status: number, anonymous = 303): Expect => ({
  anonymous,
  admin: roles.includes('admin') ? status : 403,
  inspector: roles.includes('inspector') ? status : 403,
  reviewer: roles.includes('reviewer') ? status : 403,
  manager: roles.includes('manager') ? status : 403,
});

/** The comparison pages: reviewers, inspectors and admins; a facility manager is refused. */
const comparers = (status: number): Expect => only(['admin', 'inspector', 'reviewer'], status);

interface Case {
  route: string;
  url: string;
  expect: Expect;
  /** Sends the request for a client (a form post with the client's CSRF token, or an upload). */
  send?: (client: WebClient, who: Who) => Promise<number>;
}

let server: TestServer;
let tx = '';
let aj = '';
let targetId = 0;
const clients = new Map<Who, WebClient>();
/** Notices of the manager's facility (TX-002), of another (TX-003) and of the region; an evidence file of the first. */
const notices = { own: '', other: '', region: '', closing: '', evidence: '' };

beforeAll(async () => {
  server = await startTestServer();
  await addUser(server.users, 'admin', 'admin');
  const inspector = await addUser(server.users, 'inspector', 'inspector');
  await addUser(server.users, 'reviewer', 'reviewer');
  await addUser(server.users, 'manager', 'facility_manager', ['tongxiang:TX-002']);
  targetId = (await addUser(server.users, 'target', 'reviewer')).id;
  void inspector;
  const uploader = await loggedIn(server.url, 'inspector');
  tx = (await uploader.postForm('/samples/tongxiang.xlsx', {})).location!.split('/').pop()!;
  aj = (await uploader.postForm('/samples/anji.xlsx', {})).location!.split('/').pop()!;
  const stores = { audits: server.store, record: rectificationStoreFor(server.store) };
  const issue = async (id: string, kind?: 'region') => (await issueNotice(stores, { auditId: tx, subject: { id, ...(kind ? { kind } : {}) }, issuedOn: '2026-03-01', issuedBy: 'inspector' })).id;
  notices.own = await issue('TX-002');
  notices.other = await issue('TX-003');
  notices.region = await issue('tongxiang', 'region');
  notices.closing = await issue('TX-003');
  await respond(stores.record, { noticeId: notices.own, items: [0], text: '已整改', files: checkEvidence([{ fileName: 'roster.png', bytes: PNG }]), user: 'manager' });
  notices.evidence = (await stores.record.listEvidence(notices.own))[0]!.id;
  clients.set('anonymous', new WebClient(server.url));
  for (const who of ['admin', 'inspector', 'reviewer', 'manager'] as const) clients.set(who, await loggedIn(server.url, who));
});
afterAll(() => server.close());

const form = (path: string, fields: (who: Who) => Record<string, string> = () => ({})) => async (client: WebClient, who: Who) => {
  await client.get('/rulebooks'); // any page, for a fresh CSRF token
  return (await client.postForm(path, fields(who))).status;
};

/** A response as the notice page's form sends it: multipart, with the CSRF token. */
const respondTo = (id: string) => async (client: WebClient) => {
  await client.get('/rulebooks');
  const body = new FormData();
  body.set('_csrf', client.lastCsrf);
  body.set('item', '1');
  body.set('text', '已整改');
  body.set('evidence', new Blob([new Uint8Array(PNG)]), 'photo.png');
  return (await client.request('POST', `/notices/${id}/respond`, { body })).status;
};

function cases(): Case[] {
  return [
    { route: 'GET /login', url: '/login', expect: signedIn(303, { anonymous: 200 }) },
    { route: 'GET /', url: '/', expect: signedIn(200) },
    { route: 'GET /upload', url: '/upload', expect: only(['admin', 'inspector'], 200) },
    { route: 'GET /audits', url: '/audits', expect: signedIn(200) },
    { route: 'GET /audits/:id', url: `/audits/${tx}`, expect: signedIn(200) },
    { route: 'GET /audits/:id', url: `/audits/${aj}`, expect: signedIn(200, { manager: 404 }) },
    { route: 'GET /audits/:id', url: '/audits/20250101-000000-00000000', expect: signedIn(404) },
    { route: 'GET /audits/:id/report.pdf', url: `/audits/${tx}/report.pdf`, expect: signedIn(200) },
    { route: 'GET /audits/:id/report.pdf', url: `/audits/${tx}/report.pdf?facility=TX-002`, expect: signedIn(200) },
    { route: 'GET /audits/:id/report.pdf', url: `/audits/${tx}/report.pdf?facility=TX-003`, expect: signedIn(200, { manager: 404 }) },
    { route: 'GET /audits/:id/report.pdf', url: `/audits/${aj}/report.pdf`, expect: signedIn(200, { manager: 404 }) },
    { route: 'GET /audits/:id/result.json', url: `/audits/${tx}/result.json`, expect: signedIn(200) },
    { route: 'GET /audits/:id/result.json', url: `/audits/${aj}/result.json`, expect: signedIn(200, { manager: 404 }) },
    { route: 'GET /audits/:id/original', url: `/audits/${tx}/original`, expect: only(['admin', 'inspector', 'reviewer'], 200) },
    { route: 'GET /audits/:id/originals/:n', url: `/audits/${tx}/originals/1`, expect: only(['admin', 'inspector', 'reviewer'], 200) },
    { route: 'GET /audits/:id/originals/:n', url: `/audits/${tx}/originals/2`, expect: only(['admin', 'inspector', 'reviewer'], 404) },
    { route: 'GET /audits/:id/matrix', url: `/audits/${tx}/matrix`, expect: comparers(200) },
    { route: 'GET /audits/:id/matrix', url: `/audits/${tx}/matrix?sort=shortfall&format=xlsx`, expect: comparers(200) },
    { route: 'GET /audits/:id/matrix', url: `/audits/${tx}/matrix?stars=9`, expect: comparers(400) },
    { route: 'GET /audits/:id/matrix', url: '/audits/20250101-000000-00000000/matrix', expect: comparers(404) },
    { route: 'GET /audits/:id/across', url: `/audits/${tx}/across?rulebook=jiaxiang`, expect: comparers(200) },
    { route: 'GET /audits/:id/across', url: `/audits/${tx}/across?rulebook=jiaxiang&format=pdf`, expect: comparers(200) },
    { route: 'GET /audits/:id/across', url: `/audits/${tx}/across?rulebook=nowhere`, expect: comparers(400) },
    { route: 'GET /compare', url: '/compare', expect: comparers(200) },
    { route: 'GET /compare', url: `/compare?audit=${tx}&facility=TX-001&facility=TX-002&different=1`, expect: comparers(200) },
    { route: 'GET /compare', url: `/compare?facility=${tx}:TX-002&facility=${aj}:AJ-001&format=xlsx`, expect: comparers(200) },
    { route: 'GET /compare', url: `/compare?audit=${tx}&facility=TX-001&format=pdf`, expect: comparers(400) },
    { route: 'GET /compare', url: `/compare?audit=${tx}&facility=TX-001&facility=NO-SUCH`, expect: comparers(404) },
    { route: 'GET /diff', url: '/diff', expect: comparers(200) },
    { route: 'GET /diff', url: `/diff?a=${tx}&b=${aj}`, expect: comparers(200) },
    { route: 'GET /diff', url: `/diff?a=${tx}&b=${tx}&facility=TX-002&format=xlsx`, expect: comparers(200) },
    { route: 'GET /diff', url: `/diff?a=${tx}&b=20250101-000000-00000000`, expect: comparers(404) },
    { route: 'GET /facilities/:jurisdiction/:id', url: '/facilities/tongxiang/TX-002', expect: signedIn(200) },
    { route: 'GET /facilities/:jurisdiction/:id', url: '/facilities/tongxiang/TX-003', expect: signedIn(200, { manager: 404 }) },
    { route: 'GET /facilities/:jurisdiction/:id', url: '/facilities/anji/AJ-001', expect: signedIn(200, { manager: 404 }) },
    { route: 'GET /facilities/:jurisdiction/:id', url: '/facilities/tongxiang/NO-SUCH', expect: signedIn(404) },
    { route: 'GET /facilities/:jurisdiction/:id/report.pdf', url: '/facilities/tongxiang/TX-002/report.pdf', expect: signedIn(200) },
    { route: 'GET /facilities/:jurisdiction/:id/report.pdf', url: '/facilities/anji/AJ-001/report.pdf', expect: signedIn(200, { manager: 404 }) },
    { route: 'GET /rulebooks', url: '/rulebooks', expect: signedIn(200) },
    { route: 'GET /healthz', url: '/healthz', expect: signedIn(200, { anonymous: 200 }) },
    { route: 'GET /template.xlsx', url: '/template.xlsx', expect: signedIn(200) },
    { route: 'GET /users', url: '/users', expect: only(['admin'], 200) },
    { route: 'GET /notices', url: '/notices', expect: signedIn(200) },
    { route: 'GET /notices', url: '/notices?state=nonsense', expect: signedIn(400) },
    { route: 'GET /notices/:id', url: `/notices/${notices.own}`, expect: signedIn(200) },
    { route: 'GET /notices/:id', url: `/notices/${notices.other}`, expect: signedIn(200, { manager: 404 }) },
    { route: 'GET /notices/:id', url: `/notices/${notices.region}`, expect: signedIn(200, { manager: 404 }) },
    { route: 'GET /notices/:id', url: '/notices/N-0000000000000000', expect: signedIn(404) },
    { route: 'GET /notices/:id/notice.pdf', url: `/notices/${notices.own}/notice.pdf`, expect: signedIn(200) },
    { route: 'GET /notices/:id/notice.pdf', url: `/notices/${notices.other}/notice.pdf`, expect: signedIn(200, { manager: 404 }) },
    { route: 'GET /notices/:id/review.pdf', url: `/notices/${notices.own}/review.pdf`, expect: signedIn(422) },
    { route: 'GET /notices/:id/review.pdf', url: `/notices/${notices.region}/review.pdf`, expect: signedIn(422, { manager: 404 }) },
    { route: 'GET /notices/:id/evidence/:evidence', url: `/notices/${notices.own}/evidence/${notices.evidence}`, expect: signedIn(200) },
    { route: 'GET /notices/:id/evidence/:evidence', url: `/notices/${notices.other}/evidence/${notices.evidence}`, expect: signedIn(404) },
    { route: 'GET /audits/:id/notices/new', url: `/audits/${tx}/notices/new?subject=facility:tongxiang:TX-002`, expect: only(['admin', 'inspector'], 200) },
    { route: 'GET /waivers', url: '/waivers', expect: signedIn(200) },
    {
      route: 'POST /audits',
      url: '/audits',
      expect: only(['admin', 'inspector'], 303, 401),
      send: async (client) => {
        await client.get('/rulebooks');
        return (await client.postWorkbook('/audits', await sample('yaohai.xlsx'), 'yaohai.xlsx')).status;
      },
    },
    { route: 'POST /samples/:name', url: '/samples/hongdong.xlsx', expect: only(['admin', 'inspector'], 303, 401), send: form('/samples/hongdong.xlsx') },
    { route: 'POST /users', url: '/users', expect: only(['admin'], 201, 401), send: form('/users', (who) => ({ name: `new-by-${who}`, role: 'reviewer' })) },
    { route: 'POST /users/:id', url: '/users/:id', expect: only(['admin'], 200, 401), send: form(`/users/${targetId}`, () => ({ role: 'reviewer', facilities: '' })) },
    { route: 'POST /users/:id/password', url: '/users/:id/password', expect: only(['admin'], 200, 401), send: form(`/users/${targetId}/password`) },
    { route: 'POST /users/:id', url: '/users/01', expect: only(['admin'], 404, 401), send: form(`/users/0${targetId}`, () => ({ role: 'reviewer', facilities: '' })) },
    {
      route: 'POST /tokens/:id/revoke',
      url: '/tokens/:id/revoke',
      expect: only(['admin'], 200, 401),
      send: async (client, who) => {
        // A fresh token each time, so that every role meets one that exists.
        await issueToken(server.users, (await server.users.findUserByName('target'))!);
        const id = (await server.users.listTokens()).at(-1)!.id;
        return form(`/tokens/${id}/revoke`)(client, who);
      },
    },
    { route: 'POST /tokens/:id/revoke', url: '/tokens/999999/revoke', expect: only(['admin'], 404, 401), send: form('/tokens/999999/revoke') },
    { route: 'GET /facilities/:jurisdiction/:id', url: '/facilities/anji/TX-002', expect: signedIn(404) },
    { route: 'POST /notices', url: '/notices', expect: only(['admin', 'inspector'], 303, 401), send: form('/notices', () => ({ auditId: tx, subject: 'facility:tongxiang:TX-005', issuedOn: '2026-03-02' })) },
    { route: 'POST /notices/:id/respond', url: `/notices/${notices.own}/respond`, expect: only(['manager'], 303, 401), send: respondTo(notices.own) },
    { route: 'POST /notices/:id/respond', url: `/notices/${notices.other}/respond`, expect: only(['manager'], 404, 401), send: respondTo(notices.other) },
    { route: 'POST /notices/:id/items/:item/close', url: 'close', expect: only(['admin', 'inspector'], 303, 401), send: form(`/notices/${notices.closing}/items/1/close`, (who) => ({ note: `checked on site by ${who}` })) },
    { route: 'POST /notices/:id/items/:item/reopen', url: 'reopen', expect: only(['admin', 'inspector'], 303, 401), send: form(`/notices/${notices.closing}/items/1/reopen`, () => ({ note: 'again' })) },
    { route: 'POST /notices/:id/items/:item/deadline', url: 'deadline', expect: only(['admin', 'inspector'], 303, 401), send: form(`/notices/${notices.closing}/items/2/deadline`, () => ({ deadline: '2026-09-30' })) },
    { route: 'POST /notices/:id/items/:item/close', url: 'close without a note', expect: only(['admin', 'inspector'], 422, 401), send: form(`/notices/${notices.closing}/items/2/close`) },
    { route: 'POST /waivers', url: '/waivers', expect: only(['admin', 'inspector'], 303, 401), send: form('/waivers', (who) => ({ rule: 'staffing.social-worker-per-beds', kind: 'facility', subject: 'TX-003', jurisdiction: 'tongxiang', reason: `by ${who}`, until: '2026-12-31' })) },
    {
      route: 'POST /waivers/:id/revoke',
      url: 'revoke',
      expect: only(['admin', 'inspector'], 303, 401),
      send: async (client, who) => {
        const waiver = await addWaiver(rectificationStoreFor(server.store), { rule: 'staffing.social-worker-per-beds', subject: { kind: 'facility', id: 'TX-003', jurisdiction: 'tongxiang' }, reason: `to revoke, ${who}`, until: '2026-12-31', approvedBy: 'admin' });
        return form(`/waivers/${waiver.id}/revoke`)(client, who);
      },
    },
  ];
}

const WHO: Who[] = ['anonymous', 'admin', 'inspector', 'reviewer', 'manager'];

describe('pages: every role against every route', () => {
  it('the cases cover every page route of the route table', () => {
    const covered = new Set([...cases().map((c) => c.route), 'POST /login', 'POST /logout']);
    const pages = ROUTES.filter((r) => r.kind === 'page').map((r) => `${r.method.toUpperCase()} ${r.path}`);
    expect(pages.filter((route) => !covered.has(route))).toEqual([]);
  });

  it.each(WHO)('%s gets what the table says on every route', async (who) => {
    const client = clients.get(who)!;
    const answers: Record<string, number> = {};
    const expected: Record<string, number> = {};
    for (const c of cases()) {
      const key = `${c.route} ${c.url}`;
      answers[key] = c.send ? await c.send(client, who) : (await client.get(c.url)).status;
      expected[key] = c.expect[who];
    }
    expect(answers).toEqual(expected);
  });

  it('an anonymous visitor is sent to the login form with the page to return to', async () => {
    const reply = await new WebClient(server.url).get(`/audits/${tx}?status=fail`);
    expect(reply.status).toBe(303);
    expect(reply.location).toBe(`/login?next=${encodeURIComponent(`/audits/${tx}?status=fail`)}`);
  });

  it('logging out ends the session on the server', async () => {
    const client = await loggedIn(server.url, 'reviewer');
    const cookie = client.cookie('eca_session')!;
    expect((await client.postForm('/logout', {})).status).toBe(303);
    const replay = await fetch(new URL('/audits', server.url), { headers: { cookie: `eca_session=${cookie}` }, redirect: 'manual' });
    expect(replay.status).toBe(303);
  });
});

describe('a facility manager sees only their facilities', () => {
  it('the audit page and its JSON hold only their facility', async () => {
    const manager = clients.get('manager')!;
    const page = await manager.get(`/audits/${tx}`);
    expect(page.text).toContain('TX-002');
    expect(page.text).not.toContain('TX-003');
    expect(page.text).not.toContain(`/audits/${tx}/original`);
    const json = JSON.parse((await manager.get(`/audits/${tx}`, { accept: 'application/json' })).text) as { findings: { subject: { id: string } }[]; summary: { fail: number } };
    expect(new Set(json.findings.map((f) => f.subject.id))).toEqual(new Set(['TX-002']));
    expect(json.summary.fail).toBe(2);
  });

  it('the audit list holds only audits of their facilities, with their counts', async () => {
    const list = JSON.parse((await clients.get('manager')!.get('/audits', { accept: 'application/json' })).text) as { items: { auditId: string; summary: { fail: number } }[] };
    expect(list.items.map((a) => a.auditId)).toEqual([tx]);
    expect(list.items[0]!.summary.fail).toBe(2);
  });

  it('a session does not open the API, and a token does not open the pages', async () => {
    expect((await clients.get('admin')!.get('/api/audits')).status).toBe(401);
    const token = await issueToken(server.users, (await server.users.findUserByName('admin'))!);
    const page = await fetch(new URL('/audits', server.url), { headers: { authorization: `Bearer ${token}` }, redirect: 'manual' });
    expect(page.status).toBe(303);
  });
});
