// Rectification through the API with tokens (and the pages a manager sees): every role against
// every notice and waiver route; the whole cycle of a facility's notice (issue → response with
// evidence → corrected workbook stored as a new audit → resolved → closed → 复查意见书); a
// manager never sees or answers another facility's notice, by list, id or guessed id. Every API
// answer is also checked against the OpenAPI document the server publishes (support/openapi.ts).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAjv } from '../checks/ajv.js';
import { projectPath } from '../checks/paths.js';
import { buildSample, loadSampleSources, type SampleSource } from '../samples/generate.js';

type SourceRow = NonNullable<SampleSource['sheets']['staff']>[number];
import type { AuditResult } from '../server/audit/result.js';
import type { NoticeView } from '../server/rectify/state.js';
import { ROUTES } from '../server/web/routes.js';
import { ApiContract, RECTIFICATION } from './support/openapi.js';
import { PNG } from './support/rectification-contract.js';
import { readPdf } from './support/pdf.js';
import { addUser, issueToken, loggedIn, sample, startTestServer, type TestServer } from './support/web.js';

type Who = 'none' | 'admin' | 'inspector' | 'reviewer' | 'manager' | 'stranger';
const WHO: Who[] = ['none', 'admin', 'inspector', 'reviewer', 'manager', 'stranger'];
type Expect = Record<Who, number>;

let server: TestServer;
let contract: ApiContract;
const tokens = new Map<Who, string>();
let tx = '';
const validateNotice = createAjv().compile(JSON.parse(readFileSync(projectPath('schemas/notice.schema.json'), 'utf8')) as object);

/** A request with `who`'s token; its answer must be one the OpenAPI document declares. */
async function call(path: string, who: Who, init: RequestInit = {}): Promise<Response> {
  const token = tokens.get(who);
  const reply = await fetch(new URL(path, server.url), { ...init, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.headers as Record<string, string> | undefined) } });
  await contract.check(init.method ?? 'GET', path, reply);
  return reply;
}
const post = (path: string, who: Who, body: unknown) => call(path, who, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

function responseForm(fields: { item?: string[]; text?: string; evidence?: Buffer[]; workbook?: Buffer }): FormData {
  const form = new FormData();
  for (const item of fields.item ?? []) form.append('item', item);
  if (fields.text) form.set('text', fields.text);
  for (const [i, bytes] of (fields.evidence ?? []).entries()) form.append('evidence', new Blob([new Uint8Array(bytes)]), `photo-${i}.png`);
  if (fields.workbook) form.set('workbook', new Blob([new Uint8Array(fields.workbook)]), '整改后.xlsx');
  return form;
}

/** The tongxiang sample cut to TX-002, with the social worker and rehabilitation nurse it lacked. */
async function correctedWorkbook(): Promise<Buffer> {
  const source = loadSampleSources().find((s) => s.file === 'tongxiang.xlsx')!;
  const own = (rows: SourceRow[] | undefined) => (rows ?? []).filter((r) => r['facility_id'] === 'TX-002');
  return buildSample({
    ...source,
    sheets: {
      ...source.sheets,
      facilities: own(source.sheets.facilities),
      staff: [...own(source.sheets.staff), { facility_id: 'TX-002', role: '社会工作者', count: 1 }, { facility_id: 'TX-002', role: '康复护士', count: 1 }],
    },
  });
}

const notices = { own: '', other: '', region: '' };

beforeAll(async () => {
  server = await startTestServer();
  contract = await ApiContract.load(server.url);
  tokens.set('admin', await issueToken(server.users, await addUser(server.users, 'admin', 'admin')));
  tokens.set('inspector', await issueToken(server.users, await addUser(server.users, 'inspector', 'inspector')));
  tokens.set('reviewer', await issueToken(server.users, await addUser(server.users, 'reviewer', 'reviewer')));
  tokens.set('manager', await issueToken(server.users, await addUser(server.users, 'manager', 'facility_manager', ['tongxiang:TX-002'])));
  tokens.set('stranger', await issueToken(server.users, await addUser(server.users, 'stranger', 'facility_manager', ['tongxiang:TX-003'])));
  const form = new FormData();
  form.set('workbook', new Blob([new Uint8Array(await sample('tongxiang.xlsx'))]), 'tongxiang.xlsx');
  tx = ((await (await call('/api/audits', 'inspector', { method: 'POST', body: form })).json()) as { auditId: string }).auditId;
  const issue = async (subject: string) => ((await (await post('/api/notices', 'inspector', { auditId: tx, subject, issuedOn: '2026-03-01', days: 20 })).json()) as NoticeView).id;
  notices.own = await issue('facility:tongxiang:TX-002');
  notices.other = await issue('facility:tongxiang:TX-003');
  notices.region = await issue('region:tongxiang:tongxiang');
});
afterAll(() => server.close());

const everyone = (status: number, changes: Partial<Expect> = {}): Expect => ({ none: 401, admin: status, inspector: status, reviewer: status, manager: status, stranger: status, ...changes });
const only = (roles: Who[], status: number): Expect => ({
  none: 401,
  ...Object.fromEntries((['admin', 'inspector', 'reviewer', 'manager', 'stranger'] as const).map((w) => [w, roles.includes(w) ? status : 403])),
} as Expect);

describe('every token against every rectification route', () => {
  const cases = (): { route: string; label: string; expect: Expect; send: (who: Who) => Promise<Response> }[] => {
    const get = (url: string) => (who: Who) => call(url, who);
    return [
      { route: 'GET /api/notices', label: 'list', expect: everyone(200), send: get('/api/notices') },
      { route: 'GET /api/notices/:id', label: 'own', expect: everyone(200, { stranger: 404 }), send: get(`/api/notices/${notices.own}`) },
      { route: 'GET /api/notices/:id', label: 'region', expect: everyone(200, { manager: 404, stranger: 404 }), send: get(`/api/notices/${notices.region}`) },
      { route: 'GET /api/notices/:id', label: 'guessed', expect: everyone(404), send: get('/api/notices/N-0123456789abcdef') },
      { route: 'GET /api/notices/:id/notice.pdf', label: 'pdf', expect: everyone(200, { stranger: 404 }), send: get(`/api/notices/${notices.own}/notice.pdf`) },
      { route: 'GET /api/notices/:id/review.pdf', label: 'review of an open notice', expect: everyone(422, { manager: 404, stranger: 404 }), send: get(`/api/notices/${notices.region}/review.pdf`) },
      { route: 'GET /api/notices/:id/evidence/:evidence', label: 'unknown evidence', expect: everyone(404), send: get(`/api/notices/${notices.own}/evidence/E-nope`) },
      { route: 'GET /api/waivers', label: 'waivers', expect: everyone(200), send: get('/api/waivers') },
      { route: 'POST /api/notices', label: 'issue', expect: only(['admin', 'inspector'], 201), send: (who) => post('/api/notices', who, { auditId: tx, subject: 'facility:tongxiang:TX-005', issuedOn: '2026-03-02' }) },
      { route: 'POST /api/notices', label: 'issue for nothing', expect: only(['admin', 'inspector'], 422), send: (who) => post('/api/notices', who, { auditId: tx, subject: 'facility:tongxiang:TX-001', issuedOn: '2026-03-02' }) },
      { route: 'POST /api/notices/:id/responses', label: 'respond to another facility', expect: only(['manager', 'stranger'], 404), send: (who) => call(`/api/notices/${notices.region}/responses`, who, { method: 'POST', body: responseForm({ item: ['1'], text: 'x' }) }) },
      { route: 'POST /api/notices/:id/items/:item/close', label: 'close', expect: only(['admin', 'inspector'], 200), send: (who) => post(`/api/notices/${notices.region}/items/1/close`, who, { note: `on site, ${who}` }) },
      { route: 'POST /api/notices/:id/items/:item/reopen', label: 'reopen', expect: only(['admin', 'inspector'], 200), send: (who) => post(`/api/notices/${notices.region}/items/1/reopen`, who, { note: 'not so' }) },
      { route: 'POST /api/notices/:id/items/:item/deadline', label: 'deadline', expect: only(['admin', 'inspector'], 200), send: (who) => post(`/api/notices/${notices.region}/items/2/deadline`, who, { deadline: '2026-10-01' }) },
      { route: 'POST /api/notices/:id/items/:item/deadline', label: 'bad deadline', expect: only(['admin', 'inspector'], 422), send: (who) => post(`/api/notices/${notices.region}/items/2/deadline`, who, { deadline: '2026-02-30' }) },
      { route: 'POST /api/waivers', label: 'waive', expect: only(['admin', 'inspector'], 201), send: (who) => post('/api/waivers', who, { rule: 'workforce.social-workers-per-10k', kind: 'region', subject: 'tongxiang', jurisdiction: 'tongxiang', reason: `by ${who}`, until: '2026-12-31' }) },
      { route: 'POST /api/waivers/:id/revoke', label: 'revoke unknown', expect: only(['admin', 'inspector'], 422), send: (who) => post('/api/waivers/W-nope/revoke', who, {}) },
    ];
  };

  it('the cases cover every notice and waiver route of the API', () => {
    const covered = new Set([...cases().map((c) => c.route), 'POST /api/notices/:id/responses', 'POST /api/waivers/:id/revoke']);
    const routes = ROUTES.filter((r) => r.kind === 'api' && RECTIFICATION.test(r.path)).map((r) => `${r.method.toUpperCase()} ${r.path}`);
    expect(routes.filter((route) => !covered.has(route))).toEqual([]);
  });

  it.each(WHO)('%s', async (who) => {
    const answers: Record<string, number> = {};
    const expected: Record<string, number> = {};
    for (const c of cases()) {
      answers[`${c.route} ${c.label}`] = (await c.send(who)).status;
      expected[`${c.route} ${c.label}`] = c.expect[who];
    }
    expect(answers).toEqual(expected);
  });
});

describe('a facility answers its notice and a corrected workbook closes it', () => {
  it('walks the cycle: notice → refused foreign workbook → response with evidence and a corrected workbook → resolved → closed → 复查意见书', async () => {
    const issued = (await (await call(`/api/notices/${notices.own}?asOf=2026-03-05`, 'manager')).json()) as NoticeView;
    expect(validateNotice(issued), JSON.stringify(validateNotice.errors)).toBe(true);
    expect(issued.items.map((i) => [i.rule, i.deadline, i.state])).toEqual([
      ['staffing.social-worker-per-beds', '2026-03-21', 'open'],
      ['staffing.rehab-nurse-by-star', '2026-03-21', 'open'],
    ]);
    expect(((await (await call('/api/notices?asOf=2026-03-25&state=overdue', 'inspector')).json()) as NoticeView[]).map((n) => n.id)).toContain(notices.own);

    // The manager sees only their own notice; the stranger neither sees nor answers it.
    expect(((await (await call('/api/notices', 'manager')).json()) as NoticeView[]).map((n) => n.id)).toEqual([notices.own]);
    expect((await call(`/api/notices/${notices.own}/responses`, 'stranger', { method: 'POST', body: responseForm({ item: ['1'], text: 'x' }) })).status).toBe(404);

    // A workbook holding other facilities is refused whole: nothing stored.
    const before = (await server.store.listAudits()).length;
    const foreign = await call(`/api/notices/${notices.own}/responses`, 'manager', { method: 'POST', body: responseForm({ item: ['1'], text: 'x', workbook: await sample('tongxiang.xlsx') }) });
    expect(foreign.status).toBe(422);
    expect(((await foreign.json()) as { message: { en: string } }).message.en).toMatch(/holds facility "TX-00[13-9]", which is not yours/);
    const notImage = await call(`/api/notices/${notices.own}/responses`, 'manager', { method: 'POST', body: responseForm({ item: ['1'], text: 'x', evidence: [Buffer.from('MZ not a photo')] }) });
    expect(notImage.status).toBe(422);
    const noItems = await call(`/api/notices/${notices.own}/responses`, 'manager', { method: 'POST', body: responseForm({ text: 'x', workbook: await correctedWorkbook() }) });
    expect(noItems.status).toBe(422);
    expect((await server.store.listAudits()).length).toBe(before);
    expect(((await (await call(`/api/notices/${notices.own}`, 'manager')).json()) as NoticeView).history.map((h) => h.action)).toEqual(['issue']);

    const answered = await call(`/api/notices/${notices.own}/responses`, 'manager', {
      method: 'POST',
      body: responseForm({ item: ['1', '2'], text: '已增配社工和康复护士各一名', evidence: [PNG], workbook: await correctedWorkbook() }),
    });
    expect(answered.status).toBe(201);
    const view = (await answered.json()) as NoticeView;
    const audits = await server.store.listAudits();
    expect(audits.length).toBe(before + 1);
    const corrected = audits[0]!;
    expect(corrected.uploadedBy).toBe('manager');
    expect(view.items.map((i) => [i.state, i.resolvedBy])).toEqual([['resolved', corrected.auditId], ['resolved', corrected.auditId]]);
    expect(view.state).toBe('closed');
    expect(view.items[0]!.responses[0]).toMatchObject({ user: 'manager', text: '已增配社工和康复护士各一名', auditId: corrected.auditId });
    // The corrected workbook is stored (and so resolves) a moment before the response is recorded.
    expect(view.history.map((h) => h.action)).toEqual(['issue', 'resolve', 'resolve', 'respond', 'respond']);
    expect(validateNotice(view)).toBe(true);

    const evidence = view.items[0]!.responses[0]!.evidence[0]!;
    const download = await call(`/api/notices/${notices.own}/evidence/${evidence.id}`, 'reviewer');
    expect(download.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await download.arrayBuffer()).equals(PNG)).toBe(true);
    expect((await call(`/api/notices/${notices.own}/evidence/${evidence.id}`, 'stranger')).status).toBe(404);
    expect((await call(`/api/notices/${notices.other}/evidence/${evidence.id}`, 'inspector')).status).toBe(404);

    const review = await call(`/api/notices/${notices.own}/review.pdf?lang=zh`, 'manager');
    expect(review.status).toBe(200);
    const text = (await readPdf(Buffer.from(await review.arrayBuffer()))).map((p) => p.text).join('');
    expect(text).toContain('整改复查意见书');
    expect(text).toContain(corrected.auditId);
    expect(text).toContain(view.number);
  });

  it('shows a waiver beside the finding in the audit JSON and page, counted apart, and lists waivers per manager', async () => {
    const added = await post('/api/waivers', 'inspector', { rule: 'staffing.social-worker-per-beds', kind: 'facility', subject: 'TX-003', jurisdiction: 'tongxiang', reason: '招聘中', until: '2099-12-31' });
    expect(added.status).toBe(201);
    const waiver = (await added.json()) as { id: string; approvedBy: string; state: string };
    expect(waiver).toMatchObject({ approvedBy: 'inspector', state: 'valid' });
    const audit = (await (await call(`/api/audits/${tx}`, 'reviewer')).json()) as AuditResult & { waivers: { id: string; state: string }[] };
    expect(audit.waivers.filter((w) => w.id === waiver.id)).toEqual([expect.objectContaining({ state: 'valid', status: 'fail' })]);
    expect(((await (await call('/api/waivers', 'manager')).json()) as { id: string }[]).map((w) => w.id)).not.toContain(waiver.id);
    expect(((await (await call('/api/waivers', 'stranger')).json()) as { id: string }[]).map((w) => w.id)).toContain(waiver.id);
    const inspector = await loggedIn(server.url, 'inspector');
    const page = await inspector.get(`/audits/${tx}?facility=TX-003`);
    expect(page.text).toContain(`已豁免（${waiver.id}`);
    expect(page.text).toMatch(/其中豁免 \d+/);
    // The whole audit's PDF, drawn by the PDF worker from the stored audit, names the waiver too.
    const pdf = await call(`/api/audits/${tx}/report.pdf`, 'reviewer');
    expect(pdf.status).toBe(200);
    const pdfText = (await readPdf(Buffer.from(await pdf.arrayBuffer()))).map((p) => p.text).join('').replace(/\s/g, '');
    expect(pdfText).toContain(`已豁免（${waiver.id}`);
    const facility = await inspector.get('/facilities/tongxiang/TX-003');
    expect(facility.text).toContain('未完成整改项');
    // Item 1 (the social-worker rule) is now waived: only item 2 is still open.
    expect(facility.text).toContain(`/notices/${notices.other}#item-2`);
    expect(facility.text).not.toContain(`/notices/${notices.other}#item-1`);
  });

  it("a manager's pages list and show only their own facility's notices", async () => {
    const [own, other] = await Promise.all([notices.own, notices.other].map(async (id) => ((await (await call(`/api/notices/${id}`, 'inspector')).json()) as NoticeView).number));
    const manager = await loggedIn(server.url, 'manager');
    const list = await manager.get('/notices');
    expect(list.text).toContain(own);
    expect(list.text).not.toContain(other!);
    expect((await manager.get(`/notices/${notices.other}`)).status).toBe(404);
  });
});

describe('waivers and refusals through the API', () => {
  it('revokes a waiver with a note: 200 with it revoked, and a second revoke is a 422 that says so', async () => {
    const added = (await (await post('/api/waivers', 'inspector', { rule: 'staffing.rehab-nurse-by-star', kind: 'facility', subject: 'TX-005', jurisdiction: 'tongxiang', reason: '临时', until: '2099-12-31' })).json()) as { id: string };
    const revoked = await post(`/api/waivers/${added.id}/revoke`, 'admin', { note: '已补齐' });
    expect(revoked.status).toBe(200);
    expect(await revoked.json()).toMatchObject({ id: added.id, state: 'revoked', revoked: { by: 'admin', note: '已补齐' } });
    const again = await post(`/api/waivers/${added.id}/revoke`, 'admin', {});
    expect(again.status).toBe(422);
    expect(await again.json()).toMatchObject({ error: 'rectification', message: { en: expect.stringMatching(/already revoked/) } });
  });

  it('a bad state or date is a 400, a body that is not JSON a 400, a body over the JSON limit a 413', async () => {
    expect((await call('/api/notices?state=later', 'reviewer')).status).toBe(400);
    expect((await call(`/api/notices/${notices.own}?asOf=2026-02-30`, 'reviewer')).status).toBe(400);
    expect((await call('/api/waivers?asOf=tomorrow', 'reviewer')).status).toBe(400);
    const broken = await call('/api/waivers', 'inspector', { method: 'POST', body: '{"rule":', headers: { 'content-type': 'application/json' } });
    expect(broken.status).toBe(400);
    const huge = await post('/api/waivers', 'inspector', { rule: 'staffing.rehab-nurse-by-star', subject: 'TX-005', jurisdiction: 'tongxiang', reason: '长'.repeat(40_000), until: '2099-12-31' });
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { error: string }).error).toBe('tooLarge');
  });
});

describe('the OpenAPI document', () => {
  it('declared every answer above, and every success it declares for the notice and waiver routes was seen', () => {
    expect(contract.unseenSuccesses((path) => RECTIFICATION.test(path))).toEqual([]);
    expect(new Set(contract.checked.filter((c) => RECTIFICATION.test(c.operation.split(' ')[1]!)).map((c) => c.status))).toEqual(new Set([200, 201, 400, 401, 403, 404, 413, 422]));
  });
});
