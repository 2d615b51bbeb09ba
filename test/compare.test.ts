// Comparisons for reviewers, on real audits of the samples: diff, side by side, the matrix and
// ranking, star claims, another rulebook; and their Excel and PDF exports through the CLI.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../checks/paths.js';
import { defaultRulebooks } from '../checks/rulebook.js';
import { checkWorkbook } from '../server/audit/check.js';
import { acrossRulebooks } from '../server/compare/across-rulebooks.js';
import { diffAudits, type AuditDiff } from '../server/compare/diff.js';
import { buildMatrix } from '../server/compare/matrix.js';
import { sideBySide } from '../server/compare/side-by-side.js';
import { acrossTable, diffTables, matrixTable, sideBySideTable, starClaimsTable, tableText } from '../server/compare/tables.js';
import type { StoredWaiver } from '../server/store/rectification-types.js';
import { starClaims, STAR_RULES } from '../server/compare/star-claims.js';
import { STATUS_COLOURS } from '../server/report/layout.js';
import { readPdf } from './support/pdf.js';
import { buildWorkbook, FACILITY_HEADER } from './support/workbook.js';

const read = (name: string) => readFileSync(projectPath('samples', `${name}.xlsx`));
async function audit(name: string, asOf?: string) {
  const outcome = await checkWorkbook(read(name), { fileName: `${name}.xlsx`, ...(asOf ? { asOf } : {}) });
  return { result: outcome.result, facts: outcome.facts! };
}
const ids = (entries: AuditDiff[keyof AuditDiff]) => entries.map((e) => `${e.subject.id} ${e.rule}`).sort();

describe('diff of two audits', () => {
  it('sorts warnings that became failures, failures that stayed, and failures that were fixed', async () => {
    const early = await audit('tongxiang', '2024-06-30');
    const late = await audit('tongxiang', '2026-09-30');
    const diff = diffAudits(early.result, late.result);
    expect(ids(diff.newFailures)).toContain('TX-002 staffing.social-worker-per-beds');
    expect(ids(diff.stillFailing)).toEqual(['TX-002 staffing.rehab-nurse-by-star', 'TX-003 quality.special-support-grade', 'TX-005 equipment.rehab-room', 'tongxiang homes.retrofit-coverage'].sort());
    expect(diff.resolved).toEqual([]);
    const back = diffAudits(late.result, early.result);
    expect(ids(back.resolved)).toEqual(ids(diff.newFailures));
    for (const entry of back.resolved) expect([entry.before?.status, entry.after?.status]).toEqual(['fail', 'warn']);
  });

  it('a fixed facility is resolved; figures that moved without a status change are changed; --facility narrows', async () => {
    const before = await checkWorkbook(
      await buildWorkbook([{ name: '机构', rows: [FACILITY_HEADER, ['F1', '甲', '桐乡市', '养老机构', '公办', 130]] }, { name: '人员', rows: [['人员编号', '机构编号', '岗位'], ['S1', 'F1', '社会工作者']] }]),
      { fileName: 'a.xlsx', asOf: '2026-01-01' },
    );
    const after = await checkWorkbook(
      await buildWorkbook([
        { name: '机构', rows: [FACILITY_HEADER, ['F1', '甲', '桐乡市', '养老机构', '公办', 90]] },
        { name: '人员', rows: [['人员编号', '机构编号', '岗位'], ['S1', 'F1', '社会工作者'], ['S2', 'F1', '社会工作者']] },
      ]),
      { fileName: 'b.xlsx', asOf: '2026-01-01' },
    );
    const diff = diffAudits(before.result, after.result, { facility: 'F1' });
    expect(ids(diff.resolved)).toEqual(['F1 staffing.social-worker-per-beds']);
    expect(diff.newFailures).toEqual([]);
    expect(diffAudits(before.result, after.result, { facility: 'F9' })).toEqual({ resolved: [], newFailures: [], stillFailing: [], changed: [] });
  });
});

describe('side by side', () => {
  it('one row per rule, one column per facility, from several audits; rules absent from a rulebook are not passes', async () => {
    const tongxiang = await audit('tongxiang');
    const mix = await audit('county-mix');
    const view = sideBySide([
      { auditId: 'A', result: tongxiang.result, facilityId: 'TX-001' },
      { auditId: 'A', result: tongxiang.result, facilityId: 'TX-002' },
      { auditId: 'B', result: mix.result, facilityId: 'MX-AJ-1' },
    ]);
    expect(view.columns.map((c) => c.name)).toEqual(['桐乡市社会福利中心', '梧桐街道颐养院', '安吉县灵峰街道敬老院']);
    const nurse = view.rows.find((r) => r.rule === 'staffing.rehab-nurse-by-star')!;
    expect(nurse.cells.map((c) => c?.status ?? null)).toEqual(['pass', 'fail', null]);
    expect(nurse.same).toBe(false);
    const caregivers = view.rows.find((r) => r.rule === 'staffing.special-support-caregivers')!;
    expect(caregivers.cells.map((c) => c?.status ?? null)).toEqual([null, null, 'fail']);
    const different = sideBySide(
      [
        { auditId: 'A', result: tongxiang.result, facilityId: 'TX-001' },
        { auditId: 'A', result: tongxiang.result, facilityId: 'TX-005' },
      ],
      { onlyDifferent: true },
    );
    expect(different.rows.every((r) => !r.same)).toBe(true);
    expect(different.rows.map((r) => r.rule)).not.toContain('quality.special-support-grade');
  });

  it('asks for two to six known facilities', async () => {
    const { result } = await audit('tongxiang');
    expect(() => sideBySide([{ auditId: 'A', result, facilityId: 'TX-001' }])).toThrow(RangeError);
    expect(() => sideBySide(Array.from({ length: 7 }, () => ({ auditId: 'A', result, facilityId: 'TX-001' })))).toThrow(RangeError);
    expect(() => sideBySide([{ auditId: 'A', result, facilityId: 'TX-001' }, { auditId: 'A', result, facilityId: 'NOPE' }])).toThrow(/NOPE/);
  });
});

// A waiver as the rectification record stores it: the comparison is given it, never reads the store.
const NURSE_WAIVER: StoredWaiver = {
  id: 'W-1',
  rule: 'staffing.rehab-nurse-by-star',
  subject: { kind: 'facility', id: 'TX-002', jurisdiction: 'tongxiang' },
  reason: '康复护士招聘中',
  until: '2026-12-31',
  approvedBy: 'inspector',
  createdAt: '2026-10-01T00:00:00Z',
  revoked: null,
};

describe('waivers beside the compared findings', () => {
  const waiver = NURSE_WAIVER;

  it('sits beside the waived cell, judged on the given day, expired or revoked flagged, the status unchanged', async () => {
    const early = await audit('tongxiang', '2024-06-30');
    const late = await audit('tongxiang', '2026-09-30');
    const picks = [
      { auditId: 'A', result: late.result, facilityId: 'TX-001' },
      { auditId: 'A', result: late.result, facilityId: 'TX-002' },
    ];
    const view = sideBySide(picks, { waivers: { waivers: [waiver], asOf: '2026-10-01' } });
    const nurse = view.rows.find((r) => r.rule === waiver.rule)!;
    expect(nurse.cells.map((c) => c?.status)).toEqual(['pass', 'fail']);
    expect(nurse.waivers).toEqual([null, expect.objectContaining({ id: 'W-1', state: 'valid', status: 'fail', reason: '康复护士招聘中' })]);
    expect(view.rows.filter((r) => r !== nurse).every((r) => r.waivers.every((w) => w === null))).toBe(true);
    expect(tableText(sideBySideTable(view, 'zh'))).toContain('已豁免（W-1，有效至 2026-12-31，批准人 inspector）：康复护士招聘中');
    expect(sideBySide(picks, { waivers: { waivers: [waiver], asOf: '2027-01-01' } }).rows.find((r) => r.rule === waiver.rule)!.waivers[1]).toMatchObject({ state: 'expired' });
    expect(sideBySide(picks).rows.every((r) => r.waivers.every((w) => w === null))).toBe(true);

    const revoked = { ...waiver, revoked: { by: 'admin', at: '2026-11-01T00:00:00Z', note: null } };
    const diff = diffAudits(early.result, late.result, { waivers: { waivers: [revoked], asOf: '2026-10-01' } });
    const entry = diff.stillFailing.find((e) => e.rule === waiver.rule && e.subject.id === 'TX-002')!;
    expect(entry.waiver).toMatchObject({ id: 'W-1', state: 'revoked', status: 'fail' });
    expect([entry.before?.status, entry.after?.status]).toEqual(['fail', 'fail']);
    expect(diffTables(diff, 'en')[1]!.rows.map((row) => row[3]!.text).join('\n')).toContain('⚠ Waiver W-1 was revoked');
  });

  it('sits beside the audited finding across rulebooks', async () => {
    const late = await audit('tongxiang', '2026-09-30');
    const view = acrossRulebooks(late.result, late.facts, defaultRulebooks(), 'anji', { waivers: { waivers: [waiver], asOf: '2026-10-01' } });
    const row = view.rows.find((r) => r.rule === waiver.rule && r.subject.id === 'TX-002')!;
    expect(row.audited?.status).toBe('fail');
    expect(row.waiver).toMatchObject({ id: 'W-1', state: 'valid', status: 'fail' });
    expect(view.rows.filter((r) => r !== row).every((r) => r.waiver === null)).toBe(true);
    expect(tableText(acrossTable(view, 'zh'))).toContain('已豁免（W-1');
  });
});

describe('waivers in the matrix and the star claims', () => {
  const waiver: StoredWaiver = { ...NURSE_WAIVER, id: 'W-2', until: '2027-03-31' };
  // Another county's TX-002 is another facility: its waiver never reaches Tongxiang's.
  const elsewhere: StoredWaiver = { ...waiver, id: 'W-3', rule: 'staffing.social-worker-per-beds', subject: { ...waiver.subject, jurisdiction: 'anji' } };
  const on = (asOf: string) => ({ waivers: [waiver, elsewhere], asOf });

  it('a waived cell keeps its status with the waiver beside it; failures count the waived ones apart; an expired one is flagged', async () => {
    const { result, facts } = await audit('tongxiang', '2026-09-30');
    const plainMatrix = buildMatrix(result, facts);
    const matrix = buildMatrix(result, facts, { waivers: on('2026-10-01') });
    const column = matrix.rules.findIndex((r) => r.id === waiver.rule);
    const row = matrix.rows.find((r) => r.facility.facility_id === 'TX-002')!;
    expect(row.cells).toEqual(plainMatrix.rows.find((r) => r.facility.facility_id === 'TX-002')!.cells);
    expect(row.cells[column]).toBe('fail');
    expect(row.waivers[column]).toMatchObject({ id: 'W-2', state: 'valid', status: 'fail' });
    expect(row.waivers.filter((w) => w !== null)).toHaveLength(1);
    expect([row.failures, row.waivedFailures]).toEqual([2, 1]);
    expect(matrix.rows.map((r) => r.facility.facility_id)).toEqual(plainMatrix.rows.map((r) => r.facility.facility_id));
    expect(matrix.rows.filter((r) => r !== row).every((r) => r.waivedFailures === 0 && r.waivers.every((w) => w === null))).toBe(true);

    const zh = matrixTable(matrix, 'zh');
    const failuresColumn = zh.columns.indexOf('不合格');
    const tableRow = zh.rows.find((cells) => cells[1]!.text.includes('(TX-002)'))!;
    expect(tableRow[failuresColumn]!.text).toBe('2（其中豁免 1）');
    expect(tableRow[failuresColumn + 1 + column]).toEqual({ text: '不合格 · 豁免至 2027-03-31', status: 'fail' });
    const en = matrixTable(matrix, 'en');
    expect(en.rows.find((cells) => cells[1]!.text.includes('(TX-002)'))![failuresColumn]!.text).toBe('2 (1 waived)');
    expect(tableText(en)).toContain('| FAIL · waived until 2027-03-31 |');

    const lapsed = buildMatrix(result, facts, { waivers: on('2027-04-01') }).rows.find((r) => r.facility.facility_id === 'TX-002')!;
    expect(lapsed.waivers[column]).toMatchObject({ state: 'expired' });
    expect(lapsed.waivedFailures).toBe(0);
    expect(tableText(matrixTable(buildMatrix(result, facts, { waivers: on('2027-04-01') }), 'zh'))).toContain('不合格 · ⚠ 豁免已于 2027-03-31 到期');
  });

  it('a claim short only of waived findings is still flagged, the waiver named; never a pass', async () => {
    const { result, facts } = await audit('tongxiang', '2026-09-30');
    const claims = starClaims(result, facts, { waivers: on('2026-10-01') });
    expect(claims.map((c) => [c.facility.facility_id, c.flagged])).toEqual(starClaims(result, facts).map((c) => [c.facility.facility_id, c.flagged]));
    const tx002 = claims.find((c) => c.facility.facility_id === 'TX-002')!;
    expect(tx002.flagged).toBe(true);
    expect(tx002.shortfalls.map((f) => f.status)).toEqual(['fail']);
    expect(tx002.waivers[tx002.findings.findIndex((f) => f.rule === waiver.rule)]).toMatchObject({ id: 'W-2', state: 'valid' });
    const row = starClaimsTable(claims, 'zh').rows.find((cells) => cells[0]!.text.includes('(TX-002)'))!;
    expect(row[2]).toEqual({ text: '声明 4 星，未达 4 星要求\n缺项均已豁免，仍按未达要求列出：W-2 豁免至 2027-03-31', status: 'fail' });
    expect(row[3]!.text).toContain('已豁免（W-2，有效至 2027-03-31，批准人 inspector）：康复护士招聘中');
    const en = starClaimsTable(claims, 'en').rows.find((cells) => cells[0]!.text.includes('(TX-002)'))!;
    expect(en[2]!.text).toBe('claims 4 stars, fails what 4 stars require\nevery shortfall is waived; still listed as failing: W-2 waived until 2027-03-31');
    // Lapsed, the waiver is still named, flagged, and no longer said to cover the shortfall.
    const lapsed = starClaimsTable(starClaims(result, facts, { waivers: on('2027-04-01') }), 'zh').rows.find((cells) => cells[0]!.text.includes('(TX-002)'))!;
    expect(lapsed[2]!.text).toBe('声明 4 星，未达 4 星要求\n豁免：W-2 ⚠ 豁免已于 2027-03-31 到期');
  });

  it('the diff’s exports and text count waived failures apart', async () => {
    const early = await audit('tongxiang', '2024-06-30');
    const late = await audit('tongxiang', '2026-09-30');
    const diff = diffAudits(early.result, late.result, { waivers: on('2026-10-01') });
    const [newFailures, stillFailing] = diffTables(diff, 'zh');
    expect(stillFailing!.note).toBe(`仍不合格 ${diff.stillFailing.length}（其中豁免 1）`);
    expect(newFailures!.note).toBeUndefined();
    expect(tableText(stillFailing!)).toContain(`== 仍不合格 (${diff.stillFailing.length})\n仍不合格 ${diff.stillFailing.length}（其中豁免 1）\n`);
    expect(diffTables(diff, 'en')[1]!.note).toBe(`Still failing ${diff.stillFailing.length} (1 waived)`);
    expect(diffTables(diffAudits(early.result, late.result, { waivers: on('2027-04-01') }), 'zh')[1]!.note).toBeUndefined();
  });
});

describe('matrix and ranking', () => {
  it('ranks by pass rate and by shortfall, and filters by type, ownership, stars and jurisdiction', async () => {
    const { result, facts } = await audit('tongxiang');
    const matrix = buildMatrix(result, facts);
    expect(matrix.rules.map((r) => r.id)).toContain('staffing.social-worker-per-beds');
    expect(matrix.rows.map((r) => r.facility.facility_id)).toEqual(['TX-001', 'TX-005', 'TX-002', 'TX-003', 'TX-004']);
    expect(matrix.rows[0]).toMatchObject({ rank: 1, passRate: 1, failures: 0 });
    expect(buildMatrix(result, facts, { sort: 'shortfall' }).rows[0]!.facility.facility_id).toBe('TX-002');
    expect(buildMatrix(result, facts, { filter: { facilityType: 'special_support' } }).rows.map((r) => r.facility.facility_id)).toEqual(['TX-003']);
    expect(buildMatrix(result, facts, { filter: { stars: 4 } }).rows.map((r) => r.facility.facility_id)).toEqual(['TX-002']);
    expect(buildMatrix(result, facts, { filter: { ownership: 'private' } }).rows.map((r) => r.facility.facility_id)).toEqual(['TX-005']);
    expect(buildMatrix(result, facts, { filter: { jurisdiction: 'anji' } }).rows).toEqual([]);
    const byRule = buildMatrix(result, facts, { sort: { rule: 'equipment.rehab-room' } });
    expect(byRule.rows[0]!.facility.facility_id).toBe('TX-005');
  });
});

describe('star claims', () => {
  it('finds the star rules from their parameters and lists the inconsistent claims first', async () => {
    expect([...STAR_RULES].sort()).toEqual(['quality.special-support-grade', 'staffing.rehab-nurse-by-star', 'staffing.rehab-physician-by-star']);
    const { result, facts } = await audit('tongxiang');
    const claims = starClaims(result, facts);
    expect(claims.map((c) => [c.facility.facility_id, c.flagged])).toEqual([
      ['TX-002', true],
      ['TX-003', true],
      ['TX-001', false],
      ['TX-005', false],
    ]);
    expect(claims[0]!.shortfalls.map((f) => [f.rule, f.shortfall])).toEqual([['staffing.rehab-nurse-by-star', 1]]);
    expect(claims[0]!.staff).toMatchObject({ rehab_nurse: 0, social_worker: 2 });
  });
});

describe('across rulebooks', () => {
  it("re-evaluates Yaohai's areas under Jiaxiang's 200 m² single-site rule; rules one side lacks are not passes", async () => {
    const { result, facts } = await audit('yaohai');
    const view = acrossRulebooks(result, facts, defaultRulebooks(), 'jiaxiang');
    const site = view.rows.find((r) => r.subject.id === 'YH-A01' && r.rule === 'space.site-minimum')!;
    expect([site.audited?.status, site.audited?.required, site.other?.status, site.other?.required]).toEqual(['fail', 350, 'pass', 200]);
    const occupancy = view.rows.find((r) => r.rule === 'occupancy.public-institutions')!;
    expect(occupancy.audited?.status).toBe('fail');
    expect(occupancy.other).toBeNull();
    expect(view.rows.find((r) => r.rule === 'beds.family-care-beds')?.audited).toBeNull();
    expect(() => acrossRulebooks(result, facts, defaultRulebooks(), 'atlantis')).toThrow(RangeError);
  });
});

describe('comparisons from the command line, with exports', () => {
  const BIN = projectPath('dist/server/cli/main.js');
  const dir = mkdtempSync(join(tmpdir(), 'eldercare-compare-'));
  const db = join(dir, 'audits.db');
  const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args, '--db', db], { encoding: 'utf8', timeout: 60_000 });
  const store = (sample: string, asOf: string) => (JSON.parse(run('check', projectPath('samples', `${sample}.xlsx`), '--as-of', asOf, '--json').stdout) as { auditId: string }).auditId;
  const early = store('tongxiang', '2024-06-30');
  const late = store('tongxiang', '2026-09-30');

  it('diff --json has the four lists, each entry with rule, subject and both findings', () => {
    const out = run('diff', early, late, '--json');
    expect(out.status, out.stderr).toBe(0);
    const diff = JSON.parse(out.stdout) as AuditDiff;
    expect(Object.keys(diff).sort()).toEqual(['changed', 'newFailures', 'resolved', 'stillFailing']);
    expect(diff.newFailures[0]).toMatchObject({ rule: expect.any(String), subject: expect.any(Object), before: { status: 'warn' }, after: { status: 'fail' } });
  });

  it('compare --xlsx writes a workbook with frozen headers, status fills and the findings’ figures', async () => {
    const file = join(dir, 'compare.xlsx');
    const out = run('compare', '--audit', late, '--facility', 'TX-001', '--facility', 'TX-002', '--xlsx', file);
    expect(out.status, out.stderr).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const rows = sheet.getSheetValues().slice(2) as string[][];
    const social = rows.find((row) => String(row[1]).startsWith('养老机构按床位配备社会工作者'))!;
    expect(social[2]).toBe('合格 · 5 人 / 5 人');
    expect(social[3]).toBe('不合格 · 2 人 / 3 人 · 缺 1 人');
    const failCell = sheet.getRow(rows.indexOf(social) + 2).getCell(3);
    expect((failCell.fill as ExcelJS.FillPattern).fgColor?.argb).toBe(`FF${STATUS_COLOURS.fail.fill.slice(1).toUpperCase()}`);
  });

  it('matrix, stars and across print, export to PDF, and refuse misuse with exit 2', async () => {
    expect(run('matrix', '--audit', late).stdout).toContain('梧桐街道颐养院 (TX-002)');
    expect(run('stars', '--audit', late, '--lang', 'en').stdout).toContain('claims 4 stars, fails what 4 stars require');
    const pdf = join(dir, 'stars.pdf');
    expect(run('stars', '--audit', late, '--pdf', pdf).status).toBe(0);
    expect((await readPdf(readFileSync(pdf))).map((p) => p.text).join('')).toContain('声明 4 星，未达 4 星要求');
    const yaohai = store('yaohai', '2026-09-30');
    expect(run('across', '--audit', yaohai, '--rulebook', 'jiaxiang').stdout).toContain('不在本规则集');
    expect(run('compare', '--audit', late, '--facility', 'TX-001').status).toBe(2);
    expect(run('compare', '--audit', late, '--facility', 'TX-001', '--facility', 'NOPE').status).toBe(2);
    expect(run('across', '--audit', yaohai, '--rulebook', 'atlantis').status).toBe(2);
    expect(run('diff', early, 'no-such-audit').status).toBe(2);
    // Ten CLI processes, one after another: on a loaded machine this outlasts the default 30 s.
  }, 120_000);
});
