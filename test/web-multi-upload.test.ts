// Several files in one upload (issue 19), through the real HTTP server on 127.0.0.1 on both
// engines: a county split into one workbook per facility (.xlsx and .xls) and its region as CSV,
// sent at once, gives the audit of the single workbook and keeps every original byte for byte; a
// bad cell in the third file is refused naming that file, and nothing is stored; too many files,
// too large a total and two files of one name are refused naming the file.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type PostgresServer } from '../bench/postgres-server.js';
import type { AuditResult } from '../server/audit/result.js';
import { checkAndStore } from '../server/web/uploads.js';
import { convertWithLibreOffice, splitIntoCsv } from './support/convert.js';
import { sortedFindings, splitCounty } from './support/county-split.js';
import { ApiContract } from './support/openapi.js';
import { addUser, issueToken, loggedIn, sample, startTestServer, type TestServer } from './support/web.js';

const AS_OF = '2026-10-01';
const LIMITS = { maxUploadFiles: 25, maxUploadTotalBytes: 2 * 1024 * 1024 };
const work = mkdtempSync(join(tmpdir(), 'eldercare-multi-upload-'));
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

interface SentFile {
  name: string;
  bytes: Buffer;
}

/** The county as files: each facility's workbook (every third one .xls), then its region sheets as CSV. */
let county: SentFile[] = [];
/** The same files with a bed count no one can read in the third file. */
let broken: SentFile[] = [];

/** The third file with `total_beds` of its facility typed as words. */
async function withBadCell(file: SentFile): Promise<SentFile> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file.bytes as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet('机构')!;
  let column = 0;
  let headerRow = 0;
  sheet.eachRow((row, r) =>
    row.eachCell((cell, c) => {
      if (String(cell.value ?? '').replace('*', '') === '床位总数') [headerRow, column] = [r, c];
    }),
  );
  sheet.getRow(headerRow + 1).getCell(column).value = '很多张';
  return { name: file.name, bytes: Buffer.from(await workbook.xlsx.writeBuffer()) };
}

beforeAll(async () => {
  const split = await splitCounty();
  const xlsxPaths = split.facilities.map(({ id, bytes }) => {
    const path = join(work, `${id}.xlsx`);
    writeFileSync(path, bytes);
    return path;
  });
  const xls = convertWithLibreOffice(xlsxPaths.filter((_, i) => i % 3 === 1), 'xls', work);
  const facilities = xlsxPaths.map((path, i) => {
    const chosen = i % 3 === 1 ? xls.get(path)! : path;
    return { name: chosen.split('/').at(-1)!, bytes: readFileSync(chosen) };
  });
  const region = (await splitIntoCsv(split.region)).map(({ sheet, text }) => ({ name: `${sheet}.csv`, bytes: Buffer.from(text, 'utf8') }));
  county = [...facilities, ...region];
  broken = [...county];
  broken[2] = await withBadCell(county[2]!);
}, 240_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

function formOf(files: readonly SentFile[], fields: Record<string, string> = {}): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  for (const file of files) form.append('workbook', new Blob([new Uint8Array(file.bytes)]), file.name);
  return form;
}

function suite(engine: string, start: () => Promise<TestServer>): void {
  describe(`several files in one upload (${engine})`, () => {
    let server: TestServer;
    let contract: ApiContract;
    let token = '';

    beforeAll(async () => {
      server = await start();
      contract = await ApiContract.load(server.url);
      token = await issueToken(server.users, await addUser(server.users, 'inspector', 'inspector'));
      await addUser(server.users, 'wang', 'facility_manager', ['anji:AJ-001']);
    }, 120_000);
    afterAll(() => server?.close());

    async function api(path: string, init: RequestInit = {}): Promise<Response> {
      const reply = await fetch(new URL(path, server.url), { ...init, headers: { authorization: `Bearer ${token}` } });
      await contract.check(init.method ?? 'GET', path, reply);
      return reply;
    }
    const post = (files: readonly SentFile[]) => api('/api/audits', { method: 'POST', body: formOf(files, { asOf: AS_OF }) });
    const stored = async () => (await server.store.listAudits({ limit: 1000 })).length;

    it('a county sent as one file per facility (.xlsx, .xls) and its region CSVs gives the audit of the single workbook; every original downloads byte for byte', async () => {
      const single = (await (await post([{ name: 'anji.xlsx', bytes: await sample('anji.xlsx') }])).json()) as AuditResult;
      expect(single.valid).toBe(true);
      expect(county.filter((f) => f.name.endsWith('.xls')).length).toBeGreaterThanOrEqual(2);
      const reply = await post(county);
      const several = (await reply.json()) as AuditResult & { auditId: string };
      expect(several.errors).toEqual([]);
      expect(reply.status).toBe(201);
      expect(several.workbook.rows).toEqual(single.workbook.rows);
      expect(several.summary).toEqual(single.summary);
      expect(sortedFindings(several)).toEqual(sortedFindings(single));
      expect(several.workbook.files!.map((f) => [f.file, f.sha256, f.size])).toEqual(county.map((f) => [f.name, sha256(f.bytes), f.bytes.length]));
      // The stored audit is the one answered.
      const { auditId, ...answered } = several;
      const again = (await (await api(`/api/audits/${auditId}`)).json()) as AuditResult & { auditId: string };
      expect({ ...again, auditId: undefined }).toEqual({ ...answered, auditId: undefined });

      const listed = (await (await api(`/api/audits/${auditId}/originals`)).json()) as { files: { n: number; file: string; size: number; sha256: string; mediaType: string; href: string }[] };
      expect(listed.files.map((f) => [f.n, f.file, f.size, f.sha256])).toEqual(county.map((f, i) => [i + 1, f.name, f.bytes.length, sha256(f.bytes)]));
      expect(new Set(listed.files.map((f) => f.mediaType))).toEqual(new Set(['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/vnd.ms-excel', 'text/csv']));
      for (const file of listed.files) {
        const download = await api(file.href);
        expect(download.status).toBe(200);
        expect(download.headers.get('content-type')).toBe(file.mediaType);
        expect(sha256(Buffer.from(await download.arrayBuffer())), file.file).toBe(file.sha256);
      }
      // On the audit page: each file, each link downloading its bytes.
      const inspector = await loggedIn(server.url, 'inspector');
      const page = await inspector.get(`/audits/${auditId}`);
      for (const [i, file] of county.entries()) expect(page.text).toContain(`href="/audits/${auditId}/originals/${i + 1}" download>${file.name}</a>`);
      const third = await inspector.get(`/audits/${auditId}/originals/3`);
      expect(third.bytes.equals(county[2]!.bytes)).toBe(true);
      expect(third.headers.get('content-disposition')).toContain(encodeURIComponent(county[2]!.name));
      // A manager never downloads originals (they hold every facility).
      const manager = await loggedIn(server.url, 'wang');
      expect((await manager.get(`/audits/${auditId}/originals/1`)).status).toBe(403);
    }, 300_000);

    it('a bad cell in the third file is refused naming that file and its cell; nothing is stored', async () => {
      const before = await stored();
      const reply = await post(broken);
      expect(reply.status).toBe(422);
      const result = (await reply.json()) as AuditResult;
      expect(result.errors.map((e) => [e.code, e.file])).toEqual([['type', broken[2]!.name]]);
      expect(result.errors[0]!.cell).toMatch(new RegExp(`^${broken[2]!.name.replace('.', '\\.')} › 机构!`));
      expect(result.errors[0]!.message.zh).toContain(`${broken[2]!.name} › 机构!`);
      expect(await stored()).toBe(before);
    }, 300_000);

    it('too many files, too large a total and two files of one name are refused naming the file; nothing is stored', async () => {
      const before = await stored();
      const many = Array.from({ length: LIMITS.maxUploadFiles + 1 }, (_, i) => ({ name: `机构-${i + 1}.csv`, bytes: Buffer.from('机构编号\n') }));
      const tooMany = await post(many);
      expect(tooMany.status).toBe(413);
      const manyBody = (await tooMany.json()) as { error: string; message: { zh: string; en: string }; errors: { code: string; file?: string }[] };
      expect(manyBody.error).toBe('tooLarge');
      expect(manyBody.message.zh).toBe(`一次最多上传 25 个文件，“机构-26.csv”是第 26 个；未保存任何内容。请合并部分文件后重新上传。`);
      expect(manyBody.message.en).toMatch(/At most 25 files .* "机构-26\.csv" is file 26/);
      expect(manyBody.errors).toEqual([expect.objectContaining({ code: 'too_large', file: '机构-26.csv' })]);

      const big = (name: string) => ({ name, bytes: Buffer.alloc(700 * 1024, 0x41) });
      const tooLarge = await post([big('一.csv'), big('二.csv'), big('三.csv')]);
      expect(tooLarge.status).toBe(413);
      const largeBody = (await tooLarge.json()) as { message: { zh: string; en: string }; errors: { file?: string }[] };
      expect(largeBody.message.zh).toBe('一次上传的全部文件合计不得超过 2 MB，到“三.csv”时已超出；未保存任何内容。');
      expect(largeBody.message.en).toMatch(/at most 2 MB together, and with "三\.csv" they exceed it/);
      expect(largeBody.errors[0]!.file).toBe('三.csv');

      const twice = await post([county[0]!, county[0]!]);
      expect(twice.status).toBe(400);
      const twiceBody = (await twice.json()) as { error: string; field: string; message: { en: string } };
      expect([twiceBody.error, twiceBody.field]).toEqual(['sameFileName', 'workbook']);
      expect(twiceBody.message.en).toContain(`Two files are named "${county[0]!.name}"`);

      // The page answers the same refusals in the reader's language.
      const inspector = await loggedIn(server.url, 'inspector');
      await inspector.get('/upload?lang=en');
      const form = formOf(many, { _csrf: inspector.lastCsrf });
      const page = await inspector.request('POST', '/audits', { body: form });
      expect(page.status).toBe(413);
      expect(page.text).toContain('and &#34;机构-26.csv&#34; is file 26');
      expect(await stored()).toBe(before);
    }, 120_000);

    it('the upload page takes several files and the form posts them as one audit', async () => {
      const inspector = await loggedIn(server.url, 'inspector');
      const form = await inspector.get('/upload');
      expect(form.text).toMatch(/<input type="file" name="workbook" [^>]*multiple/);
      expect(form.text).toContain('.xls');
      const files = [county[0]!, county[1]!, ...county.slice(-2)];
      const reply = await inspector.request('POST', '/audits', { body: formOf(files, { _csrf: inspector.lastCsrf, asOf: AS_OF }) });
      expect(reply.status).toBe(303);
      const id = reply.location!.split('/').pop()!;
      expect((await server.store.listOriginals(id))!.map((f) => f.fileName)).toEqual(files.map((f) => f.name));
    }, 120_000);

    it("a manager's corrected files are held to their facilities however many files hold them", async () => {
      const before = await stored();
      const restriction = { allowed: [{ jurisdiction: 'anji', id: 'AJ-001' }], required: { jurisdiction: 'anji', id: 'AJ-001' } };
      const own = county.find((f) => f.name.startsWith('AJ-001'))!;
      const foreign = county.find((f) => f.name.startsWith('AJ-002'))!;
      const refused = await checkAndStore(server.store, { files: [own, foreign], uploadedBy: 'wang', restriction, asOf: AS_OF }, 20 * 1024 * 1024);
      expect(refused.auditId).toBeNull();
      expect(refused.auditId === null && refused.refused).toMatch(/AJ-002.*nothing was stored/);
      expect(await stored()).toBe(before);
      const accepted = await checkAndStore(server.store, { files: [own], uploadedBy: 'wang', restriction, asOf: AS_OF }, 20 * 1024 * 1024);
      expect(accepted.auditId).not.toBeNull();
    }, 120_000);
  });
}

suite('SQLite', () => startTestServer(LIMITS));

let postgres: PostgresServer | undefined;
afterAll(() => postgres?.stop());
suite('PostgreSQL', async () => {
  postgres = await startPostgres();
  return startTestServer(LIMITS, await postgres.createDatabase());
});
