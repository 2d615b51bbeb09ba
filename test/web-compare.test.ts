// The comparison pages and API over HTTP against the real app on a temp SQLite file: side by
// side, diff, matrix with star claims, across rulebooks and the facility trends, each with the
// figures the compare core gives for the stored audits; the API equal to the core and to the
// CLI's --json; Excel and PDF exports that open; a county-scale matrix whole.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectPath } from '../checks/paths.js';
import { defaultRulebooks } from '../checks/rulebook.js';
import { acrossRulebooks } from '../server/compare/across-rulebooks.js';
import type { Finding } from '../checks/finding.js';
import { todayInChina } from '../server/audit/today.js';
import { diffAudits, waivedFailures } from '../server/compare/diff.js';
import { buildMatrix } from '../server/compare/matrix.js';
import { sideBySide } from '../server/compare/side-by-side.js';
import { starClaims } from '../server/compare/star-claims.js';
import { STATUS_COLOURS } from '../server/report/layout.js';
import { rectificationStoreFor } from '../server/store/rectification.js';
import { ApiContract } from './support/openapi.js';
import { readPdf } from './support/pdf.js';
import { auditOf, countyFacts } from './support/store-audits.js';
import { addUser, issueToken, loggedIn, sample, startTestServer, type TestServer, type WebClient } from './support/web.js';
import { buildWorkbook, FACILITY_HEADER } from './support/workbook.js';

let server: TestServer;
let reviewer: WebClient;
let manager: WebClient;
const audits = { early: '', late: '', mix: '', yaohai: '', hostile: '' };

async function stored(auditId: string) {
  const audit = await server.store.getAudit(auditId);
  const facts = await server.store.getFacts(auditId);
  if (!audit || !facts) throw new Error(`audit ${auditId} not stored`);
  return { result: audit.result, facts };
}

/** The `data-rule` rows of a table in a page, each row's HTML. */
function rowsOf(html: string, tableClass: string): Map<string, string> {
  const table = new RegExp(`<table class="${tableClass}"[\\s\\S]*?</table>`).exec(html)?.[0] ?? '';
  return new Map([...table.matchAll(/<tr class="[^"]*" data-rule="([^"]+)"[^>]*>([\s\S]*?)<\/tr>/g)].map((m) => [m[1]!, m[0]]));
}

/** Records a waiver of a finding's rule and facility through the API, as an inspector. */
const waive = async (finding: Finding, until: string, reason: string) => {
  const inspector = await issueToken(server.users, (await server.users.findUserByName('inspector'))!);
  const reply = await fetch(new URL('/api/waivers', server.url), {
    method: 'POST',
    headers: { authorization: `Bearer ${inspector}`, 'content-type': 'application/json' },
    body: JSON.stringify({ rule: finding.rule, kind: 'facility', subject: finding.subject.id, jurisdiction: finding.subject.jurisdiction, reason, until }),
  });
  expect(reply.status).toBe(201);
  return ((await reply.json()) as { id: string }).id;
};

const json = <T>(text: string) => JSON.parse(text) as T;
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

beforeAll(async () => {
  server = await startTestServer();
  await addUser(server.users, 'inspector', 'inspector');
  await addUser(server.users, 'reviewer', 'reviewer');
  await addUser(server.users, 'manager', 'facility_manager', ['tongxiang:TX-002']);
  const uploader = await loggedIn(server.url, 'inspector');
  const upload = async (bytes: Buffer, fileName: string, fields: Record<string, string> = {}) => {
    const reply = await uploader.postWorkbook('/audits', bytes, fileName, fields);
    if (reply.status !== 303) throw new Error(`upload of ${fileName}: ${reply.status}`);
    return reply.location!.split('/').pop()!;
  };
  audits.early = await upload(await sample('tongxiang.xlsx'), 'tongxiang.xlsx', { asOf: '2024-06-30' });
  audits.late = await upload(await sample('tongxiang.xlsx'), 'tongxiang.xlsx');
  audits.mix = await upload(await sample('county-mix.xlsx'), 'county-mix.xlsx');
  audits.yaohai = await upload(await sample('yaohai.xlsx'), 'yaohai.xlsx');
  const hostile = await buildWorkbook([
    {
      name: '机构',
      rows: [FACILITY_HEADER, ['X-1', '<script>alert(1)</script>', '桐乡市', '养老机构', '公办', 130], ['X-2', '"><img src=x onerror=alert(2)>', '桐乡市', '养老机构', '民办', 70]],
    },
  ]);
  audits.hostile = await upload(hostile, 'hostile.xlsx', { asOf: '2026-01-01' });
  reviewer = await loggedIn(server.url, 'reviewer');
  manager = await loggedIn(server.url, 'manager');
});
afterAll(() => server.close());

describe('side by side', () => {
  it('one row per rule, one column per facility, with status, measured against required and shortfall; differing rows highlighted', async () => {
    const reply = await reviewer.get(`/compare?audit=${audits.late}&facility=TX-001&facility=TX-002`);
    expect(reply.status).toBe(200);
    const core = sideBySide([
      { auditId: audits.late, facilityId: 'TX-001', ...(await stored(audits.late)) },
      { auditId: audits.late, facilityId: 'TX-002', ...(await stored(audits.late)) },
    ]);
    const rows = rowsOf(reply.text, 'side-by-side');
    expect([...rows.keys()]).toEqual(core.rows.map((row) => row.rule));
    const social = rows.get('staffing.social-worker-per-beds')!;
    expect(social).toContain('row-differs');
    expect(social).toMatch(/badge-pass">合格<\/span>\s*<span class="figures">5 人 \/ 5 人<\/span>/);
    expect(social).toMatch(/badge-fail">不合格<\/span>\s*<span class="figures">2 人 \/ 3 人<\/span>\s*<span class="shortfall">缺 1 人<\/span>/);
    const same = core.rows.filter((row) => row.same).map((row) => row.rule);
    expect(same.length).toBeGreaterThan(0);
    for (const rule of same) expect(rows.get(rule)).toContain('row-same');
    expect(reply.text).toContain(`共 ${core.rows.length} 条规则，其中 ${core.rows.filter((r) => !r.same).length} 条有差异`);
    expect(reply.text).toContain(`href="/compare?audit=${audits.late}&amp;facility=TX-001&amp;facility=TX-002&amp;format=xlsx"`);
  });

  it('"only differences" hides the rows that are the same', async () => {
    const reply = await reviewer.get(`/compare?audit=${audits.late}&facility=TX-001&facility=TX-002&different=1`);
    expect(reply.status).toBe(200);
    const picks = [
      { auditId: audits.late, facilityId: 'TX-001', ...(await stored(audits.late)) },
      { auditId: audits.late, facilityId: 'TX-002', ...(await stored(audits.late)) },
    ];
    const differing = sideBySide(picks, { onlyDifferent: true }).rows.map((row) => row.rule);
    expect(differing.length).toBeLessThan(sideBySide(picks).rows.length);
    const rows = rowsOf(reply.text, 'side-by-side');
    expect([...rows.keys()]).toEqual(differing);
    expect([...rows.values()].every((row) => row.includes('row-differs'))).toBe(true);
    expect(reply.text).toMatch(/name="different" value="1" checked/);
  });

  it('takes facilities from several audits; a rule one facility’s rulebook lacks is not a pass', async () => {
    const reply = await reviewer.get(`/compare?audit=${audits.late}&facility=TX-001&facility=TX-002&facility=${audits.mix}:MX-AJ-1`);
    expect(reply.status).toBe(200);
    const core = sideBySide([
      { auditId: audits.late, facilityId: 'TX-001', ...(await stored(audits.late)) },
      { auditId: audits.late, facilityId: 'TX-002', ...(await stored(audits.late)) },
      { auditId: audits.mix, facilityId: 'MX-AJ-1', ...(await stored(audits.mix)) },
    ]);
    const rows = rowsOf(reply.text, 'side-by-side');
    expect([...rows.keys()]).toEqual(core.rows.map((row) => row.rule));
    const caregivers = rows.get('staffing.special-support-caregivers')!;
    expect(caregivers.match(/badge-absent">不在本规则集/g)?.length).toBe(2);
    expect(caregivers).toContain('badge-fail">不合格');
    expect(reply.text).toContain('安吉县灵峰街道敬老院');
    expect(reply.text).toContain(`value="${audits.mix}:MX-AJ-1" checked`);
  });

  it('lists the chosen audit’s facilities to pick from, and says when too few or too many are picked', async () => {
    const form = await reviewer.get(`/compare?audit=${audits.late}`);
    expect(form.status).toBe(200);
    for (const id of ['TX-001', 'TX-002', 'TX-003', 'TX-004', 'TX-005']) expect(form.text).toContain(`value="${audits.late}:${id}"`);
    expect((await reviewer.get(`/compare?audit=${audits.late}&facility=TX-001`)).text).toContain('请至少选择两家机构');
    const seven = ['TX-001', 'TX-002', 'TX-003', 'TX-004', 'TX-005', `${audits.mix}:MX-AJ-1`, `${audits.mix}:MX-TX-1`];
    const tooMany = await reviewer.get(`/compare?audit=${audits.late}&${seven.map((f) => `facility=${encodeURIComponent(f)}`).join('&')}`);
    expect(tooMany.status).toBe(400);
    expect(tooMany.text).toContain('最多只能选择 6 家机构（已选 7 家）');
  });

  it('escapes every value from a workbook', async () => {
    const reply = await reviewer.get(`/compare?audit=${audits.hostile}&facility=X-1&facility=X-2`);
    expect(reply.status).toBe(200);
    expect(reply.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(reply.text).not.toContain('<script>alert(1)');
    expect(reply.text).not.toContain('<img src=x');
    expect(reply.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('is refused to a facility manager, and sends an anonymous visitor to log in', async () => {
    expect((await manager.get(`/compare?audit=${audits.late}&facility=TX-001&facility=TX-002`)).status).toBe(403);
    const anonymous = await fetch(new URL('/compare', server.url), { redirect: 'manual' });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe('/login?next=%2Fcompare');
  });
});

describe('diff of two audits', () => {
  it('resolved, new failures, still failing and changed, with the figures before and after', async () => {
    const reply = await reviewer.get(`/diff?a=${audits.early}&b=${audits.late}`);
    expect(reply.status).toBe(200);
    const core = diffAudits((await stored(audits.early)).result, (await stored(audits.late)).result);
    for (const section of ['newFailures', 'stillFailing', 'resolved', 'changed'] as const) {
      expect(reply.text).toContain(`data-section-count="${section}">${core[section].length}<`);
    }
    expect(core.newFailures.length).toBeGreaterThan(0);
    const newFailures = /<table class="diff" data-section="newFailures">[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/.exec(reply.text)![1]!;
    expect(newFailures.match(/<tr>/g)?.length).toBe(core.newFailures.length);
    expect(newFailures).toMatch(/badge-warn">预警<\/span>\s*<span class="figures">2 人 \/ 3 人<\/span>/);
    expect(reply.text.indexOf('id="newFailures"')).toBeLessThan(reply.text.indexOf('id="resolved"'));
  });

  it('narrows to one facility', async () => {
    const reply = await reviewer.get(`/diff?a=${audits.early}&b=${audits.late}&facility=TX-002`);
    const core = diffAudits((await stored(audits.early)).result, (await stored(audits.late)).result, { facility: 'TX-002' });
    expect(reply.text).toContain(`data-section-count="stillFailing">${core.stillFailing.length}<`);
    expect(reply.text).not.toContain('>TX-003<');
  });

  it('is refused to a facility manager', async () => {
    expect((await manager.get(`/diff?a=${audits.early}&b=${audits.late}`)).status).toBe(403);
  });
});

describe('matrix, ranking and star claims', () => {
  it('lists the star claims first, then the facilities × rules heat map in rank order', async () => {
    const reply = await reviewer.get(`/audits/${audits.late}/matrix`);
    expect(reply.status).toBe(200);
    const { result, facts } = await stored(audits.late);
    const core = buildMatrix(result, facts);
    expect(reply.text.indexOf('id="star-claims"')).toBeLessThan(reply.text.indexOf('id="matrix"'));
    expect(reply.text).toContain('声明 4 星，未达 4 星要求');
    const claims = starClaims(result, facts);
    expect(reply.text.indexOf('梧桐街道颐养院 (TX-002)')).toBeLessThan(reply.text.indexOf('桐乡市社会福利中心 (TX-001)'));
    expect(claims[0]!.facility.facility_id).toBe('TX-002');
    const order = [...reply.text.matchAll(/<tr data-facility="([^"]+)">/g)].map((m) => m[1]);
    expect(order).toEqual(core.rows.map((row) => row.facility.facility_id));
    const tx002 = /<tr data-facility="TX-002">([\s\S]*?)<\/tr>/.exec(reply.text)![1]!;
    const statuses = [...tx002.matchAll(/class="heat heat-([a-z_]+)"/g)].map((m) => m[1]);
    expect(statuses).toEqual(core.rows.find((row) => row.facility.facility_id === 'TX-002')!.cells.map((s) => s ?? 'absent'));
    expect(tx002).toContain('33.33%');
  });

  it('sorts by shortfall or by a rule, and filters by stars, type and ownership', async () => {
    const { result, facts } = await stored(audits.late);
    const order = async (query: string) =>
      [...(await reviewer.get(`/audits/${audits.late}/matrix?${query}`)).text.matchAll(/<tr data-facility="([^"]+)">/g)].map((m) => m[1]);
    expect(await order('sort=shortfall')).toEqual(buildMatrix(result, facts, { sort: 'shortfall' }).rows.map((r) => r.facility.facility_id));
    expect(await order('sort=equipment.rehab-room')).toEqual(buildMatrix(result, facts, { sort: { rule: 'equipment.rehab-room' } }).rows.map((r) => r.facility.facility_id));
    expect(await order('stars=4')).toEqual(['TX-002']);
    expect(await order('type=special_support')).toEqual(['TX-003']);
    expect(await order('ownership=private')).toEqual(['TX-005']);
    expect((await reviewer.get(`/audits/${audits.late}/matrix?type=castle`)).status).toBe(400);
  });

  it('speaks English when asked', async () => {
    const reply = await reviewer.get(`/audits/${audits.late}/matrix?lang=en`);
    expect(reply.text).toContain('claims 4 stars, fails what 4 stars require');
    expect(reply.text).toContain('Facilities × rules, ranked');
    await reviewer.get('/?lang=zh');
  });

  it('is refused to a facility manager', async () => {
    expect((await manager.get(`/audits/${audits.late}/matrix`)).status).toBe(403);
  });
});

describe('across rulebooks', () => {
  it("shows Yaohai's areas under Jiaxiang's 200 m² rule beside the audit, and never a missing rule as a pass", async () => {
    const reply = await reviewer.get(`/audits/${audits.yaohai}/across?rulebook=jiaxiang`);
    expect(reply.status).toBe(200);
    const { result, facts } = await stored(audits.yaohai);
    const core = acrossRulebooks(result, facts, defaultRulebooks(), 'jiaxiang');
    const rows = [...reply.text.matchAll(/<tr class="[^"]*" data-rule="([^"]+)" data-subject="([^"]+)">([\s\S]*?)<\/tr>/g)];
    expect(rows.length).toBe(core.rows.length);
    const site = rows.find((m) => m[1] === 'space.site-minimum' && m[2] === 'YH-A01')![3]!;
    expect(site).toMatch(/badge-fail">不合格<\/span>\s*<span class="figures">[^<]*\/ 350 ㎡<\/span>/);
    expect(site).toMatch(/badge-pass">合格<\/span>\s*<span class="figures">[^<]*\/ 200 ㎡<\/span>/);
    const occupancy = rows.find((m) => m[1] === 'occupancy.public-institutions')![3]!;
    expect(occupancy).toContain('badge-absent">不在本规则集');
    expect(occupancy).not.toContain('badge-pass');
    const absent = core.rows.filter((row) => row.other === null).length;
    expect(reply.text).toContain(`不在本规则集 ${absent}`);
  });

  it('answers 400 for an unknown rulebook and 403 to a facility manager', async () => {
    expect((await reviewer.get(`/audits/${audits.yaohai}/across?rulebook=atlantis`)).status).toBe(400);
    expect((await manager.get(`/audits/${audits.late}/across?rulebook=jiaxiang`)).status).toBe(403);
  });
});

describe('the facility page', () => {
  it('charts failures per audit and each failing rule’s shortfall across its audits, and links to the comparisons', async () => {
    const reply = await reviewer.get('/facilities/tongxiang/TX-002');
    expect(reply.status).toBe(200);
    expect(reply.text).toContain('每次审核的不合格项数');
    const charts = [...reply.text.matchAll(/<figure class="trend-chart" data-rule="([^"]+)">/g)].map((m) => m[1]);
    expect(charts).toEqual(['staffing.social-worker-per-beds', 'staffing.rehab-nurse-by-star']);
    const failures = /<figure class="trend-chart">([\s\S]*?)<\/figure>/.exec(reply.text)![1]!;
    expect([...failures.matchAll(/<title>([^<]+)<\/title>/g)].map((m) => m[1])).toEqual(['2024-06-30: 1', '2026-09-30: 2']);
    expect(reply.text).toContain(`/diff?a=${audits.early}&amp;b=${audits.late}&amp;facility=TX-002`);
    expect(reply.text).toContain(`/audits/${audits.late}/matrix`);
  });

  it('shows a facility manager the charts but no comparison links', async () => {
    const reply = await manager.get('/facilities/tongxiang/TX-002');
    expect(reply.text).toContain('trend-chart');
    expect(reply.text).not.toContain('/matrix');
    expect(reply.text).not.toContain('href="/compare');
  });
});

describe('the API', () => {
  const BIN = projectPath('dist/server/cli/main.js');
  // Run without blocking: the server under test shares this process, and a blocked event loop
  // lets its keep-alive timer race the next request on the same connection (ECONNRESET).
  const cli = (...args: string[]) =>
    new Promise<unknown>((resolve, reject) => {
      execFile(process.execPath, [BIN, ...args, '--db', join(server.dir, 'web.db'), '--json'], { encoding: 'utf8', timeout: 60_000, maxBuffer: 64 << 20 }, (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout) as unknown),
      );
    });
  let contract: ApiContract;
  beforeAll(async () => {
    contract = await ApiContract.load(server.url);
  });
  /** An API call whose answer must be one the OpenAPI document declares, its body fitting the schema. */
  const api = async (path: string, token?: string) => {
    const reply = await fetch(new URL(path, server.url), { headers: token ? { authorization: `Bearer ${token}` } : {} });
    await contract.check('GET', path, reply);
    return reply;
  };

  it('GET /api/compare equals the compare core and `compare --json`', async () => {
    const token = await issueToken(server.users, (await server.users.findUserByName('reviewer'))!);
    const reply = await api(`/api/compare?audit=${audits.late}&facility=TX-001&facility=TX-002&facility=${audits.mix}:MX-AJ-1`, token);
    expect(reply.status).toBe(200);
    const body = json<unknown>(await reply.text());
    const core = sideBySide([
      { auditId: audits.late, facilityId: 'TX-001', ...(await stored(audits.late)) },
      { auditId: audits.late, facilityId: 'TX-002', ...(await stored(audits.late)) },
      { auditId: audits.mix, facilityId: 'MX-AJ-1', ...(await stored(audits.mix)) },
    ]);
    expect(body).toEqual(plain(core));
    expect(body).toEqual(await cli('compare', '--audit', audits.late, '--facility', 'TX-001', '--facility', 'TX-002', '--facility', `${audits.mix}:MX-AJ-1`));
  });

  it('GET /api/diff equals the compare core and `diff --json`', async () => {
    const token = await issueToken(server.users, (await server.users.findUserByName('inspector'))!);
    const reply = await api(`/api/diff?a=${audits.early}&b=${audits.late}&facility=TX-002`, token);
    expect(reply.status).toBe(200);
    const body = json<unknown>(await reply.text());
    expect(body).toEqual(plain(diffAudits((await stored(audits.early)).result, (await stored(audits.late)).result, { facility: 'TX-002' })));
    expect(body).toEqual(await cli('diff', audits.early, audits.late, '--facility', 'TX-002'));
  });

  it('shows a waiver beside each waived cell of side by side and diff (JSON, page, export, CLI), an expired one flagged, statuses unchanged', async () => {
    const inspector = await issueToken(server.users, (await server.users.findUserByName('inspector'))!);
    // TX-003 and TX-004 of the later audit: no other test of this file reads their cells.
    const { result } = await stored(audits.late);
    const failing = (id: string) => result.findings.find((f) => f.subject.id === id && f.status === 'fail')!;
    const one = failing('TX-003');
    const two = result.findings.find((f) => f.subject.id === 'TX-004')!;
    const valid = await waive(one, '2099-12-31', '新院区在建');
    const expired = await waive(two, '2020-01-01', '旧豁免');

    const picks = `audit=${audits.late}&facility=TX-003&facility=TX-004`;
    type Note = { id: string; state: string; status: string; reason: string } | null;
    type Row = { rule: string; cells: ({ status: string } | null)[]; waivers: Note[] };
    const side = json<{ rows: Row[] }>(await (await api(`/api/compare?${picks}`, inspector)).text());
    const row = side.rows.find((r) => r.rule === one.rule)!;
    expect(row.waivers[0]).toMatchObject({ id: valid, state: 'valid', status: 'fail', reason: '新院区在建' });
    expect(row.cells[0]!.status).toBe('fail');
    expect(side.rows.find((r) => r.rule === two.rule)!.waivers[1]).toMatchObject({ id: expired, state: 'expired', status: two.status });
    expect(side).toEqual(await cli('compare', '--audit', audits.late, '--facility', 'TX-003', '--facility', 'TX-004'));

    const page = (await reviewer.get(`/compare?${picks}`)).text;
    const cells = rowsOf(page, 'side-by-side').get(one.rule)!;
    expect(cells).toContain(`data-waiver="${valid}"`);
    expect(cells).toContain('已豁免');
    expect(rowsOf(page, 'side-by-side').get(two.rule)).toContain(`⚠ 豁免 ${expired} 已于 2020-01-01 到期`);

    type Entry = { rule: string; subject: { id: string }; after: { status: string }; waiver: Note };
    const diff = json<{ newFailures: Entry[]; stillFailing: Entry[] }>(await (await api(`/api/diff?a=${audits.early}&b=${audits.late}&facility=TX-003`, inspector)).text());
    const section = diff.stillFailing.some((e) => e.rule === one.rule) ? 'stillFailing' : 'newFailures';
    const entry = diff[section].find((e) => e.rule === one.rule)!;
    expect(entry.waiver).toMatchObject({ id: valid, state: 'valid' });
    expect(entry.after.status).toBe('fail');
    expect(diff).toEqual(await cli('diff', audits.early, audits.late, '--facility', 'TX-003'));
    // Judged on another day, the same waiver has lapsed.
    const later = (await cli('diff', audits.early, audits.late, '--facility', 'TX-003', '--as-of', '2100-01-01')) as typeof diff;
    expect(later[section].find((e) => e.rule === one.rule)!.waiver).toMatchObject({ state: 'expired' });

    const diffPage = (await reviewer.get(`/diff?a=${audits.early}&b=${audits.late}&facility=TX-003`)).text;
    expect(diffPage).toContain(`data-waiver="${valid}"`);
    expect(diffPage).toMatch(new RegExp(`data-section-count="${section}">${diff[section].length}（其中豁免 1）<`));
    const exported = await reviewer.get(`/compare?${picks}&format=xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported.bytes as unknown as ArrayBuffer);
    const texts: string[] = [];
    workbook.worksheets[0]!.eachRow((r) => r.eachCell((c) => texts.push(String(c.value))));
    expect(texts.join('\n')).toContain(`已豁免（${valid}，有效至 2099-12-31`);
  });

  it('shows waivers in the matrix, its star claims and across rulebooks (JSON, pages, export, CLI), waived failures counted apart, statuses unchanged', async () => {
    const token = await issueToken(server.users, (await server.users.findUserByName('reviewer'))!);
    // TX-002's only star shortfall is its rehabilitation nurse: waived, its claim must stay flagged.
    const { result } = await stored(audits.late);
    const nurse = result.findings.find((f) => f.subject.id === 'TX-002' && f.rule === 'staffing.rehab-nurse-by-star')!;
    expect(nurse.status).toBe('fail');
    const id = await waive(nurse, '2099-12-31', '康复护士招聘中');

    type Note = { id: string; state: string; status: string } | null;
    type Row = { facility: { facility_id: string }; cells: (string | null)[]; waivers: Note[]; failures: number; waivedFailures: number };
    type Claim = { facility: { facility_id: string }; flagged: boolean; findings: { rule: string; status: string }[]; waivers: Note[] };
    const body = json<{ matrix: { rules: { id: string }[]; rows: Row[] }; starClaims: Claim[] }>(await (await api(`/api/audits/${audits.late}/matrix`, token)).text());
    const column = body.matrix.rules.findIndex((r) => r.id === nurse.rule);
    const row = body.matrix.rows.find((r) => r.facility.facility_id === 'TX-002')!;
    expect([row.cells[column], row.waivers[column]]).toMatchObject(['fail', { id, state: 'valid', status: 'fail' }]);
    expect([row.failures, row.waivedFailures]).toEqual([2, 1]);
    const tx004 = body.matrix.rows.find((r) => r.facility.facility_id === 'TX-004')!;
    expect(tx004.waivers.filter((w) => w !== null)).toEqual([expect.objectContaining({ state: 'expired' })]);
    const claim = body.starClaims.find((c) => c.facility.facility_id === 'TX-002')!;
    expect(claim.flagged).toBe(true);
    expect(claim.waivers[claim.findings.findIndex((f) => f.rule === nurse.rule)]).toMatchObject({ id, state: 'valid' });
    expect(body.matrix).toEqual(await cli('matrix', '--audit', audits.late));
    expect(body.starClaims).toEqual(await cli('stars', '--audit', audits.late));
    // On a day after it, the CLI flags the waiver as expired and no longer counts it apart.
    const later = (await cli('matrix', '--audit', audits.late, '--as-of', '2100-01-01')) as typeof body.matrix;
    expect(later.rows.find((r) => r.facility.facility_id === 'TX-002')).toMatchObject({ waivedFailures: 0, failures: 2 });
    expect(later.rows.find((r) => r.facility.facility_id === 'TX-002')!.waivers[column]).toMatchObject({ id, state: 'expired' });

    const page = (await reviewer.get(`/audits/${audits.late}/matrix`)).text;
    const heatRow = /<tr data-facility="TX-002">([\s\S]*?)<\/tr>/.exec(page)![1]!;
    expect(heatRow).toContain('data-failures>2（其中豁免 1）<');
    expect(heatRow).toMatch(new RegExp(`class="heat heat-fail" data-waiver="${id}" data-waiver-state="valid"[^>]*>`));
    expect(heatRow).toContain('不合格 · 豁免至 2099-12-31');
    expect(/<tr data-facility="TX-004">[\s\S]*?<\/tr>/.exec(page)![0]).toContain('data-waiver-state="expired"');
    const claims = /<h2 id="star-claims">[\s\S]*?<\/table>/.exec(page)![0];
    expect(claims).toContain(`声明 4 星，未达 4 星要求<br>缺项均已豁免，仍按未达要求列出：${id} 豁免至 2099-12-31`);
    const english = (await reviewer.get(`/audits/${audits.late}/matrix?lang=en`)).text;
    await reviewer.get('/?lang=zh');
    expect(/<tr data-facility="TX-002">[\s\S]*?<\/tr>/.exec(english)![0]).toContain('data-failures>2 (1 waived)<');
    expect(english).toContain(`every shortfall is waived; still listed as failing: ${id} waived until 2099-12-31`);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await reviewer.get(`/audits/${audits.late}/matrix?format=xlsx`)).bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[1]!;
    const header = (sheet.getRow(1).values as string[]).slice(1);
    const sheetRow = sheet.getRow(body.matrix.rows.indexOf(row) + 2);
    expect(sheetRow.getCell(header.indexOf('不合格') + 1).value).toBe('2（其中豁免 1）');
    expect(sheetRow.getCell(header.indexOf('不合格') + 2 + column).value).toBe('不合格 · 豁免至 2099-12-31');

    // Across rulebooks: the audited side counts its waived failures apart, above the rows.
    const across = json<{ rows: { rule: string; subject: { id: string }; audited: { status: string } | null; other: { status: string } | null; waiver: Note }[] }>(
      await (await api(`/api/audits/${audits.late}/across?rulebook=anji`, token)).text(),
    );
    expect(across.rows.find((r) => r.rule === nurse.rule && r.subject.id === 'TX-002')).toMatchObject({ audited: { status: 'fail' }, other: null, waiver: { id, state: 'valid' } });
    expect(across).toEqual(await cli('across', '--audit', audits.late, '--rulebook', 'anji'));
    const failed = across.rows.filter((r) => r.audited?.status === 'fail');
    const waived = failed.filter((r) => r.waiver?.state === 'valid').length;
    expect(waived).toBeGreaterThanOrEqual(1);
    const acrossPage = (await reviewer.get(`/audits/${audits.late}/across?rulebook=anji`)).text;
    expect(acrossPage).toContain(`原审核：不合格 ${failed.length}（其中豁免 ${waived}） · 预警`);
    const acrossEnglish = (await reviewer.get(`/audits/${audits.late}/across?rulebook=anji&lang=en`)).text;
    await reviewer.get('/?lang=zh');
    expect(acrossEnglish).toContain(`As audited: ${failed.length} fail (${waived} waived) · `);
    // Four CLI processes beside the server: on a loaded machine this outlasts the default 30 s.
  }, 120_000);

  it('refuses a facility manager’s token, no token, and half a question', async () => {
    const token = await issueToken(server.users, (await server.users.findUserByName('manager'))!);
    expect((await api(`/api/diff?a=${audits.early}&b=${audits.late}`, token)).status).toBe(403);
    expect((await api(`/api/compare?audit=${audits.late}&facility=TX-001&facility=TX-002`)).status).toBe(401);
    const reviewerToken = await issueToken(server.users, (await server.users.findUserByName('reviewer'))!);
    expect((await api(`/api/diff?a=${audits.early}`, reviewerToken)).status).toBe(400);
  });
});

describe('exports', () => {
  async function workbookOf(path: string): Promise<ExcelJS.Workbook> {
    const reply = await reviewer.get(path);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toContain('spreadsheetml');
    expect(reply.headers.get('content-disposition')).toMatch(/attachment; filename=".+\.xlsx"/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(reply.bytes as unknown as ArrayBuffer);
    return workbook;
  }
  const fillOf = (cell: ExcelJS.Cell) => (cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
  const argb = (status: keyof typeof STATUS_COLOURS) => `FF${STATUS_COLOURS[status].fill.slice(1).toUpperCase()}`;

  it('side by side as Excel: frozen header, the findings’ figures, status fills', async () => {
    const workbook = await workbookOf(`/compare?audit=${audits.late}&facility=TX-001&facility=TX-002&format=xlsx`);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const { result } = await stored(audits.late);
    const finding = result.findings.find((f) => f.subject.id === 'TX-002' && f.rule === 'staffing.social-worker-per-beds')!;
    let found = false;
    sheet.eachRow((row, n) => {
      if (n === 1 || !String(row.getCell(1).value).startsWith(finding.title.zh)) return;
      found = true;
      expect(row.getCell(3).value).toBe(`不合格 · ${finding.measured} 人 / ${finding.required} 人 · 缺 ${finding.shortfall} 人`);
      expect(fillOf(row.getCell(3))).toBe(argb('fail'));
      expect(fillOf(row.getCell(2))).toBe(argb('pass'));
    });
    expect(found).toBe(true);
  });

  it('the matrix as Excel: star claims and the matrix, every status cell filled', async () => {
    const workbook = await workbookOf(`/audits/${audits.late}/matrix?format=xlsx`);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['星级声明一致性', '机构 × 规则矩阵与排名']);
    const matrix = workbook.worksheets[1]!;
    expect(matrix.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const { result, facts } = await stored(audits.late);
    const core = buildMatrix(result, facts);
    expect(matrix.rowCount).toBe(core.rows.length + 1);
    core.rows.forEach((row, i) => {
      const sheetRow = matrix.getRow(i + 2);
      expect(sheetRow.getCell(2).value).toBe(`${row.facility.name} (${row.facility.facility_id})`);
      row.cells.forEach((status, j) => {
        if (status) expect(fillOf(sheetRow.getCell(7 + j))).toBe(argb(status));
      });
    });
  });

  it('the diff as Excel has its four sheets, waived failures counted below; the diff and across as PDF parse', async () => {
    // A failure of the later audit waived until 2099 (the API tests above may have waived others):
    // each section with a waived failure ends with a blank row and its count, `仍不合格 4（其中豁免 1）`.
    const lateResult = (await stored(audits.late)).result;
    await waive(lateResult.findings.find((f) => f.subject.id === 'TX-002' && f.status === 'fail')!, '2099-12-31', '扩建中');
    const workbook = await workbookOf(`/diff?a=${audits.early}&b=${audits.late}&format=xlsx`);
    const waivers = { waivers: await rectificationStoreFor(server.store).listWaivers(), asOf: todayInChina() };
    const core = diffAudits((await stored(audits.early)).result, lateResult, { waivers });
    const sections = [core.newFailures, core.stillFailing, core.resolved, core.changed];
    const waived = sections.map(waivedFailures);
    expect(waived.reduce((a, b) => a + b)).toBeGreaterThanOrEqual(1);
    expect(workbook.worksheets.map((s) => s.rowCount - 1)).toEqual(sections.map((entries, i) => entries.length + (waived[i] ? 2 : 0)));
    workbook.worksheets.forEach((sheet, i) => {
      if (waived[i]) expect(sheet.getRow(sheet.rowCount).getCell(1).value).toBe(`${sheet.name} ${sections[i]!.length}（其中豁免 ${waived[i]}）`);
    });
    const diffPdf = await reviewer.get(`/diff?a=${audits.early}&b=${audits.late}&format=pdf`);
    expect(diffPdf.headers.get('content-type')).toBe('application/pdf');
    const pages = await readPdf(diffPdf.bytes);
    expect(pages.map((p) => p.text).join('')).toContain('梧桐街道颐养院');
    const section = waived.findIndex((n) => n > 0);
    expect(pages.map((p) => p.text).join('').replace(/\s+/g, '')).toContain(`${workbook.worksheets[section]!.name}${sections[section]!.length}（其中豁免${waived[section]}）`);
    const acrossPdf = await reviewer.get(`/audits/${audits.yaohai}/across?rulebook=jiaxiang&format=pdf`);
    expect((await readPdf(acrossPdf.bytes)).map((p) => p.text).join('')).toContain('不在本规则集');
  });

  it('refuses a format it does not know, and an export of nothing', async () => {
    expect((await reviewer.get(`/diff?a=${audits.early}&b=${audits.late}&format=csv`)).status).toBe(400);
    expect((await reviewer.get('/diff?format=xlsx')).status).toBe(400);
  });
});

describe('a county-scale matrix', () => {
  // How fast it renders is measured by `npm run bench` (the matrix page of the 5,000-facility
  // audit); here, that every facility is on it and its export opens.
  it('lists every facility of an 800-facility audit, and exports them', async () => {
    const facts = countyFacts(800);
    const auditId = await server.store.saveAudit(auditOf(facts, Buffer.from('county-scale matrix')));
    const reply = await reviewer.get(`/audits/${auditId}/matrix`);
    expect(reply.status).toBe(200);
    expect([...reply.text.matchAll(/<tr data-facility=/g)].length).toBe(800);
    const exported = await reviewer.get(`/audits/${auditId}/matrix?format=xlsx`);
    expect(exported.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported.bytes as unknown as ArrayBuffer);
    // One sheet is the star claims; the matrix sheet has a row per facility under its header.
    expect(Math.max(...workbook.worksheets.map((sheet) => sheet.rowCount))).toBeGreaterThanOrEqual(801);
  });
});
