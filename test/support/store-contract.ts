// The behaviour every store engine must share, written once and run against each engine
// (SQLite and PostgreSQL): round trips, de-duplication, history queries, immutability, a writer
// killed mid-write, and two writers at once. Engines differ only in how a test reaches their
// tables directly (`query`).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectPath } from '../../checks/paths.js';
import { openStore } from '../../server/store/index.js';
import type { AuditStore } from '../../server/store/types.js';
import type { Finding } from '../../checks/finding.js';
import { resultSource, storeSource } from '../../server/report/source.js';
import { auditOf, auditOfFiles, countyFacts } from './store-audits.js';
import { workbookFacts } from './facts.js';

export interface TestEngine {
  name: string;
  /** A location (file path or URL) of a new, empty store. */
  newLocation(): Promise<string>;
  /** Runs SQL directly against the store's tables (for what the interface deliberately hides). */
  query<T>(location: string, sql: string): Promise<T[]>;
  /** A scratch directory for the engine's files. */
  dir: string;
}

/** Every finding of a source's pages, in order. */
async function collect(pages: AsyncIterable<readonly Finding[]>): Promise<Finding[]> {
  const all: Finding[] = [];
  for await (const page of pages) all.push(...page);
  return all;
}

const count = (table: string, where = '') => `SELECT CAST(count(*) AS INTEGER) AS n FROM ${table} ${where}`;

export function storeContract(engine: () => TestEngine): void {
  const stores: AuditStore[] = [];
  const open = async (location?: string) => {
    const store = openStore(location ?? (await engine().newLocation()));
    stores.push(store);
    return store;
  };
  afterAll(async () => {
    for (const store of stores) await store.close().catch(() => undefined);
  });

  describe('the store', () => {
    it('returns a stored audit with the same findings, the same facts and the original byte for byte', async () => {
      const store = await open();
      const bytes = Buffer.from('pretend xlsx bytes 1');
      const audit = auditOf(countyFacts(5), bytes);
      const id = await store.saveAudit(audit);
      const stored = await store.getAudit(id);
      expect(stored!.result).toEqual(audit.result);
      expect(stored!.auditId).toBe(id);
      const original = await store.getOriginal(id);
      expect(original!.bytes.equals(bytes)).toBe(true);
      expect(await store.getFacts(id)).toEqual({ ...audit.facts, sheets: { facilities: true, staff: true, region: true, residential_areas: false, sites: false } });
      expect(await store.getAudit('nope')).toBeNull();
      expect(await store.getFacts('nope')).toBeNull();
      expect(await store.getOriginal('nope')).toBeNull();
    });

    it('reads one facility of an audit: its findings in order, the rest of the audit as stored', async () => {
      const store = await open();
      const audit = auditOf(countyFacts(5), Buffer.from('pretend xlsx bytes scoped'));
      const id = await store.saveAudit(audit);
      const facility = audit.result.findings.find((f) => f.subject.kind === 'facility')!.subject.id;
      const scoped = await store.getAudit(id, { facility });
      const own = audit.result.findings.filter((f) => f.subject.kind === 'facility' && f.subject.id === facility);
      expect(own.length).toBeGreaterThan(0);
      expect(own.length).toBeLessThan(audit.result.findings.length);
      expect(scoped!.result).toEqual({ ...audit.result, findings: own });
      expect((await store.getAudit(id, { facility: 'NO-SUCH' }))!.result.findings).toEqual([]);
      expect(await store.getAudit('nope', { facility })).toBeNull();
    });

    it('reads an audit’s findings a page at a time: each exactly once and in order, the issues in the report’s order', async () => {
      const store = await open();
      const audit = auditOf(countyFacts(40), Buffer.from('paged findings'));
      const id = await store.saveAudit(audit);
      // Another audit in the same store must not leak into the pages.
      await store.saveAudit(auditOf(countyFacts(7), Buffer.from('paged neighbour')));
      const all = audit.result.findings;
      const walk = async (order: 'stored' | 'issues', limit: number, scope?: { facility: string }) => {
        const seen: { position: number; finding: unknown }[] = [];
        for (let after = -1; ; ) {
          const page = await store.findingsPage(id, { order, after: order === 'stored' ? after : seen.length, limit, ...(scope ? { scope } : {}) });
          expect(page.length).toBeLessThanOrEqual(limit);
          if (page.length === 0) return seen;
          seen.push(...page);
          after = page.at(-1)!.position;
        }
      };
      // A page size that does not divide the audit, so the last page is short.
      const stored = await walk('stored', 7);
      expect(all.length % 7).not.toBe(0);
      expect(stored.map((row) => row.position)).toEqual(all.map((_, i) => i));
      expect(stored.map((row) => row.finding)).toEqual(all);
      // The issues: failures then warnings, the largest relative shortfall first, else stored order
      // (as the report sorted them in memory: resultSource).
      const issues = (await walk('issues', 6)).map((row) => row.finding);
      const expected = await collect(resultSource(audit.result).pages('issues'));
      expect(issues.length).toBeGreaterThan(6);
      expect(new Set(issues.map((f) => (f as Finding).shortfall)).size).toBeGreaterThan(2);
      expect(issues).toEqual(expected);
      // One facility's findings, and through the report's source the same pages.
      const facility = all.find((f) => f.subject.kind === 'facility')!.subject.id;
      const own = all.filter((f) => f.subject.kind === 'facility' && f.subject.id === facility);
      expect((await walk('stored', 2, { facility })).map((row) => row.finding)).toEqual(own);
      expect(await collect(storeSource(store, id, audit.result).pages('stored'))).toEqual(all);
      expect(await store.findingsPage('nope', { order: 'stored', after: -1, limit: 10 })).toEqual([]);
      const head = await store.getAuditHead(id);
      expect(head!.result).toEqual({ ...audit.result, findings: [] });
      expect(await store.getAuditHead('nope')).toBeNull();
    });

    it('gives back text and numbers exactly: escapes, control characters, any script, values longer than a chunk of the load', async () => {
      const store = await open();
      // What a text COPY would have to escape (\\ \t \n \r, \\N), quotes, surrogate pairs, and
      // strings past the PostgreSQL loader's 256 KB chunks (one past 1 MB, its send buffer).
      const awkward = ['back\\slash \\N \\\\', 'tab\there', 'new\nline\r\nCRLF', '"quoted", \'single\'', '养老院 😀 𝌆 é', '\u0001\u001f\u007f'];
      const long = '长'.repeat(300_000);
      const longer = 'x\\'.repeat(600_000);
      const facts = countyFacts(4);
      const ids = new Map(facts.facilities.map((f, i) => [f.facility_id, `${awkward[i]!}${i}`]));
      facts.facilities.forEach((f, i) => Object.assign(f, { facility_id: ids.get(f.facility_id)!, name: `${awkward[i + 1]!}${i === 0 ? longer : ''}` }));
      facts.staff.forEach((m, i) => Object.assign(m, { facility_id: ids.get(m.facility_id)!, staff_id: `${awkward[i % awkward.length]!}${i}` }));
      const audit = auditOf(facts, Buffer.from('awkward text'));
      const numbers = [0.1 + 0.2, 1e-300, 1.7976931348623157e308, -123456789.98765433, 5e-324];
      audit.result.findings.forEach((f, i) => {
        f.message = { zh: `${awkward[i % awkward.length]!}${i === 1 ? long : ''}`, en: awkward[(i + 1) % awkward.length]! };
        if (f.measured !== null) f.measured = numbers[i % numbers.length]!;
      });
      const id = await store.saveAudit(audit);
      expect((await store.getAudit(id))!.result).toEqual(audit.result);
      expect((await store.getFacts(id))!.facilities.map((f) => f.name)).toEqual(facts.facilities.map((f) => f.name));
      expect((await store.getFacts(id))!.staff).toEqual(facts.staff);
    });

    it('gives back the staff in sheet order when the sheet interleaves facilities', async () => {
      const store = await open();
      const facts = countyFacts(3);
      const interleaved = workbookFacts({ ...facts, staff: [...facts.staff].reverse().map((m, i) => ({ ...m, row: i + 2 })) });
      const id = await store.saveAudit(auditOf(interleaved, Buffer.from('interleaved')));
      expect((await store.getFacts(id))!.staff).toEqual(interleaved.staff);
    });

    it('stores the same bytes once however often they are uploaded', async () => {
      const location = await engine().newLocation();
      const store = await open(location);
      const bytes = Buffer.from('same bytes');
      await store.saveAudit(auditOf(countyFacts(2), bytes, 'a.xlsx'));
      await store.saveAudit(auditOf(countyFacts(2), bytes, 'b.xlsx'));
      expect(await engine().query(location, count('uploads'))).toEqual([{ n: 1 }]);
      expect(await engine().query(location, count('audits'))).toEqual([{ n: 2 }]);
    });

    it('keeps every file of an audit of several, in order, byte for byte, with its name as sent, size, sha256 and media type; identical bytes once', async () => {
      const location = await engine().newLocation();
      const store = await open(location);
      const xlsx = Buffer.concat([Buffer.from('504b0304', 'hex'), Buffer.from('pretend xlsx of TX-001')]);
      const xls = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.from('pretend xls of TX-002')]);
      const csv = Buffer.from('jurisdiction,population\ntongxiang,1\n');
      const files = [
        { name: 'TX-001.xlsx', bytes: xlsx },
        { name: 'TX-002 \u001b[31m.xls', bytes: xls },
        { name: '地区.csv', bytes: csv },
      ];
      const audit = auditOfFiles(countyFacts(3), files);
      const id = await store.saveAudit(audit);
      expect((await store.getAudit(id))!.result).toEqual(audit.result);
      expect((await store.listAudits())[0]).toMatchObject({ auditId: id, sha256: audit.result.workbook.sha256, fileName: audit.result.workbook.file });
      const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
      expect(await store.listOriginals(id)).toEqual([
        { position: 0, fileName: 'TX-001.xlsx', size: xlsx.length, sha256: sha(xlsx), mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
        { position: 1, fileName: 'TX-002 \u001b[31m.xls', size: xls.length, sha256: sha(xls), mediaType: 'application/vnd.ms-excel' },
        { position: 2, fileName: '地区.csv', size: csv.length, sha256: sha(csv), mediaType: 'text/csv' },
      ]);
      for (const [position, file] of files.entries()) {
        const original = await store.getOriginal(id, position);
        expect(original!.bytes.equals(file.bytes)).toBe(true);
        expect(original!.fileName).toBe(file.name);
      }
      expect((await store.getOriginal(id))!.bytes.equals(xlsx)).toBe(true);
      expect(await store.getOriginal(id, 3)).toBeNull();
      expect(await store.listOriginals('nope')).toBeNull();
      // The same region file sent again with other facility files is stored once.
      await store.saveAudit(auditOfFiles(countyFacts(3), [{ name: 'TX-003.xlsx', bytes: Buffer.from('another facility') }, files[2]!]));
      expect(await engine().query(location, count('uploads'))).toEqual([{ n: 4 }]);
      expect(await engine().query(location, count('audit_files'))).toEqual([{ n: 5 }]);
      await expect(engine().query(location, `DELETE FROM audit_files WHERE audit_id = '${id}'`)).rejects.toThrow(/immutable/);
      await expect(engine().query(location, `UPDATE audit_files SET file_name = 'x' WHERE audit_id = '${id}'`)).rejects.toThrow(/immutable/);
    });

    it('lists the one file of an audit of one file, and reads that audit as before (no files list)', async () => {
      const store = await open();
      const bytes = Buffer.from('one,file\n');
      const audit = auditOf(countyFacts(2), bytes, '机构.csv');
      const id = await store.saveAudit(audit);
      expect((await store.getAudit(id))!.result.workbook).toEqual(audit.result.workbook);
      expect((await store.listOriginals(id))!.map((f) => [f.position, f.fileName, f.mediaType])).toEqual([[0, '机构.csv', 'text/csv']]);
    });

    it('lists audits newest first, by facility and by jurisdiction', async () => {
      const store = await open();
      const first = await store.saveAudit(auditOf(countyFacts(3), Buffer.from('one')));
      const second = await store.saveAudit(auditOf(countyFacts(1), Buffer.from('two')));
      expect((await store.listAudits()).map((a) => a.auditId)).toEqual([second, first]);
      expect((await store.listAudits({ facility: 'F2' })).map((a) => a.auditId)).toEqual([first]);
      expect((await store.listAudits({ jurisdiction: 'tongxiang' })).length).toBe(2);
      expect(await store.listAudits({ jurisdiction: 'anji' })).toEqual([]);
      expect((await store.listAudits({ limit: 1, offset: 1 })).map((a) => a.auditId)).toEqual([first]);
      expect((await store.listAudits())[0]).toMatchObject({ rulebooks: ['tongxiang'], fileName: 'county.xlsx', rerunOf: null });
    });

    it('keeps audits immutable: updates and deletes are refused', async () => {
      const location = await engine().newLocation();
      const store = await open(location);
      const id = await store.saveAudit(auditOf(countyFacts(1), Buffer.from('immutable')));
      await expect(engine().query(location, `UPDATE audits SET as_of = '2000-01-01' WHERE id = '${id}'`)).rejects.toThrow(/immutable/);
      await expect(engine().query(location, `DELETE FROM findings WHERE audit_id = '${id}'`)).rejects.toThrow(/immutable/);
      await expect(engine().query(location, `DELETE FROM staff_rosters WHERE audit_id = '${id}'`)).rejects.toThrow(/immutable/);
      await expect(engine().query(location, `DELETE FROM audit_rulebooks WHERE audit_id = '${id}'`)).rejects.toThrow(/immutable/);
      expect((await store.getAudit(id))!.result.asOf).toBe('2025-12-31');
    });
  });

  /** A child process that stores the audit in `auditFile` into `location` over and over. */
  function writer(location: string, auditFile: string, times: number) {
    const script = `
      const { readFileSync } = require('node:fs');
      import(${JSON.stringify(projectPath('dist/server/store/index.js'))}).then(async ({ openStore }) => {
        const audit = JSON.parse(readFileSync(${JSON.stringify(auditFile)}, 'utf8'));
        audit.bytes = Buffer.from(audit.bytes, 'base64');
        const store = openStore(${JSON.stringify(location)});
        for (let i = 0; i < ${times}; i++) {
          audit.bytes = Buffer.concat([audit.bytes.subarray(0, 16), Buffer.from(String(process.pid) + '-' + i)]);
          await store.saveAudit(audit);
          process.stdout.write('saved\\n');
        }
        await store.close();
      });`;
    return spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  }

  function auditFile(n: number): string {
    const audit = auditOf(countyFacts(n), Buffer.from('0123456789abcdef'));
    const file = join(engine().dir, `audit-${engine().name}-${n}.json`);
    writeFileSync(file, JSON.stringify({ ...audit, bytes: audit.bytes.toString('base64') }));
    return file;
  }

  async function consistency(location: string) {
    const audits = await engine().query<{ id: string; total: number }>(location, 'SELECT id, pass + warn + fail + not_applicable + insufficient_data AS total FROM audits');
    const findingCounts = new Map(
      (await engine().query<{ audit_id: string; n: number }>(location, 'SELECT audit_id, CAST(count(*) AS INTEGER) AS n FROM findings GROUP BY audit_id')).map((r) => [r.audit_id, r.n]),
    );
    const [orphans] = await engine().query<{ n: number }>(
      location,
      `SELECT CAST((SELECT count(*) FROM findings WHERE audit_id NOT IN (SELECT id FROM audits))
                 + (SELECT count(*) FROM facts WHERE audit_id NOT IN (SELECT id FROM audits))
                 + (SELECT count(*) FROM staff_rosters WHERE audit_id NOT IN (SELECT id FROM audits))
                 + (SELECT count(*) FROM audit_rulebooks WHERE audit_id NOT IN (SELECT id FROM audits))
                 + (SELECT count(*) FROM uploads WHERE id NOT IN (SELECT upload_id FROM audits)) AS INTEGER) AS n`,
    );
    return { audits, findingCounts, orphans: orphans!.n };
  }

  describe('atomicity and concurrency', () => {
    it('a writer killed with SIGKILL mid-write leaves no trace of its partial audit', async () => {
      const location = await engine().newLocation();
      const store = await open(location);
      const earlier = await store.saveAudit(auditOf(countyFacts(3), Buffer.from('earlier audit')));
      const child = writer(location, auditFile(1500), 1000);
      let saved = 0;
      await new Promise<void>((resolve) => {
        child.stdout.on('data', (chunk: Buffer) => {
          saved += chunk.toString().split('saved').length - 1;
          // Kill after a few complete audits, while the next is being written.
          if (saved >= 3) setTimeout(() => child.kill('SIGKILL'), 15 + Math.floor(Math.random() * 30));
        });
        child.on('exit', () => resolve());
      });
      const state = await consistency(location);
      expect(state.orphans).toBe(0);
      expect(state.audits.length).toBeGreaterThanOrEqual(4);
      for (const audit of state.audits) expect(state.findingCounts.get(audit.id) ?? 0).toBe(audit.total);
      expect((await store.getAudit(earlier))!.result.findings.length).toBeGreaterThan(0);
    });

    it('two processes storing audits at the same time both succeed', async () => {
      const location = await engine().newLocation();
      await (await open(location)).listAudits(); // migrate first, as the app does at start
      const file = auditFile(300);
      const runs = [writer(location, file, 5), writer(location, file, 5)];
      const codes = await Promise.all(runs.map((child) => new Promise<number | null>((resolve) => child.on('exit', resolve))));
      expect(codes).toEqual([0, 0]);
      const state = await consistency(location);
      expect(state.audits.length).toBe(10);
      expect(state.orphans).toBe(0);
      for (const audit of state.audits) expect(state.findingCounts.get(audit.id)).toBe(audit.total);
    });
  });
}
