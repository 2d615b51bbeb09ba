// Catalogue 2 (../shared/spec/rules.md, "Rules added in catalogue 2"): the 16 rules and their 20
// rulebook entries reach every output: the samples (each rule met somewhere and missed
// somewhere), `rulebooks`, the CLI's text and JSON, the PDFs, the web pages and the comparisons.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectPath } from '../checks/paths.js';
import { RULES } from '../checks/registry.js';
import { defaultRulebooks } from '../checks/rulebook.js';
import type { Status } from '../checks/types.js';
import { checkWorkbook } from '../server/audit/check.js';
import type { AuditResult } from '../server/audit/result.js';
import { acrossRulebooks } from '../server/compare/across-rulebooks.js';
import { buildMatrix } from '../server/compare/matrix.js';
import { writeReport } from '../server/report/render.js';
import { readPdf } from './support/pdf.js';
import { addUser, loggedIn, sample, startTestServer, type TestServer, type WebClient } from './support/web.js';

const CATALOGUE_2 = [
  'equipment.smart-service-terminal',
  'network.township-care-alliance-coverage',
  'network.care-alliances',
  'network.smart-care-homes',
  'network.dementia-care-institution',
  'network.meal-service-coverage',
  'network.community-facility-coverage',
  'network.willing-special-hardship-centralized',
  'operation.community-socialized',
  'operation.community-institution-run',
  'quality.service-quality-standard',
  'quality.service-safety-standard',
  'workforce.training-person-times',
  'workforce.caregiver-training-person-times',
  'homes.age-friendly-retrofits',
  'homes.retrofit-coverage',
];
const BIN = projectPath('dist/server/cli/main.js');
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
const samples = readdirSync(projectPath('samples')).filter((name) => name.endsWith('.xlsx'));
const checked = new Map<string, Awaited<ReturnType<typeof checkWorkbook>>>();
async function audit(name: string) {
  if (!checked.has(name)) checked.set(name, await checkWorkbook(readFileSync(projectPath('samples', name)), { fileName: name }));
  return checked.get(name)!;
}

describe('catalogue 2: the rules and the rulebooks', () => {
  it('46 rules, 64 entries, the 16 new rules each in a rulebook, every new entry read as the spec reads it', () => {
    const books = defaultRulebooks();
    expect(RULES).toHaveLength(46);
    expect(books.reduce((n, book) => n + book.rules.length, 0)).toBe(64);
    const used = new Set(books.flatMap((book) => book.rules.map((entry) => entry.rule)));
    for (const id of CATALOGUE_2) expect(used.has(id), id).toBe(true);
    expect(RULES.map((rule) => rule.meta.unit)).toEqual(expect.arrayContaining(['person_times', 'households']));
  });

  it('`rulebooks --json` gives each new target its figure, due date, clause, quote and reading; the text lists them', () => {
    const listed = JSON.parse(run('rulebooks', '--json').stdout) as { id: string; rules: { rule: string; due: string | null; quote: string; reading?: { zh: string; en: string } }[] }[];
    const entry = (book: string, rule: string) => listed.find((b) => b.id === book)!.rules.find((r) => r.rule === rule)!;
    expect(entry('tongxiang', 'network.smart-care-homes')).toMatchObject({ due: '2025-12-31', quote: '建成智慧养老院5家。', reading: { zh: expect.stringContaining('该节目标期限为2025年') } });
    expect(entry('jiaxiang', 'homes.age-friendly-retrofits').reading?.en).toContain('the 200 for 2023 alone is a one-year target');
    const text = run('rulebooks').stdout;
    for (const id of CATALOGUE_2) expect(text, id).toContain(id);
    expect(text).toContain('康养联合体乡镇（街道）覆盖率 [不低于 100%，乡镇与街道合计] 二(二)6 达标期限 2025-12-31');
    expect(text).toContain('康养联合体乡镇（街道）覆盖率 [不低于 100%，只计乡镇]');
    expect(text).toContain('养老服务领域专业培训人次 [不低于 1,125 人次]');
    expect(text).toContain('特殊困难老年人家庭适老化改造户数 [不低于 29 户]');
    expect(text).toContain('乡镇（街道）居家养老服务中心配备智能服务终端 二(六)18\n');
    expect(text).toContain('共 5 个规则集 · 46 条规则 · 64 项指标');
    const en = run('rulebooks', '--lang', 'en').stdout;
    expect(en).toContain('[at least 100%, towns only]');
    expect(en).toContain('5 rulebooks · 46 rules · 64 entries');
  });
});

describe('catalogue 2 in the samples', () => {
  it('every new rule is met in one sample and missed in another', async () => {
    const seen = new Map<string, Set<Status>>();
    for (const name of samples) {
      const { result } = await audit(name);
      expect(result.valid, name).toBe(true);
      for (const finding of result.findings) {
        if (!CATALOGUE_2.includes(finding.rule)) continue;
        if (!seen.has(finding.rule)) seen.set(finding.rule, new Set());
        seen.get(finding.rule)!.add(finding.status);
      }
    }
    for (const id of CATALOGUE_2) {
      expect([...(seen.get(id) ?? [])], id).toContain('pass');
      expect([...(seen.get(id) ?? [])], id).toContain('fail');
    }
  });
});

describe('catalogue 2 in every output', () => {
  it('CLI text and JSON: the findings with their arithmetic, clause and reading', () => {
    const text = run('check', projectPath('samples/tongxiang.xlsx'));
    expect(text.stdout).toContain('智慧养老院数量 — 已建成智慧养老院 4 家，要求 5 家');
    expect(text.stdout).toContain('[tongxiang 二(二)7]');
    const en = run('check', projectPath('samples/anji.xlsx'), '--lang', 'en');
    expect(en.stdout).toContain('Township and sub-district home-care centres have a smart service terminal');
    const json = JSON.parse(run('check', projectPath('samples/yaohai.xlsx'), '--json').stdout) as AuditResult;
    const training = json.findings.find((f) => f.rule === 'workforce.training-person-times')!;
    expect(training).toMatchObject({ status: 'pass', measured: 1240, required: 1125, unit: 'person_times', source: { clause: '二(三)12' } });
    expect(training.source.reading?.zh).toContain('按“十四五”期间（2021年起）累计人次计');
  });

  it('the audit PDF shows the region targets with reading; the facility PDF its centre’s terminal', async () => {
    const pdfText = async (name: string, facility?: string) => {
      const out = new PassThrough();
      const chunks: Buffer[] = [];
      out.on('data', (chunk: Buffer) => chunks.push(chunk));
      const options = { auditId: null, generatedAt: '2026-12-01T00:00:00.000Z', lang: 'zh' as const, ...(facility ? { facility } : {}) };
      await writeReport((await audit(name)).result, options, out);
      return (await readPdf(Buffer.concat(chunks))).map((page) => page.text).join('\n').replace(/\s+/g, '');
    };
    const report = await pdfText('tongxiang.xlsx');
    expect(report).toContain('社区养老服务设施社会化运营率');
    expect(report).toContain('以社会化运营的社区养老服务设施为分母');
    const centre = await pdfText('anji.xlsx', 'AJ-005');
    expect(centre).toContain('乡镇（街道）居家养老服务中心配备智能服务终端');
    expect(centre).toContain('实有0套');
  });

  it('the matrix gains the facility rule as a column, absent where a rulebook lacks it', async () => {
    const { result, facts } = await audit('county-mix.xlsx');
    const matrix = buildMatrix(result, facts!);
    const column = matrix.rules.findIndex((rule) => rule.id === 'equipment.smart-service-terminal');
    expect(column).toBeGreaterThanOrEqual(0);
    const cell = (id: string) => matrix.rows.find((row) => row.facility.facility_id === id)!.cells[column];
    expect(cell('MX-AJ-1')).toBe('not_applicable');
    expect(cell('MX-TX-1')).toBeNull();
  });

  it('across rulebooks: a county without such a target shows "not in this rulebook", never a pass', async () => {
    const { result, facts } = await audit('tongxiang.xlsx');
    const view = acrossRulebooks(result, facts!, defaultRulebooks(), 'jiaxiang');
    const row = (rule: string) => view.rows.find((r) => r.rule === rule && r.subject.kind === 'region')!;
    expect(row('network.care-alliances').audited?.status).toBe('pass');
    expect(row('network.care-alliances').other).toBeNull();
    expect(row('network.community-facility-coverage').audited).toBeNull();
    expect(row('network.community-facility-coverage').other?.status).toBe('insufficient_data');
  });
});

describe('catalogue 2 on the web', () => {
  let server: TestServer;
  let inspector: WebClient;
  beforeAll(async () => {
    server = await startTestServer();
    await addUser(server.users, 'inspector', 'inspector');
    inspector = await loggedIn(server.url, 'inspector');
  });
  afterAll(() => server.close());

  it('the audit page, the facility page and the rulebooks page show the new targets', async () => {
    await inspector.get('/upload');
    const posted = await inspector.postWorkbook('/audits', await sample('anji.xlsx'), 'anji.xlsx');
    expect(posted.status).toBe(303);
    const page = await inspector.get(`${posted.location!}?rule=network.meal-service-coverage`);
    expect(page.text).toContain('村（社区）助餐、送餐服务覆盖率');
    expect(page.text).toContain('按村（社区）计');
    const centre = await inspector.get('/facilities/anji/AJ-005');
    expect(centre.status).toBe(200);
    expect(centre.text).toContain('乡镇（街道）居家养老服务中心配备智能服务终端');
    const books = await inspector.get('/rulebooks?lang=en');
    expect(books.text).toContain('network.willing-special-hardship-centralized');
    expect(books.text).toContain('愿进全进 means every special-hardship elderly person who wishes for centralized care receives it');
  });
});
