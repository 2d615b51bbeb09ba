// The JSON API with Bearer tokens: 201/422/413 on upload, 401 without a (good) token, 403 for a
// role without the right, and a facility manager's 404 for anything not theirs. Every answer is
// also checked against the OpenAPI document the server publishes (support/openapi.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditResult } from '../server/audit/result.js';
import { ROUTES } from '../server/web/routes.js';
import { ApiContract, RECTIFICATION } from './support/openapi.js';
import { buildWorkbook, FACILITY_HEADER } from './support/workbook.js';
import { addUser, issueToken, sample, startTestServer, type TestServer } from './support/web.js';

type Who = 'none' | 'bad' | 'admin' | 'inspector' | 'reviewer' | 'manager';
type Expect = Record<Who, number>;

let server: TestServer;
let contract: ApiContract;
const tokens = new Map<Who, string>();
let tx = '';
let aj = '';

/** A request with `who`'s token; its answer must be one the OpenAPI document declares. */
async function call(path: string, who: Who, init: RequestInit = {}): Promise<Response> {
  const token = tokens.get(who);
  const reply = await fetch(new URL(path, server.url), {
    ...init,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.headers as Record<string, string> | undefined) },
  });
  await contract.check(init.method ?? 'GET', path, reply);
  return reply;
}

function upload(who: Who, bytes: Buffer, fileName: string, fields: Record<string, string> = {}): Promise<Response> {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  form.set('workbook', new Blob([new Uint8Array(bytes)]), fileName);
  return call('/api/audits', who, { method: 'POST', body: form });
}

beforeAll(async () => {
  server = await startTestServer();
  contract = await ApiContract.load(server.url);
  tokens.set('bad', 'eca_not-a-real-token');
  tokens.set('admin', await issueToken(server.users, await addUser(server.users, 'admin', 'admin')));
  tokens.set('inspector', await issueToken(server.users, await addUser(server.users, 'inspector', 'inspector')));
  tokens.set('reviewer', await issueToken(server.users, await addUser(server.users, 'reviewer', 'reviewer')));
  tokens.set('manager', await issueToken(server.users, await addUser(server.users, 'manager', 'facility_manager', ['tongxiang:TX-002', 'tongxiang:ZZ-999'])));
  tx = ((await (await upload('inspector', await sample('tongxiang.xlsx'), 'tongxiang.xlsx')).json()) as { auditId: string }).auditId;
  aj = ((await (await upload('inspector', await sample('anji.xlsx'), 'anji.xlsx')).json()) as { auditId: string }).auditId;
});
afterAll(() => server.close());

const everyone = (status: number, changes: Partial<Expect> = {}): Expect => ({
  none: 401,
  bad: 401,
  admin: status,
  inspector: status,
  reviewer: status,
  manager: status,
  ...changes,
});

describe('every token against every API route', () => {
  const cases = (): { route: string; url: string; expect: Expect }[] => [
    { route: 'GET /api/audits', url: '/api/audits', expect: everyone(200) },
    { route: 'GET /api/audits/:id', url: `/api/audits/${tx}`, expect: everyone(200) },
    { route: 'GET /api/audits/:id', url: `/api/audits/${aj}`, expect: everyone(200, { manager: 404 }) },
    { route: 'GET /api/audits/:id', url: '/api/audits/nope', expect: everyone(404) },
    { route: 'GET /api/audits/:id/report.pdf', url: `/api/audits/${tx}/report.pdf`, expect: everyone(200) },
    { route: 'GET /api/audits/:id/report.pdf', url: `/api/audits/${tx}/report.pdf?facility=TX-003`, expect: everyone(200, { manager: 404 }) },
    { route: 'GET /api/audits/:id/report.pdf', url: `/api/audits/${tx}/report.pdf?facility=NO-SUCH`, expect: everyone(404) },
    { route: 'GET /api/audits/:id/original', url: `/api/audits/${tx}/original`, expect: everyone(200, { manager: 403 }) },
    { route: 'GET /api/audits/:id/originals', url: `/api/audits/${tx}/originals`, expect: everyone(200, { manager: 403 }) },
    { route: 'GET /api/audits/:id/originals', url: '/api/audits/nope/originals', expect: everyone(404, { manager: 403 }) },
    { route: 'GET /api/audits/:id/originals/:n', url: `/api/audits/${tx}/originals/1`, expect: everyone(200, { manager: 403 }) },
    { route: 'GET /api/audits/:id/originals/:n', url: `/api/audits/${tx}/originals/2`, expect: everyone(404, { manager: 403 }) },
    { route: 'GET /api/audits/:id/originals/:n', url: `/api/audits/${tx}/originals/01`, expect: everyone(404, { manager: 403 }) },
    { route: 'GET /api/facilities/:jurisdiction/:id/audits', url: '/api/facilities/tongxiang/TX-002/audits', expect: everyone(200) },
    { route: 'GET /api/facilities/:jurisdiction/:id/audits', url: '/api/facilities/anji/AJ-001/audits', expect: everyone(200, { manager: 404 }) },
    { route: 'GET /api/facilities/:jurisdiction/:id/audits', url: '/api/facilities/tongxiang/ZZ-999/audits', expect: everyone(404) },
    { route: 'GET /api/compare', url: `/api/compare?audit=${tx}&facility=TX-001&facility=TX-002`, expect: everyone(200, { manager: 403 }) },
    { route: 'GET /api/compare', url: `/api/compare?audit=${tx}&facility=TX-001`, expect: everyone(400, { manager: 403 }) },
    { route: 'GET /api/compare', url: `/api/compare?audit=${tx}&facility=TX-001&facility=NO-SUCH`, expect: everyone(404, { manager: 403 }) },
    { route: 'GET /api/diff', url: `/api/diff?a=${tx}&b=${aj}`, expect: everyone(200, { manager: 403 }) },
    { route: 'GET /api/diff', url: `/api/diff?a=${tx}&b=nope`, expect: everyone(404, { manager: 403 }) },
    { route: 'GET /api/audits/:id/matrix', url: `/api/audits/${tx}/matrix?sort=shortfall`, expect: everyone(200, { manager: 403 }) },
    { route: 'GET /api/audits/:id/matrix', url: `/api/audits/${tx}/matrix?stars=9`, expect: everyone(400, { manager: 403 }) },
    { route: 'GET /api/audits/:id/matrix', url: '/api/audits/nope/matrix', expect: everyone(404, { manager: 403 }) },
    { route: 'GET /api/audits/:id/across', url: `/api/audits/${tx}/across?rulebook=jiaxiang&facility=TX-002`, expect: everyone(200, { manager: 403 }) },
    { route: 'GET /api/audits/:id/across', url: `/api/audits/${tx}/across?rulebook=atlantis`, expect: everyone(400, { manager: 403 }) },
    { route: 'GET /api/audits/:id/across', url: `/api/audits/${tx}/across`, expect: everyone(400, { manager: 403 }) },
    { route: 'GET /api/audits/:id/across', url: '/api/audits/nope/across?rulebook=anji', expect: everyone(404, { manager: 403 }) },
    { route: 'GET /api/openapi.json', url: '/api/openapi.json', expect: everyone(200, { none: 200, bad: 200 }) },
  ];

  it('the cases cover every API route', () => {
    // The rectification routes have their own role × route table in web-rectify.test.ts, which
    // checks that it covers every one of them.
    const rectification = ROUTES.filter((r) => r.kind === 'api' && RECTIFICATION.test(r.path)).map((r) => `${r.method.toUpperCase()} ${r.path}`);
    const covered = new Set([...cases().map((c) => c.route), 'POST /api/audits', ...rectification]);
    const api = ROUTES.filter((r) => r.kind === 'api').map((r) => `${r.method.toUpperCase()} ${r.path}`);
    expect(api.filter((route) => !covered.has(route))).toEqual([]);
  });

  it.each(['none', 'bad', 'admin', 'inspector', 'reviewer', 'manager'] as Who[])('%s', async (who) => {
    const answers: Record<string, number> = {};
    const expected: Record<string, number> = {};
    for (const c of cases()) {
      answers[c.url] = (await call(c.url, who)).status;
      expected[c.url] = c.expect[who];
    }
    expect(answers).toEqual(expected);
  });

  it('POST /api/audits: 201 for the roles that upload, 403 for the others, 401 without a token', async () => {
    const bytes = await sample('yaohai.xlsx');
    const statuses = Object.fromEntries(
      await Promise.all((['none', 'bad', 'admin', 'inspector', 'reviewer', 'manager'] as Who[]).map(async (who) => [who, (await upload(who, bytes, 'yaohai.xlsx')).status])),
    );
    expect(statuses).toEqual({ none: 401, bad: 401, admin: 201, inspector: 201, reviewer: 403, manager: 403 });
  });

  it('401 says how to authenticate', async () => {
    const reply = await call('/api/audits', 'none');
    expect(reply.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(((await reply.json()) as { error: string }).error).toBe('unauthorized');
  });
});

describe('the audit documents', () => {
  it('201 gives the CLI shape plus auditId, and GET gives back the same document', async () => {
    const reply = await upload('inspector', await sample('jiaxiang.xlsx'), 'jiaxiang.xlsx', { asOf: '2026-01-01', rulebook: 'jiaxiang' });
    expect(reply.status).toBe(201);
    const created = (await reply.json()) as AuditResult & { auditId: string };
    expect(Object.keys(created).sort()).toEqual(['asOf', 'asOfByJurisdiction', 'auditId', 'errors', 'findings', 'rulebooks', 'summary', 'tool', 'valid', 'warnings', 'workbook']);
    expect(created.asOf).toBe('2026-01-01');
    expect(reply.headers.get('location')).toBe(`/api/audits/${created.auditId}`);
    expect(await (await call(`/api/audits/${created.auditId}`, 'reviewer')).json()).toEqual(created);
  });

  it('422 for a rejected workbook, with every error at its cell, and nothing stored', async () => {
    const before = await server.store.listAudits();
    const bytes = await buildWorkbook([{ name: '机构', rows: [FACILITY_HEADER, ['F1', '甲', '桐乡市', '养老院子', '公办', -3]] }]);
    const reply = await upload('inspector', bytes, 'broken.xlsx');
    expect(reply.status).toBe(422);
    const body = (await reply.json()) as AuditResult;
    expect(body.valid).toBe(false);
    expect(body.errors.map((e) => e.cell)).toContain('机构!F2');
    expect(await server.store.listAudits()).toEqual(before);
  });

  it('413 over the size limit; 400 without a file', async () => {
    const small = await startTestServer({ maxUploadBytes: 2048 });
    try {
      const token = await issueToken(small.users, await addUser(small.users, 'inspector', 'inspector'));
      const form = new FormData();
      form.set('workbook', new Blob([new Uint8Array(await sample('anji.xlsx'))]), 'anji.xlsx');
      const reply = await fetch(new URL('/api/audits', small.url), { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
      await contract.check('POST', '/api/audits', reply);
      expect(reply.status).toBe(413);
      expect(((await reply.json()) as AuditResult).errors[0]!.code).toBe('too_large');
      const empty = await fetch(new URL('/api/audits', small.url), { method: 'POST', body: new FormData(), headers: { authorization: `Bearer ${token}` } });
      await contract.check('POST', '/api/audits', empty);
      expect(empty.status).toBe(400);
    } finally {
      await small.close();
    }
  });

  it('a facility manager gets the audit cut to their facilities', async () => {
    const body = (await (await call(`/api/audits/${tx}`, 'manager')).json()) as AuditResult;
    expect(new Set(body.findings.map((f) => `${f.subject.kind}:${f.subject.id}`))).toEqual(new Set(['facility:TX-002']));
    expect(body.summary).toEqual({ pass: 1, warn: 0, fail: 2, not_applicable: 2, insufficient_data: 0 });
    const list = (await (await call('/api/audits', 'manager')).json()) as { items: { auditId: string }[] };
    expect(list.items.map((a) => a.auditId)).toEqual([tx]);
  });

  it('PDF reports are PDFs, of the audit or of one facility', async () => {
    for (const url of [`/api/audits/${tx}/report.pdf`, `/api/audits/${tx}/report.pdf?facility=TX-002&lang=en`]) {
      const reply = await call(url, 'manager');
      expect(reply.headers.get('content-type')).toBe('application/pdf');
      expect(Buffer.from(await reply.arrayBuffer()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    }
  });

  it('the original comes back byte for byte; a facility lists its audits with its own counts', async () => {
    const original = Buffer.from(await (await call(`/api/audits/${tx}/original`, 'reviewer')).arrayBuffer());
    expect(original.equals(await sample('tongxiang.xlsx'))).toBe(true);
    const listed = (await (await call(`/api/audits/${tx}/originals`, 'reviewer')).json()) as { files: { n: number; file: string; href: string; mediaType: string }[] };
    expect(listed.files.map((f) => [f.n, f.file, f.mediaType])).toEqual([[1, 'tongxiang.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']]);
    expect(Buffer.from(await (await call(listed.files[0]!.href, 'reviewer')).arrayBuffer()).equals(original)).toBe(true);
    const facility = (await (await call('/api/facilities/tongxiang/TX-002/audits', 'manager')).json()) as { name: string; audits: { auditId: string; summary: { fail: number } }[] };
    expect(facility.name).toBe('梧桐街道颐养院');
    expect(facility.audits).toEqual([expect.objectContaining({ auditId: tx, summary: expect.objectContaining({ fail: 2 }) })]);
  });

  it('an unknown API path is a JSON 404', async () => {
    const reply = await call('/api/nothing-here', 'admin');
    expect(reply.status).toBe(404);
    expect(((await reply.json()) as { error: string }).error).toBe('notFound');
  });

  it('/healthz answers the load balancer in the shape the document gives', async () => {
    const reply = await call('/healthz', 'none');
    expect(reply.status).toBe(200);
    expect(((await reply.json()) as { status: string }).status).toBe('ok');
  });
});

describe('the OpenAPI document', () => {
  it('declared every answer above, and every success it declares was seen (notices and waivers: web-rectify.test.ts)', () => {
    expect(contract.unseenSuccesses((path) => !RECTIFICATION.test(path))).toEqual([]);
    expect(new Set(contract.checked.map((c) => c.status))).toEqual(new Set([200, 201, 400, 401, 403, 404, 413, 422]));
  });
});
