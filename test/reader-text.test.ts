// Issue 16: text a cell may hold but nobody may be shown raw, text too long to be a name, and a
// file read whole or rejected (bytes that are not UTF-8, a DTD in any part). Through the check
// pipeline, as the CLI and the web app call it.
import { describe, expect, it } from 'vitest';
import { CONTRACT } from '../checks/contract.js';
import { checkWorkbook } from '../server/audit/check.js';
import type { AuditResult } from '../server/audit/result.js';
import { namedFacilities, sampleBytes, sheetXml, unzip, xlsx, FACILITY_HEADER } from './support/hostile-corpus.js';
import { makeZip } from './support/zip.js';

const check = async (bytes: Buffer, fileName = 'test.xlsx'): Promise<AuditResult> => (await checkWorkbook(bytes, { fileName })).result;
const places = (result: AuditResult) => result.errors.map((e) => `${e.code} ${e.cell}`);
const facilityNames = (result: AuditResult) => [...new Set(result.findings.filter((f) => f.subject.kind === 'facility').map((f) => f.subject.name))];

/** Every string anywhere in a value. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}
const UNPRINTABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('text fields are bounded (the contract)', () => {
  it('gives every text column of every sheet a maximum length', () => {
    for (const sheet of CONTRACT) {
      const properties = sheet.schema['properties'] as Record<string, { maxLength?: number }>;
      for (const column of sheet.columns.filter((c) => c.kind === 'text')) {
        expect(properties[column.key]!.maxLength, `${sheet.key}.${column.key}`).toBe(column.key === 'name' ? 200 : 64);
      }
    }
  });

  it('takes a name of exactly 200 characters (counted as characters, not UTF-16 units) and refuses 201 at its cell', async () => {
    const valid = await check(namedFacilities(['名'.repeat(200), '𠀀'.repeat(200)]));
    expect(valid.errors).toEqual([]);
    expect(facilityNames(valid)).toEqual(['名'.repeat(200), '𠀀'.repeat(200)]);
    const rejected = await check(namedFacilities(['名'.repeat(201), '梧桐街道颐养院', 'W'.repeat(32_767)]));
    expect(places(rejected)).toEqual(['range 机构!B2', 'range 机构!B4']);
    expect(rejected.errors[0]!.message.zh).toBe('机构!B2「机构名称」：不得超过 200 个字符（现有 201 个）');
    expect(rejected.errors[1]!.message.en).toBe('机构!B4 (机构名称): must be at most 200 characters long (it has 32767)');
    // The value is shown by its first 200 characters, not repeated whole.
    expect(String(rejected.errors[1]!.value)).toBe(`${'W'.repeat(200)}…`);
  });

  it('takes an id of 64 characters and refuses 65, in every sheet that has ids', async () => {
    const id = (n: number) => 'F'.repeat(n);
    const rows = [FACILITY_HEADER, [id(64), '甲', '桐乡市', '养老机构', '公办', 3, 100, 50], [id(65), '乙', '桐乡市', '养老机构', '公办', 3, 100, 50]];
    const staff = [['人员编号', '机构编号', '岗位'], [id(65), id(64), '社会工作者'], ['S2', id(65), '社会工作者']];
    const result = await check(xlsx([{ name: '机构', xml: sheetXml(rows) }, { name: '人员', xml: sheetXml(staff) }]));
    expect(places(result)).toEqual(['range 机构!A3', 'range 人员!A2', 'range 人员!B3']);
  });
});

describe('control characters, bidi overrides and line breaks in text cells', () => {
  const inline = (xml: string) => xlsx([{ name: '机构', xml: sheetXml([FACILITY_HEADER, ['TX-001', { xml }, '桐乡市', '养老机构', '公办', 3, 100, 50]]) }]);

  it('refuses a control character at its cell, naming it, whether Excel escaped it (_x001B_) or not', async () => {
    for (const [xml, name] of [
      ['崇福_x001B_[31m敬老院', 'U+001B'],
      ['梧桐_x0007_颐养院', 'U+0007'],
      ['濮院\u009b颐养院', 'U+009B'],
      ['濮院\u007f颐养院', 'U+007F'],
    ] as const) {
      const result = await check(inline(xml));
      expect(places(result), xml).toEqual(['type 机构!B2']);
      expect(result.errors[0]!.message.zh).toContain(`第 3 个字符是不可见的控制字符 ${name}`);
      expect(result.errors[0]!.message.en).toContain(`character 3 is the control character ${name}`);
      expect(strings(result).join('\n')).not.toMatch(UNPRINTABLE);
    }
  });

  it('refuses bidi embeddings, overrides and isolates, and keeps right-to-left text and its marks', async () => {
    for (const char of ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069']) {
      const result = await check(namedFacilities([`乌镇${char}护理院`]));
      expect(places(result)).toEqual(['type 机构!B2']);
      expect(result.errors[0]!.message.en).toContain('is the bidirectional override U+');
      expect(strings(result).join('\n')).not.toMatch(UNPRINTABLE);
    }
    const rtl = await check(namedFacilities(['دار رعاية المسنين', 'בית אבות\u200f 崇福']));
    expect(rtl.errors).toEqual([]);
  });

  it('reads a line break in a wrapped cell (LF, CR LF, NEL, U+2028, tab, as typed or as Excel escapes it) as one space', async () => {
    for (const xml of ['梧桐街道\n颐养院', '梧桐街道 \r\n 颐养院', '梧桐街道_x000D__x000A_颐养院', '梧桐街道\u0085颐养院', '梧桐街道\u2028颐养院', '梧桐街道\t颐养院', '梧桐街道\n\n颐养院']) {
      const result = await check(inline(xml));
      expect(result.errors, JSON.stringify(xml)).toEqual([]);
      expect(facilityNames(result)).toEqual(['梧桐街道 颐养院']);
    }
  });

  it('reads _x005F_ as the underscore Excel escapes with it, so typed "_x0007_" stays text', async () => {
    const result = await check(inline('梧桐_x005F_x0007_颐养院'));
    expect(result.errors).toEqual([]);
    expect(facilityNames(result)).toEqual(['梧桐_x0007_颐养院']);
  });

  it('shows a control character of any cell, sheet name or warning by name, never raw', async () => {
    const rows = [FACILITY_HEADER, ['TX-001', '梧桐', '桐乡市', { xml: '养老_x001B_[2J机构' }, '公办', 3, 100, 50]];
    const result = await check(xlsx([{ name: '机构', xml: sheetXml(rows) }, { name: '附表\u202e', xml: sheetXml([['x']]) }]));
    expect(places(result)).toEqual(['enum 机构!D2']);
    expect(result.errors[0]!.message.zh).toContain('“养老⟨U+001B⟩[2J机构”不是允许的取值');
    expect(result.errors[0]!.value).toBe('养老⟨U+001B⟩[2J机构');
    expect(result.warnings.map((w) => w.message.en)).toEqual(['Sheet "附表⟨U+202E⟩" is not part of the template and was ignored']);
    expect(strings(result).join('\n')).not.toMatch(UNPRINTABLE);
  });

  it('quotes at most 80 characters of a value in a message', async () => {
    const rows = [FACILITY_HEADER, ['TX-001', '梧桐', '桐乡市', `养老${'机'.repeat(5000)}`, '公办', 3, 100, 50]];
    const result = await check(xlsx([{ name: '机构', xml: sheetXml(rows) }]));
    expect(result.errors[0]!.message.zh).toContain(`“养老${'机'.repeat(78)}…”不是允许的取值`);
    expect(result.errors[0]!.message.zh.length).toBeLessThan(300);
  });
});

describe('a workbook is read whole or rejected', () => {
  it('refuses bytes that are not UTF-8 in any part it reads, naming the part', async () => {
    const entries = await unzip(sampleBytes('tongxiang.xlsx'));
    for (const part of ['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet3.xml', 'xl/sharedStrings.xml', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml']) {
      // Half a Chinese character in a comment just before the part's last tag, where U+FFFD would pass unseen.
      const bytes = xlsxWith(entries, part, (data) => {
        const at = data.lastIndexOf('<');
        return Buffer.concat([data.subarray(0, at), Buffer.from('<!-- 梧'), Buffer.from('桐').subarray(0, 2), Buffer.from(' -->'), data.subarray(at)]);
      });
      const result = await check(bytes, 'latin1.xlsx');
      expect(result.errors.map((e) => e.code), part).toEqual(['not_xlsx']);
      expect(result.errors[0]!.message.en).toContain(`"${part}" holds bytes that are not UTF-8 text`);
    }
  });

  it('refuses a DTD in every XML part of the file, those it reads and those it passes over', async () => {
    const entries = await unzip(sampleBytes('tongxiang.xlsx'));
    const parts = entries.map((e) => e.name).filter((name) => /\.(xml|rels)$/.test(name));
    expect(parts).toContain('[Content_Types].xml');
    expect(parts).toContain('docProps/core.xml');
    expect(parts).toContain('xl/theme/theme1.xml');
    for (const part of parts) {
      const bytes = xlsxWith(entries, part, (data) => Buffer.from(data.toString('utf8').replace(/^(<\?xml[^>]*\?>)?/, (head) => `${head}<!-- a comment first --><!DOCTYPE x [<!ENTITY a "b">]>`)));
      const result = await check(bytes, 'dtd.xlsx');
      expect(result.errors.map((e) => e.code), part).toEqual(['not_xlsx']);
      expect(result.errors[0]!.message.en, part).toContain(`${part} inside the file declares a DTD`);
    }
  });
});

/** The sample's entries re-zipped with one part's bytes changed. */
function xlsxWith(entries: { name: string; data: Buffer }[], part: string, change: (data: Buffer) => Buffer): Buffer {
  return makeZip(entries.map(({ name, data }) => ({ name, data: name === part ? change(data) : data })));
}
