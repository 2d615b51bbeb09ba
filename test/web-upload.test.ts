// Uploads through the real app: every sample is checked and stored; a rejected workbook shows
// its errors at their cells and stores nothing; size and CSRF limits hold.
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectPath } from '../checks/paths.js';
import { FINDINGS_PER_PAGE } from '../server/web/audit-view.js';
import { auditOf, countyFacts } from './support/store-audits.js';
import { buildWorkbook, FACILITY_HEADER } from './support/workbook.js';
import { toGb18030 } from './support/convert.js';
import { addUser, loggedIn, sample, startTestServer, WebClient, type TestServer } from './support/web.js';

let server: TestServer;
let inspector: WebClient;

beforeAll(async () => {
  server = await startTestServer();
  await addUser(server.users, 'inspector', 'inspector');
  inspector = await loggedIn(server.url, 'inspector');
});
afterAll(() => server.close());

const auditIdOf = (location: string | null) => /^\/audits\/(\d{8}-\d{6}-[0-9a-f]{8})$/.exec(location ?? '')?.[1];

async function brokenWorkbook(): Promise<Buffer> {
  return buildWorkbook([{ name: '机构', rows: [FACILITY_HEADER, ['F1', '甲', '桐乡市', '养老院子', '公办', -3]] }]);
}

describe('uploading through the form', () => {
  it('stores a valid workbook and redirects to its audit page with counts, arithmetic and clauses', async () => {
    await inspector.get('/upload');
    const posted = await inspector.postWorkbook('/audits', await sample('tongxiang.xlsx'), '桐乡 2026.xlsx');
    expect(posted.status).toBe(303);
    const auditId = auditIdOf(posted.location);
    expect(auditId).toBeDefined();
    const page = await inspector.get(posted.location!);
    expect(page.status).toBe(200);
    expect(page.text).toContain('桐乡 2026.xlsx');
    expect(page.text).toMatch(/count-fail"><span class="count-number">11</);
    expect(page.text).toContain('130 张床位 ÷ 60 = 2.17，应配社会工作者 3 人，实有 2 人，缺 1 人');
    expect(page.text).toContain('二(五)16');
    const stored = await server.store.getAudit(auditId!);
    expect(stored?.uploadedBy).toBe('inspector');
    expect(stored?.result.summary.fail).toBe(11);
  });

  const samples = readdirSync(projectPath('samples')).filter((name) => name.endsWith('.xlsx'));
  it.each(samples)('checks and stores the sample %s with one click', async (name) => {
    await inspector.get('/');
    const posted = await inspector.postForm(`/samples/${encodeURIComponent(name)}`, {});
    expect(posted.status).toBe(303);
    const stored = await server.store.getAudit(auditIdOf(posted.location)!);
    expect(stored?.result.workbook.file).toBe(name);
    expect(stored?.result.findings.length).toBeGreaterThan(0);
  });

  it('offers only the samples themselves', async () => {
    await inspector.get('/');
    expect((await inspector.postForm('/samples/..%2Fpackage.json', {})).status).toBe(404);
    expect((await inspector.postForm('/samples/nope.xlsx', {})).status).toBe(404);
  });

  it('filters the findings by status, rule, jurisdiction and facility through the query string', async () => {
    await inspector.get('/upload');
    const posted = await inspector.postWorkbook('/audits', await sample('tongxiang.xlsx'), 'tongxiang.xlsx');
    const failures = await inspector.get(`${posted.location}?status=fail`);
    expect(failures.text.match(/<tr class="row-/g)).toHaveLength(11);
    expect(failures.text).not.toContain('row-pass');
    const oneFacility = await inspector.get(`${posted.location}?facility=TX-003&rule=staffing.social-worker-per-beds`);
    expect(oneFacility.text.match(/<tr class="row-/g)).toHaveLength(1);
    expect(oneFacility.text).toContain('80 张床位 ÷ 60 = 1.33');
    const region = await inspector.get(`${posted.location}?jurisdiction=anji`);
    expect(region.text).not.toContain('<tr class="row-');
  });

  it('pages a long list of findings, 200 at a time, keeping the filter in its links', async () => {
    const facts = countyFacts(150);
    const audit = auditOf(facts, Buffer.from('paged audit'));
    const id = await server.store.saveAudit(audit);
    const total = audit.result.findings.length;
    expect(total).toBeGreaterThan(FINDINGS_PER_PAGE);
    const first = await inspector.get(`/audits/${id}`);
    expect(first.text.match(/<tr class="row-/g)).toHaveLength(FINDINGS_PER_PAGE);
    expect(first.text).toContain(`href="/audits/${id}?page=2#findings"`);
    const last = await inspector.get(`/audits/${id}?page=${Math.ceil(total / FINDINGS_PER_PAGE)}`);
    expect(last.text.match(/<tr class="row-/g)).toHaveLength(total - FINDINGS_PER_PAGE * Math.floor((total - 1) / FINDINGS_PER_PAGE));
    expect(last.text).not.toContain('rel="next"');
    // A page past the end shows the last page, never an empty one.
    expect((await inspector.get(`/audits/${id}?page=999`)).text.match(/<tr class="row-/g)!.length).toBeGreaterThan(0);
    const fails = audit.result.findings.filter((f) => f.status === 'fail').length;
    const filtered = await inspector.get(`/audits/${id}?status=fail`);
    expect(filtered.text.match(/<tr class="row-/g)).toHaveLength(Math.min(fails, FINDINGS_PER_PAGE));
    if (fails > FINDINGS_PER_PAGE) expect(filtered.text).toContain(`href="/audits/${id}?status=fail&amp;page=2#findings"`);
  });
});

describe('a rejected workbook', () => {
  it('shows every error with its sheet and cell, says nothing was stored, and stores nothing', async () => {
    const before = await server.store.listAudits();
    await inspector.get('/upload');
    const reply = await inspector.postWorkbook('/audits', await brokenWorkbook(), 'broken.xlsx');
    expect(reply.status).toBe(422);
    expect(reply.text).toContain('未保存任何内容');
    expect(reply.text).toMatch(/<td>机构<\/td>\s*<td class="mono">机构!F2<\/td>/);
    expect(reply.text).toContain('range');
    expect(await server.store.listAudits()).toEqual(before);
  });

  it('says so in English too', async () => {
    await inspector.get('/upload?lang=en');
    const reply = await inspector.postWorkbook('/audits', await brokenWorkbook(), 'broken.xlsx');
    expect(reply.status).toBe(422);
    expect(reply.text).toContain('Nothing was stored');
    await inspector.get('/?lang=zh');
  });

  it('names a file that is no workbook at all', async () => {
    await inspector.get('/upload');
    const reply = await inspector.postWorkbook('/audits', Buffer.from('%PDF-1.7\n1 0 obj\n'), 'beds.xlsx');
    expect(reply.status).toBe(422);
    expect(reply.text).toContain('not_xlsx');
  });

  it('takes a GBK CSV named by its sheet, stores it, and gives the original back byte for byte as CSV', async () => {
    const page = await inspector.get('/upload');
    expect(page.text).toContain('97-2003 .xls、WPS .et、LibreOffice .ods、CSV（UTF-8 或 GBK 编码');
    expect(page.text).toMatch(/accept="[^"]*\.xls,\.et,\.ods,\.csv/);
    const text = '机构编号,机构名称,所属地区,机构类型,运营性质,床位总数\r\nTX-001,梧桐颐养院,桐乡市,养老机构,公办,130\r\n';
    const gbk = toGb18030(text);
    expect(gbk.equals(Buffer.from(text, 'utf8'))).toBe(false);
    const posted = await inspector.postWorkbook('/audits', gbk, '机构.csv');
    expect(posted.status).toBe(303);
    const auditId = auditIdOf(posted.location)!;
    const stored = await server.store.getAudit(auditId);
    expect(stored!.result.workbook.rows).toEqual({ facilities: 1 });
    const original = await inspector.request('GET', `/audits/${auditId}/original`);
    expect(original.status).toBe(200);
    expect(original.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(Buffer.from(original.bytes).equals(gbk)).toBe(true);
  });

  it('asks for a file when none was sent, and for a real date', async () => {
    await inspector.get('/upload');
    const form = new FormData();
    form.set('_csrf', inspector.lastCsrf);
    expect((await inspector.request('POST', '/audits', { body: form })).status).toBe(400);
    const badDate = await inspector.postWorkbook('/audits', await sample('anji.xlsx'), 'anji.xlsx', { asOf: '2025-02-30' });
    expect(badDate.status).toBe(400);
    expect(badDate.text).toContain('YYYY-MM-DD');
  });
});

describe('limits', () => {
  it('refuses an upload over the size limit with 413 and stores nothing', async () => {
    const small = await startTestServer({ maxUploadBytes: 4096 });
    try {
      await addUser(small.users, 'inspector', 'inspector');
      const client = await loggedIn(small.url, 'inspector');
      await client.get('/upload');
      expect((await client.get('/upload')).text).toContain('4 KB');
      const reply = await client.postWorkbook('/audits', await sample('anji.xlsx'), 'anji.xlsx');
      expect(reply.status).toBe(413);
      expect(reply.text).toContain('4 KB');
      expect(await small.store.listAudits()).toEqual([]);
    } finally {
      await small.close();
    }
  });

  it('refuses a form post without the CSRF token of the session', async () => {
    const before = await server.store.listAudits();
    await inspector.get('/upload');
    const reply = await inspector.postWorkbook('/audits', await sample('anji.xlsx'), 'anji.xlsx', { _csrf: 'forged' });
    expect(reply.status).toBe(403);
    const sampleReply = await inspector.postForm('/samples/anji.xlsx', { _csrf: '' });
    expect(sampleReply.status).toBe(403);
    expect(await server.store.listAudits()).toEqual(before);
  });
});
