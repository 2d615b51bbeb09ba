// The real bin, spawned as a user would run it, on the committed samples and on workbooks
// built here. `npm test` builds dist/ first.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createAjv } from '../checks/ajv.js';
import { projectPath } from '../checks/paths.js';
import type { AuditResult } from '../server/audit/result.js';
import { buildWorkbook, FACILITY_HEADER } from './support/workbook.js';

const BIN = projectPath('dist/server/cli/main.js');
const validateResult = createAjv().compile<AuditResult>(
  JSON.parse(readFileSync(projectPath('schemas/audit-result.schema.json'), 'utf8')) as object,
);

function run(...args: string[]) {
  const child = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: child.status, stdout: child.stdout, stderr: child.stderr };
}

function runJson(...args: string[]) {
  const out = run(...args, '--json');
  const result = JSON.parse(out.stdout) as AuditResult;
  if (!validateResult(result)) throw new Error(JSON.stringify(validateResult.errors, null, 2));
  return { ...out, result };
}

const tmp = mkdtempSync(join(tmpdir(), 'eldercare-cli-'));
const samples = readdirSync(projectPath('samples')).filter((name) => name.endsWith('.xlsx'));

describe('eldercare-audit check on the samples', () => {
  it('has samples to check', () => {
    expect(samples.length).toBeGreaterThanOrEqual(6);
  });

  for (const sample of samples) {
    it(`${sample}: schema-valid JSON, exit code from the findings`, () => {
      const { code, result } = runJson('check', projectPath('samples', sample));
      expect(result.valid, JSON.stringify(result.errors)).toBe(true);
      expect(result.findings.length).toBeGreaterThan(0);
      expect(code).toBe(result.summary.fail > 0 ? 1 : 0);
      expect(result.summary.pass).toBeGreaterThan(0);
      expect(result.summary.fail + result.summary.warn).toBeGreaterThan(0);
      // One finding per (rule of the subject's rulebook, subject of that kind): no pair twice.
      const pairs = result.findings.map((f) => `${f.rule}|${f.subject.kind}|${f.subject.id}`);
      expect(new Set(pairs).size).toBe(pairs.length);
    });
  }

  it('prints a readable summary without --json: subjects with failures first, counts last, no colour when piped', () => {
    const sample = samples.find((s) => s.startsWith('tongxiang')) ?? samples[0]!;
    const { stdout, code } = run('check', projectPath('samples', sample));
    expect(code).toBeLessThan(2);
    expect(stdout).toMatch(/合计：不合格 \d+ · 预警 \d+ · 数据不足 \d+ · 合格 \d+ · 不适用 \d+\n$/);
    expect(stdout).not.toContain('\u001b[');
    const en = run('check', projectPath('samples', sample), '--lang', 'en');
    expect(en.stdout).toMatch(/Total: FAIL \d+/);
  });

  it('--as-of moves the due dates: before 2025-12-31 a shortfall is a warning', () => {
    const sample = samples.find((s) => s.startsWith('tongxiang')) ?? samples[0]!;
    const late = runJson('check', projectPath('samples', sample), '--as-of', '2026-06-30').result;
    const early = runJson('check', projectPath('samples', sample), '--as-of', '2024-06-30').result;
    expect(early.asOf).toBe('2024-06-30');
    const dueLater = late.findings.filter((f) => f.status === 'fail' && f.due === '2025-12-31');
    expect(dueLater.length).toBeGreaterThan(0);
    for (const finding of dueLater) {
      const before = early.findings.find((f) => f.rule === finding.rule && f.subject.id === finding.subject.id);
      expect(before?.status).toBe('warn');
    }
  });

  it('--rulebook checks every subject against one rulebook', () => {
    const sample = samples.find((s) => s.startsWith('county-mix')) ?? samples[0]!;
    const { result } = runJson('check', projectPath('samples', sample), '--rulebook', 'jiaxiang');
    expect(new Set(result.findings.map((f) => f.rulebook))).toEqual(new Set(['jiaxiang']));
    expect(result.rulebooks.map((b) => b.id)).toEqual(['jiaxiang']);
  });
});

describe('eldercare-audit check on bad input', () => {
  it('rejects a workbook with errors: exit 2, one JSON document listing every error, on stdout', async () => {
    const file = join(tmp, 'bad.xlsx');
    writeFileSync(
      file,
      await buildWorkbook([
        { name: '机构', rows: [FACILITY_HEADER, ['F1', '甲', '桐乡市', '养老院子', '公办', -3]] },
      ]),
    );
    const { code, result } = runJson('check', file);
    expect(code).toBe(2);
    expect(result.valid).toBe(false);
    expect(result.findings).toEqual([]);
    expect(result.errors.map((e) => [e.code, e.cell])).toEqual([
      ['enum', '机构!D2'],
      ['range', '机构!F2'],
    ]);
  });

  it('rejects a file that is no spreadsheet with not_xlsx, in JSON and in text', () => {
    const file = join(tmp, 'table.xlsx');
    writeFileSync(file, '%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\n');
    const { code, result } = runJson('check', file);
    expect(code).toBe(2);
    expect(result.errors.map((e) => e.code)).toEqual(['not_xlsx']);
    const text = run('check', file);
    expect(text.code).toBe(2);
    expect(text.stdout).toContain('not_xlsx');
  });

  it('rejects a file over --max-size with too_large', async () => {
    const file = join(tmp, 'big.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('机构');
    sheet.addRow(FACILITY_HEADER);
    for (let i = 0; i < 3000; i += 1) sheet.addRow([`F${i}`, `养老院${i}${Math.random()}`, '桐乡市', '养老机构', '公办', i]);
    writeFileSync(file, Buffer.from(await workbook.xlsx.writeBuffer()));
    const { code, result } = runJson('check', file, '--max-size', '0.01');
    expect(code).toBe(2);
    expect(result.errors.map((e) => e.code)).toEqual(['too_large']);
  });

  it('treats misuse as exit 2 with a message on stderr and nothing on stdout', () => {
    for (const args of [
      ['check'],
      ['check', join(tmp, 'missing.xlsx')],
      ['check', 'x.xlsx', '--as-of', '2025-02-30'],
      ['check', 'x.xlsx', '--rulebook', 'atlantis'],
      ['check', 'x.xlsx', '--lang', 'fr'],
      ['check', 'x.xlsx', '--bogus'],
      ['frobnicate'],
    ]) {
      const out = run(...args);
      expect(out.code, args.join(' ')).toBe(2);
      expect(out.stdout, args.join(' ')).toBe('');
      expect(out.stderr, args.join(' ')).toMatch(/eldercare-audit: .+/);
    }
  });
});

describe('eldercare-audit rulebooks and template', () => {
  it('lists every rulebook with its rules, figures and clauses', () => {
    const { code, stdout } = run('rulebooks', '--json');
    expect(code).toBe(0);
    const books = JSON.parse(stdout) as { id: string; rules: { rule: string; clause: string }[] }[];
    expect(books.map((b) => b.id).sort()).toEqual(['anji', 'hongdong', 'jiaxiang', 'tongxiang', 'yaohai']);
    const text = run('rulebooks');
    expect(text.stdout).toContain('staffing.social-worker-per-beds');
    expect(text.stdout).toContain('征求意见稿');
  });

  it('writes a template that the reader accepts unchanged and filled in', async () => {
    const file = join(tmp, 'template.xlsx');
    const out = run('template', file);
    expect(out.code).toBe(0);
    const blank = run('check', file, '--json');
    const blankResult = JSON.parse(blank.stdout) as AuditResult;
    expect(blankResult.valid).toBe(true);
    expect(blankResult.warnings).toEqual([]);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const facilities = workbook.getWorksheet('机构')!;
    const header = Array.from(facilities.getRow(1).values as unknown[], (v) => String(v ?? ''));
    const row = facilities.getRow(2);
    const put = (name: string, value: ExcelJS.CellValue) => {
      const index = header.findIndex((h) => h.replace(/^\*/, '').startsWith(name));
      expect(index, name).toBeGreaterThan(0);
      row.getCell(index).value = value;
    };
    put('机构编号', 'F1');
    put('机构名称', '梧桐养老院');
    put('所属地区', '桐乡市');
    put('机构类型', '养老机构');
    put('运营性质', '公办');
    put('床位总数', 130);
    row.commit();
    const filled = join(tmp, 'filled.xlsx');
    await workbook.xlsx.writeFile(filled);
    const { result } = runJson('check', filled);
    expect(result.valid, JSON.stringify(result.errors)).toBe(true);
    expect(result.findings.some((f) => f.subject.id === 'F1')).toBe(true);
  });
});

describe('eldercare-audit check on several files and a folder', () => {
  const facilities = ['机构编号,机构名称,所属地区,机构类型,运营性质,床位总数', 'TX-001,梧桐街道颐养院,桐乡市,养老机构,公办,130', 'TX-002,崇福镇敬老院,桐乡市,敬老院,公办,80'].join('\n');
  const staff = ['人员编号,机构编号,岗位', 'S-1,TX-001,护士', 'S-2,TX-002,社会工作者'].join('\n');

  it('reads every spreadsheet of a folder as one audit, skipping lock files and other files', () => {
    const dir = mkdtempSync(join(tmp, 'folder-'));
    writeFileSync(join(dir, '机构.csv'), facilities);
    writeFileSync(join(dir, '人员.csv'), staff);
    writeFileSync(join(dir, '.~lock.机构.csv#'), 'lock');
    writeFileSync(join(dir, '说明.docx'), 'not read');
    const { code, result } = runJson('check', dir);
    expect(result.errors).toEqual([]);
    expect(code).not.toBe(2);
    expect(result.workbook.rows).toEqual({ facilities: 2, staff: 2 });
    expect(result.workbook.files!.map((f) => f.file).sort()).toEqual(['人员.csv', '机构.csv'].sort());
  });

  it('names the file of an error among several, and refuses --sheet for more than one file', () => {
    const dir = mkdtempSync(join(tmp, 'files-'));
    writeFileSync(join(dir, '机构.csv'), facilities);
    writeFileSync(join(dir, 'TX-002-人员.csv'), `${staff}\nS-3,TX-009,护士`);
    const { code, result } = runJson('check', join(dir, '机构.csv'), join(dir, 'TX-002-人员.csv'));
    expect(code).toBe(2);
    expect(result.errors.map((e) => [e.code, e.file, e.cell])).toEqual([['unknown_reference', 'TX-002-人员.csv', 'TX-002-人员.csv › TX-002-人员!B4']]);
    const sheet = run('check', join(dir, '机构.csv'), join(dir, 'TX-002-人员.csv'), '--sheet', '机构');
    expect(sheet.code).toBe(2);
    expect(sheet.stderr).toMatch(/--sheet/);
  });

  it('check --db stores several files as one audit with every original; original --file N and rerun read them all', () => {
    const dir = mkdtempSync(join(tmp, 'stored-'));
    // A name with an escape sequence: kept as sent, shown without it.
    const staffName = `TX\u001b[31m-人员.csv`;
    writeFileSync(join(dir, '机构.csv'), facilities);
    writeFileSync(join(dir, staffName), staff);
    const db = join(dir, 'store.db');
    const text = run('check', join(dir, '机构.csv'), join(dir, staffName), '--lang', 'en');
    expect(text.stdout.split('\n')[0]).toContain('机构.csv, TX⟨U+001B⟩[31m-人员.csv');
    expect(text.stdout).not.toContain('\u001b');
    const stored = runJson('check', join(dir, '机构.csv'), join(dir, staffName), '--db', db);
    expect(stored.result.errors).toEqual([]);
    const id = (stored.result as AuditResult & { auditId: string }).auditId;
    expect(id).toMatch(/^\d{8}-/);
    const shown = runJson('show', id, '--db', db).result;
    expect(shown.workbook).toEqual(stored.result.workbook);
    expect(shown.workbook.files!.map((f) => f.file)).toEqual(['机构.csv', staffName]);
    const refused = run('original', id, join(dir, 'out.csv'), '--db', db);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/read 2 files \(1 机构\.csv; 2 TX⟨U\+001B⟩\[31m-人员\.csv\): choose one with --file N/);
    for (const [n, name] of [[1, '机构.csv'], [2, staffName]] as const) {
      expect(run('original', id, join(dir, `out-${n}`), '--file', String(n), '--db', db).code).toBe(0);
      expect(readFileSync(join(dir, `out-${n}`)).equals(readFileSync(join(dir, name)))).toBe(true);
    }
    expect(run('original', id, join(dir, 'out-3'), '--file', '3', '--db', db).code).toBe(2);
    const rerun = runJson('rerun', id, '--db', db).result as AuditResult & { auditId: string };
    expect(rerun.auditId).not.toBe(id);
    expect(rerun.workbook).toEqual(stored.result.workbook);
    expect(rerun.summary).toEqual(stored.result.summary);
  }, 180_000);
});
