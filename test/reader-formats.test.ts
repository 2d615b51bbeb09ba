// The formats counties actually have (issue 19): every sample saved by LibreOffice as .xls and
// .ods, and split into one CSV per sheet (UTF-8 and GB18030), gives the audit of the .xlsx; a
// county form with a two-row merged header reads; a county split into one file per facility
// plus a region file gives the audit of the single workbook; errors name their file and cell.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectPath } from '../checks/paths.js';
import { checkWorkbook } from '../server/audit/check.js';
import type { AuditResult } from '../server/audit/result.js';
import type { InputFile } from '../server/workbook/sources/open.js';
import { convertWithLibreOffice, splitIntoCsv, toGb18030 } from './support/convert.js';
import { buildWorkbook, readFiles } from './support/workbook.js';
import { sortedFindings, splitCounty } from './support/county-split.js';

const SAMPLES = ['anji', 'county-mix', 'hongdong', 'jiaxiang', 'tongxiang', 'yaohai'];
const AS_OF = '2026-10-01';
const work = mkdtempSync(join(tmpdir(), 'eldercare-formats-'));
const converted = { xls: new Map<string, string>(), ods: new Map<string, string>() };

const check = async (files: InputFile[]) => (await checkWorkbook(files, { fileName: files[0]!.name, asOf: AS_OF })).result;
const fileOf = (path: string, name = path.split('/').at(-1)!): InputFile => ({ name, bytes: readFileSync(path) });

/** What must not depend on the format: the audit itself. */
function audit(result: AuditResult) {
  return { valid: result.valid, errors: result.errors, rows: result.workbook.rows, summary: result.summary, findings: result.findings, rulebooks: result.rulebooks };
}

// ----- fixtures: a two-row header form, a county split per facility, a file with errors

/** A county form as bureaus draw it: a title, 床位数 merged over 总数 / 护理型 / 认知障碍. */
const TWO_ROW_FORM = {
  name: '机构',
  rows: [
    ['安吉县养老机构基本情况统计表'],
    ['填报单位：安吉县民政局'],
    ['序号', '机构编号', '机构名称', '所属地区', '机构类型', '运营性质', '床位数', null, null, '在住人数'],
    [null, null, null, null, null, null, '总数', '护理型', '认知障碍', null],
    [1, 'AJ-001', '安吉县社会福利中心', '安吉县', '养老机构', '公办', 300, 210, 30, 236],
    [2, 'AJ-002', '递铺街道颐养院', '安吉县', '养老机构', '民办', '120张', 80, null, 90],
  ],
  merges: ['A1:J1', 'A3:A4', 'B3:B4', 'C3:C4', 'D3:D4', 'E3:E4', 'F3:F4', 'G3:I3', 'J3:J4'],
};

const county = { facilities: [] as { id: string; path: string }[], region: '' };

beforeAll(async () => {
  const sources: string[] = [];
  for (const sample of SAMPLES) {
    const path = join(work, `${sample}.xlsx`);
    writeFileSync(path, readFileSync(projectPath(`samples/${sample}.xlsx`)));
    sources.push(path);
  }
  const twoRow = join(work, 'two-row.xlsx');
  writeFileSync(twoRow, await buildWorkbook([TWO_ROW_FORM]));
  sources.push(twoRow);
  // The broken facility file of a county: a role no one has, and a facility id given twice.
  const broken = join(work, 'TX-002.xlsx');
  writeFileSync(
    broken,
    await buildWorkbook([
      { name: '机构', rows: [['机构编号', '机构名称', '所属地区', '机构类型', '运营性质', '床位总数'], ['TX-002', '梧桐街道颐养院', '桐乡市', '养老机构', '公办', 80], ['TX-001', '重复', '桐乡市', '养老机构', '公办', 10]] },
      { name: '人员', rows: [['人员编号', '机构编号', '岗位'], ['S-2', 'TX-001', '护士'], ['S-3', 'TX-002', '园丁'], ['S-4', 'TX-003', '护士']] },
    ]),
  );
  sources.push(broken);
  const split = await splitCounty();
  for (const [index, facility] of split.facilities.entries()) {
    const path = join(work, `${facility.id}.xlsx`);
    writeFileSync(path, facility.bytes);
    county.facilities.push({ id: facility.id, path });
    // Every other facility sends .xls, as many bureaus' templates still are.
    if (index % 2 === 1) sources.push(path);
  }
  county.region = join(work, '安吉县-地区.xlsx');
  writeFileSync(county.region, split.region);
  converted.xls = convertWithLibreOffice(sources, 'xls', work);
  converted.ods = convertWithLibreOffice(sources, 'ods', work);
}, 360_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the same audit from .xls, .ods and CSV', () => {
  for (const sample of SAMPLES) {
    it(`samples/${sample}: .xls and .ods saved by LibreOffice give the findings, errors and warnings of the .xlsx`, async () => {
      const xlsx = await check([fileOf(join(work, `${sample}.xlsx`))]);
      expect(xlsx.findings.length).toBeGreaterThan(0);
      for (const format of ['xls', 'ods'] as const) {
        const other = await check([fileOf(converted[format].get(join(work, `${sample}.xlsx`))!)]);
        expect(audit(other), format).toEqual(audit(xlsx));
        expect(other.warnings, format).toEqual(xlsx.warnings);
      }
    });

    it(`samples/${sample}: one CSV per sheet, in UTF-8 and in GB18030, give the findings of the .xlsx`, async () => {
      const xlsx = await check([fileOf(join(work, `${sample}.xlsx`))]);
      const sheets = await splitIntoCsv(readFileSync(join(work, `${sample}.xlsx`)));
      const utf8 = await check(sheets.map(({ sheet, text }) => ({ name: `${sheet}.csv`, bytes: Buffer.from(`\ufeff${text}`, 'utf8') })));
      const gb = await check(sheets.map(({ sheet, text }) => ({ name: `${sheet}.csv`, bytes: toGb18030(text) })));
      expect(sheets.map(({ text }) => toGb18030(text).equals(Buffer.from(text, 'utf8'))).every(Boolean)).toBe(false);
      expect(utf8.errors).toEqual([]);
      expect(sortedFindings(utf8)).toEqual(sortedFindings(xlsx));
      expect(utf8.workbook.rows).toEqual(xlsx.workbook.rows);
      expect(audit(gb)).toEqual(audit(utf8));
      expect(utf8.workbook.files!.map((f) => f.file)).toEqual(sheets.map(({ sheet }) => `${sheet}.csv`));
    });
  }

  it('decides the format by the bytes: an .xls and an .ods named .xlsx read all the same', async () => {
    const xlsx = await check([fileOf(join(work, 'tongxiang.xlsx'))]);
    for (const format of ['xls', 'ods'] as const) {
      const renamed = await check([fileOf(converted[format].get(join(work, 'tongxiang.xlsx'))!, 'tongxiang.xlsx')]);
      expect(audit(renamed)).toEqual(audit(xlsx));
    }
  });

  it('refuses a CSV that decodes as neither UTF-8 nor GB18030, naming the line of its first bad byte', async () => {
    const text = Buffer.concat([toGb18030('机构编号,机构名称\r\nTX-001,梧桐\r\n'), Buffer.from([0x41, 0xff, 0x0d, 0x0a])]);
    const result = await check([{ name: '机构.csv', bytes: text }]);
    expect(result.errors.map((e) => e.code)).toEqual(['not_xlsx']);
    expect(result.errors[0]!.message.zh).toMatch(/第 3 行.*0xFF/);
    expect(result.errors[0]!.message.en).toMatch(/neither UTF-8 nor GB18030.*line 3.*0xFF/);
  });

  it('names a CSV sheet by --sheet when its file name does not', async () => {
    const bytes = Buffer.from('机构编号,机构名称,所属地区,机构类型,运营性质,床位总数\nTX-001,梧桐街道颐养院,桐乡市,养老机构,公办,130\n');
    expect((await check([{ name: 'export-20261001.csv', bytes }])).errors.map((e) => e.code)).toEqual(['missing_sheet']);
    const named = await check([{ name: 'export-20261001.csv', bytes, sheet: '机构' }]);
    expect(named.valid).toBe(true);
    expect(named.workbook.rows).toEqual({ facilities: 1 });
  });
});

describe('two-row headers', () => {
  const expected = [
    ['AJ-001', 300, 210, 30, 236],
    ['AJ-002', 120, 80, null, 90],
  ];
  for (const format of ['xlsx', 'xls', 'ods'] as const) {
    it(`reads 床位数 merged over 总数 / 护理型 / 认知障碍 as 床位总数 / 护理型床位数 / 认知障碍照护床位数 (.${format})`, async () => {
      const path = join(work, 'two-row.xlsx');
      const read = await readFiles([fileOf(format === 'xlsx' ? path : converted[format].get(path)!)]);
      expect(read.errors).toEqual([]);
      expect(read.warnings).toEqual([]);
      expect(read.facts!.facilities.map((f) => [f.facility_id, f.total_beds, f.nursing_beds, f.dementia_beds, f.occupied_beds])).toEqual(expected);
      expect(read.facts!.facilities.map((f) => f.row)).toEqual([5, 6]);
    });
  }

  it('names a two-row header cell by its group and column in errors, and keeps a lower row of data as data', async () => {
    const rows = TWO_ROW_FORM.rows.map((row) => [...row]);
    rows[4]![7] = 400; // 护理型 over 总数
    const read = await readFiles([{ name: 'form.xlsx', bytes: await buildWorkbook([{ ...TWO_ROW_FORM, rows }]) }]);
    expect(read.errors.map((e) => [e.code, e.cell, e.header])).toEqual([['range', '机构!H5', '床位数/护理型']]);
    // A one-row header: the row below it is data, even where it has blanks.
    const flat = await readFiles([{ name: 'flat.xlsx', bytes: await buildWorkbook([{ name: '机构', rows: [['机构编号', '机构名称', '所属地区', '机构类型', '运营性质', '床位总数', null], ['TX-1', '颐养院', '桐乡市', '养老机构', '公办', 30, null]] }]) }]);
    expect(flat.errors).toEqual([]);
    expect(flat.facts!.facilities.map((f) => [f.row, f.total_beds])).toEqual([[2, 30]]);
  });
});

describe('one audit from several files', () => {
  it('a county sent as one workbook per facility (some .xls) and a region workbook gives the audit of the single workbook', async () => {
    const single = await check([fileOf(projectPath('samples/anji.xlsx'))]);
    expect(single.valid).toBe(true);
    const files = county.facilities.map(({ path }, index) => fileOf(index % 2 === 1 ? converted.xls.get(path)! : path));
    expect(files.filter((f) => f.name.endsWith('.xls')).length).toBeGreaterThan(1);
    const several = await check([...files, fileOf(county.region)]);
    expect(several.errors).toEqual([]);
    expect(several.workbook.rows).toEqual(single.workbook.rows);
    expect(several.summary).toEqual(single.summary);
    expect(sortedFindings(several)).toEqual(sortedFindings(single));
    expect(several.workbook.files!.map((f) => f.file)).toEqual([...files.map((f) => f.name), '安吉县-地区.xlsx']);
  });

  it('names the file of every error, checks ids across files and lets references cross them', async () => {
    const first = { name: 'TX-001.xlsx', bytes: await buildWorkbook([{ name: '机构', rows: [['机构编号', '机构名称', '所属地区', '机构类型', '运营性质', '床位总数'], ['TX-001', '崇福镇敬老院', '桐乡市', '敬老院', '公办', 50]] }]) };
    const result = await check([first, fileOf(converted.xls.get(join(work, 'TX-002.xlsx'))!)]);
    expect(result.errors.map((e) => [e.code, e.file, e.cell])).toEqual([
      ['duplicate_id', 'TX-002.xls', 'TX-002.xls › 机构!A3'],
      ['enum', 'TX-002.xls', 'TX-002.xls › 人员!C3'],
      ['unknown_reference', 'TX-002.xls', 'TX-002.xls › 人员!B4'],
    ]);
    expect(result.errors[0]!.message.zh).toMatch(/“TX-001.xlsx › 机构”第 2 行重复/);
    expect(result.errors[0]!.message.en).toMatch(/repeats row 2 of "TX-001.xlsx › 机构"/);
    expect(result.errors[1]!.message.zh).toMatch(/^TX-002.xls › 人员!C3「岗位」/);
  });

  it('reads both of two sheets of one workbook that map to the same kind, and warns', async () => {
    const header = ['机构编号', '机构名称', '所属地区', '机构类型', '运营性质', '床位总数'];
    const bytes = await buildWorkbook([
      { name: '机构', rows: [header, ['TX-001', '甲', '桐乡市', '养老机构', '公办', 50], ['TX-002', '乙', '桐乡市', '养老机构', '公办', 60]] },
      { name: '养老机构', rows: [header, ['TX-003', '丙', '桐乡市', '养老机构', '民办', 70], ['TX-004', '丁', '桐乡市', '养老机构', '民办', 80]] },
    ]);
    const read = await readFiles([{ name: 'two.xlsx', bytes }]);
    expect(read.errors).toEqual([]);
    expect(read.facts!.facilities.map((f) => f.facility_id)).toEqual(['TX-001', 'TX-002', 'TX-003', 'TX-004']);
    expect(read.warnings.map((w) => [w.code, w.sheet])).toEqual([['repeated_sheet', '养老机构']]);
    expect(read.warnings[0]!.message.en).toMatch(/both Facilities sheets; the rows of both were read/);
    const clash = await buildWorkbook([
      { name: '机构', rows: [header, ['TX-001', '甲', '桐乡市', '养老机构', '公办', 50]] },
      { name: '养老机构', rows: [header, ['TX-001', '丙', '桐乡市', '养老机构', '民办', 70]] },
    ]);
    const clashing = await readFiles([{ name: 'clash.xlsx', bytes: clash }]);
    expect(clashing.errors.map((e) => [e.code, e.cell])).toEqual([['duplicate_id', '养老机构!A2']]);
  });
});
