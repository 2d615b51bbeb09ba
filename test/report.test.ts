// The PDF reports, read back as text: what a facility manager and an inspector will see.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../checks/paths.js';
import { checkWorkbook } from '../server/audit/check.js';
import { UnknownFacilityError } from '../server/audit/presentation.js';
import type { AuditResult } from '../server/audit/result.js';
import { writeReport, type ReportOptions } from '../server/report/render.js';
import { readPdf } from './support/pdf.js';
import { buildWorkbook, FACILITY_HEADER } from './support/workbook.js';

const BIN = projectPath('dist/server/cli/main.js');
const dir = mkdtempSync(join(tmpdir(), 'eldercare-report-'));
const STAMP = { auditId: '20261123-094011-23020a81', generatedAt: '2026-11-23T09:40:11.821Z' };

async function render(result: AuditResult, options: Partial<ReportOptions> = {}): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  await writeReport(result, { ...STAMP, lang: 'zh', ...options }, out);
  return Buffer.concat(chunks);
}

async function sample(name: string): Promise<AuditResult> {
  return (await checkWorkbook(readFileSync(projectPath('samples', `${name}.xlsx`)), { fileName: `${name}.xlsx` })).result;
}

const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120_000 });

describe('the audit report', () => {
  it('holds the cover, every subject, the arithmetic, the clauses and a footer on every page', async () => {
    const result = await sample('tongxiang');
    const pages = await readPdf(await render(result));
    const all = pages.map((p) => p.text).join('\n');
    expect(pages[0]!.text).toContain('养老服务设施合规审核报告');
    expect(pages[0]!.text).toContain(result.workbook.sha256);
    expect(pages[0]!.text).toContain(STAMP.auditId);
    expect(pages[0]!.text).toContain('关于推进养老服务高质量发展助力共同富裕的实施意见');
    for (const name of ['桐乡市社会福利中心', '梧桐街道颐养院', '崇福镇敬老院', '濮院镇居家养老服务中心', '乌镇康乐养老院']) expect(all).toContain(name);
    expect(all).toContain('130 张床位 ÷ 60 = 2.17，应配社会工作者 3 人，实有 2 人，缺 1 人');
    expect(all).toContain('实测 2 人 · 要求 3 人');
    expect(all).toContain('二(五)16');
    expect(all).toContain('发展老年社会工作，到2025年，每60张养老机构床位配备1名社会工作者。');
    expect(all).toContain('不合格 11');
    pages.forEach((page, i) => expect(page.text).toContain(`第 ${i + 1} 页 / 共 ${pages.length} 页`));
  });

  it('lists failures and warnings most serious first, with their shortfalls', async () => {
    const result = await sample('tongxiang');
    const early = (await checkWorkbook(readFileSync(projectPath('samples', 'tongxiang.xlsx')), { fileName: 't.xlsx', asOf: '2024-06-30' })).result;
    expect(early.summary.warn).toBeGreaterThan(0);
    const page = (await readPdf(await render(early)))[1]!;
    const heading = page.items.findIndex((item) => item.text.startsWith('不合格与预警事项'));
    const statuses = page.items.slice(heading + 1).map((item) => item.text).filter((text) => text === '不合格' || text === '预警');
    expect(statuses).toContain('预警');
    expect(statuses).toEqual([...statuses].sort((a, b) => (a === b ? 0 : a === '不合格' ? -1 : 1)));
    const text = page.text;
    expect(text).toContain('5.76 个百分点');
    expect(result.summary.fail).toBe(11);
  });

  it('says plainly that the Yaohai document is a draft for comment, in both languages', async () => {
    const result = await sample('yaohai');
    expect((await readPdf(await render(result)))[0]!.text).toContain('该文件为征求意见稿');
    const en = await readPdf(await render(result, { lang: 'en' }));
    expect(en[0]!.text).toContain('draft for comment');
    expect(en[0]!.text).toContain('Elder-Care Facility Compliance Audit Report');
    expect(en.map((p) => p.text).join('')).toMatch(/Page 1 of \d+/);
  });

  it('gives the same bytes for the same audit, and other bytes for another time', async () => {
    const result = await sample('anji');
    const first = await render(result);
    const second = await render(result);
    expect(createHash('sha256').update(first).digest('hex')).toBe(createHash('sha256').update(second).digest('hex'));
    const later = await render(result, { generatedAt: '2026-11-24T00:00:00.000Z' });
    expect(later.equals(first)).toBe(false);
  });

  it('repeats the table header on every page the failures table spans', async () => {
    const rows = Array.from({ length: 90 }, (_, i) => [`F${i}`, `第${i}号养老院`, '桐乡市', '养老机构', '公办', 130 + i]);
    const bytes = await buildWorkbook([
      { name: '机构', rows: [FACILITY_HEADER, ...rows] },
      { name: '人员', rows: [['人员编号', '机构编号', '岗位'], ...rows.map((r) => [`S${r[0]}`, r[0], '社会工作者'])] },
    ]);
    const { result } = await checkWorkbook(bytes, { fileName: 'many.xlsx', asOf: '2026-06-30' });
    expect(result.summary.fail).toBeGreaterThanOrEqual(90);
    const pages = await readPdf(await render(result));
    const tablePages = pages.filter((p) => p.text.includes('第') && p.text.includes('号养老院') && p.text.includes('缺口') && !p.text.includes('计算：'));
    expect(tablePages.length).toBeGreaterThan(1);
    for (const page of tablePages) {
      const header = page.items.find((item) => item.text === '缺口');
      const firstRow = page.items.find((item) => /^机构 第\d+号/.test(item.text));
      expect(header && firstRow && header.y > firstRow.y, `header above the rows on a page of ${page.text.slice(0, 40)}`).toBe(true);
    }
  });

  it('draws anything a user typed: emoji degrade to a mark, markup stays text, long strings stay on the page', async () => {
    // 200 characters: the longest name the contract allows.
    const long = 'Ａ'.repeat(40) + 'x'.repeat(160);
    const bytes = await buildWorkbook([
      {
        name: '机构',
        rows: [FACILITY_HEADER, ['F1', '幸福😀<script>alert(1)</script>养老院', '桐乡市', '养老机构', '公办', 130], ['F2', long, '桐乡市', '养老机构', '公办', 100]],
      },
    ]);
    const { result } = await checkWorkbook(bytes, { fileName: 'hostile.xlsx' });
    expect(result.valid).toBe(true);
    const pages = await readPdf(await render(result));
    const all = pages.map((p) => p.text).join('');
    expect(all).toContain('幸福□<script>alert(1)</script>养老院');
    for (const page of pages) {
      for (const item of page.items) {
        expect(item.x, item.text).toBeGreaterThanOrEqual(0);
        expect(item.x + item.width, item.text).toBeLessThanOrEqual(page.width + 0.5);
        expect(item.y, item.text).toBeGreaterThanOrEqual(0);
        expect(item.y, item.text).toBeLessThanOrEqual(page.height);
      }
    }
  });
});

describe('unbroken text (issue 16)', () => {
  // A name stored before names were bounded (or any long text): pdfkit alone took 20 s and
  // 740 MB for 6,000 letters without a space and never finished 32,767 (its time and memory grow
  // with the square of such a word). Cut into lines that fit first, it draws in linear time.
  it('draws a facility name of 32,767 letters without a space, every letter, within the page', async () => {
    const result = await sample('tongxiang');
    const name = 'W'.repeat(32_767);
    for (const finding of result.findings) if (finding.subject.id === 'TX-002') finding.subject.name = name;
    const pages = await readPdf(await render(result, { facility: 'TX-002' }));
    const all = pages.map((p) => p.text).join('');
    // The cover, the subtitle, the failures table and the section heading each show it whole.
    expect(all.split('W').length - 1).toBeGreaterThanOrEqual(4 * name.length);
    for (const page of pages) {
      for (const item of page.items) {
        expect(item.x, item.text.slice(0, 20)).toBeGreaterThanOrEqual(0);
        expect(item.x + item.width, item.text.slice(0, 20)).toBeLessThanOrEqual(page.width - 40);
        expect(item.y).toBeGreaterThanOrEqual(0);
      }
    }
    expect(all).toContain('缺口：1 人');
  }, 60_000);
});

describe('the facility report', () => {
  it('holds one facility: what failed, by how much, under which clause, by when', async () => {
    const result = await sample('tongxiang');
    const bytes = await render(result, { facility: 'TX-002' });
    const pages = await readPdf(bytes);
    const all = pages.map((p) => p.text).join('\n');
    expect(all).toContain('养老服务机构合规审核报告');
    expect(all).toContain('梧桐街道颐养院（TX-002）');
    expect(all).not.toContain('桐乡市社会福利中心');
    expect(all).toContain('缺口：1 人');
    expect(all).toContain('期限：2025-12-31');
    expect(all).toContain('条款：tongxiang 二(五)16');
    expect(all).toContain('四星级、五星级养老机构配备康复护士');
    expect(pages.length).toBe(2);
    expect(bytes.length).toBeLessThan(150_000);
  });

  it('refuses an unknown facility instead of printing an empty report', async () => {
    await expect(render(await sample('tongxiang'), { facility: 'NOPE' })).rejects.toThrow(UnknownFacilityError);
  });
});

describe('reports from the command line', () => {
  it('check --pdf and report <id> --pdf give the same bytes for the same stored audit', () => {
    const db = join(dir, 'audits.db');
    const fromCheck = join(dir, 'check.pdf');
    const checked = run('check', projectPath('samples', 'jiaxiang.xlsx'), '--db', db, '--pdf', fromCheck, '--json');
    expect(checked.status).toBe(1);
    const { auditId } = JSON.parse(checked.stdout) as { auditId: string };
    const fromStore = join(dir, 'report.pdf');
    const reported = run('report', auditId, '--pdf', fromStore, '--db', db);
    expect(reported.status, reported.stderr).toBe(0);
    expect(readFileSync(fromStore).equals(readFileSync(fromCheck))).toBe(true);

    const facilityPdf = join(dir, 'facility.pdf');
    expect(run('report', auditId, '--pdf', facilityPdf, '--facility', 'JX-002', '--lang', 'en', '--db', db).status).toBe(0);
    expect(readFileSync(facilityPdf).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('an unknown facility is exit 2 with a message, and no file', () => {
    const out = join(dir, 'nope.pdf');
    const refused = run('check', projectPath('samples', 'tongxiang.xlsx'), '--pdf', out, '--facility', 'NOPE');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('no facility "NOPE"');
    expect(existsSync(out)).toBe(false);
    expect(existsSync(`${out}.partial`)).toBe(false);
    expect(run('report', 'no-such-audit', '--pdf', out, '--db', join(dir, 'audits.db')).status).toBe(2);
  });

  it('a rejected workbook still gets a report: its errors, at their cells', async () => {
    const bad = join(dir, 'bad.xlsx');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(bad, await buildWorkbook([{ name: '机构', rows: [FACILITY_HEADER, ['F1', '甲', '桐乡市', '养老院子', '公办', -3]] }]));
    const out = join(dir, 'bad.pdf');
    expect(run('check', bad, '--pdf', out).status).toBe(2);
    const text = (await readPdf(readFileSync(out))).map((p) => p.text).join('');
    expect(text).toContain('机构!D2');
    expect(text).toContain('机构!F2');
    expect(text).toContain('工作簿未通过校验');
  });
});
