// npm run bench:load: the web app under load. Starts one or more instances of `eldercare-audit
// serve` on 127.0.0.1 (on one SQLite file, or on one PostgreSQL database), sends concurrent API
// uploads of a seeded 1,000-facility workbook while a logged-in browser-like client keeps loading
// pages from every instance, and reports upload throughput, page-load percentiles and every
// error. Bounded in count and in time; exits 1 on any error or a missed target.
//
//   node dist/bench/load.js [--uploads 20] [--facilities 1000] [--instances 1] [--db sqlite|postgres|URL] [--timeout 600] [--cli PATH]
//
// --cli serves another build (`--cli /elsewhere/dist/server/cli/main.js`) under the same load,
// for A/B pairs on one machine.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CLI } from './child.js';
import { FULL_COUNTY, scaled, writeCountyWorkbook } from './county-workbook.js';
import { startPostgres, type PostgresServer } from './postgres-server.js';
import { login } from './web-login.js';

const { values } = parseArgs({
  options: {
    uploads: { type: 'string', default: '20' },
    facilities: { type: 'string', default: '1000' },
    instances: { type: 'string', default: '1' },
    db: { type: 'string', default: 'sqlite' },
    timeout: { type: 'string', default: '600' },
    cli: { type: 'string', default: CLI },
  },
});
const UPLOADS = Number(values.uploads);
const INSTANCES = Number(values.instances);
const DEADLINE = Date.now() + Number(values.timeout) * 1000;
const PASSWORD = 'bench-load-password-2026';
const PAGE_P95_TARGET_MS = 300;
const log = (text: string) => process.stderr.write(`${text}\n`);

function cli(args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [values.cli!, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('close', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`eldercare-audit ${args[0]}: ${err}`))));
    child.stdin.end(input ?? '');
  });
}

/** `serve --port 0`; resolves with its URL from the first line it prints. */
function serve(db: string): Promise<{ url: string; process: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [values.cli!, 'serve', '--port', '0', '--db', db], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, ELDERCARE_AUDIT_ADMIN_PASSWORD: PASSWORD },
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /http:\/\/127\.0\.0\.1:\d+/.exec(out)?.[0];
      if (url) resolve({ url, process: child });
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code} before listening`)));
  });
}

/**
 * CPU seconds the server processes have used (every thread, its check workers too), from
 * /proc on Linux, else null. On a shared machine the wall-clock throughput says as much about
 * the neighbours as about us; CPU per upload does not.
 */
function cpuSeconds(processes: readonly ChildProcess[]): number | null {
  try {
    return processes.reduce((sum, child) => {
      const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime and stime, fields 14 and 15, in clock ticks (100 a second on Linux).
      return sum + (Number(fields[11]) + Number(fields[12])) / 100;
    }, 0);
  } catch {
    return null;
  }
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN);

async function main(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'eldercare-load-'));
  let pg: PostgresServer | null = null;
  const servers: ChildProcess[] = [];
  try {
    const file = join(dir, 'county-1000.xlsx');
    await writeCountyWorkbook(file, scaled(FULL_COUNTY, Number(values.facilities) / FULL_COUNTY.facilities));
    const bytes = readFileSync(file);
    let db = values.db!;
    if (db === 'sqlite') db = join(dir, 'load.db');
    else if (db === 'postgres') {
      pg = await startPostgres({ durable: true });
      db = await pg.createDatabase();
    }
    const engine = /^postgres(ql)?:/.test(db) ? 'PostgreSQL' : 'SQLite';
    // The first instance migrates; the others start together against the migrated database.
    const first = await serve(db);
    const rest = await Promise.all(Array.from({ length: INSTANCES - 1 }, () => serve(db)));
    const instances = [first, ...rest];
    servers.push(...instances.map((i) => i.process));
    const bases = instances.map((i) => i.url);
    await cli(['user', 'add', 'loader', '--role', 'inspector', '--db', db], `${PASSWORD}\n`);
    const token = await cli(['token', 'create', 'loader', '--db', db]);
    const sessions = await Promise.all(bases.map((base) => login(base, 'loader', PASSWORD)));
    log(`${INSTANCES} instance(s) on ${engine}: ${bases.join(', ')}; ${UPLOADS} uploads of ${(bytes.length / 1e6).toFixed(2)} MB`);

    const errors: string[] = [];
    const auditIds: string[] = [];
    let uploading = true;
    // The machine may be shared: its load says how far the figures can be compared.
    const loadBefore = loadavg()[0]!;
    const cpuBefore = cpuSeconds(servers);
    const started = performance.now();
    const uploads = Promise.all(
      Array.from({ length: UPLOADS }, async (_, n) => {
        const form = new FormData();
        form.set('workbook', new Blob([bytes]), `county-${n}.xlsx`);
        const t = performance.now();
        try {
          const answer = await fetch(`${bases[n % bases.length]}/api/audits`, {
            method: 'POST',
            body: form,
            headers: { authorization: `Bearer ${token}` },
            signal: AbortSignal.timeout(Math.max(1, DEADLINE - Date.now())),
          });
          const body = (await answer.json()) as { auditId?: string };
          if (answer.status !== 201 || !body.auditId) errors.push(`upload ${n}: HTTP ${answer.status}`);
          else auditIds.push(body.auditId);
        } catch (error) {
          errors.push(`upload ${n}: ${(error as Error).message}`);
        }
        return performance.now() - t;
      }),
    ).finally(() => (uploading = false));

    // The page client: one request at a time, round the pages and the instances, until the
    // uploads are done.
    const latencies: number[] = [];
    const byPage = new Map<string, number[]>();
    const pages = ['/', '/audits', '/rulebooks', '/upload'];
    for (let n = 0; uploading && Date.now() < DEADLINE; n++) {
      const instance = n % bases.length;
      const path = auditIds.length && n % 5 === 4 ? `/audits/${auditIds[auditIds.length - 1]}` : pages[n % pages.length]!;
      const t = performance.now();
      try {
        const answer = await fetch(`${bases[instance]}${path}`, { headers: { cookie: sessions[instance]!, accept: 'text/html' }, redirect: 'manual' });
        await answer.arrayBuffer();
        if (answer.status !== 200) errors.push(`page ${path}: HTTP ${answer.status}`);
      } catch (error) {
        errors.push(`page ${path}: ${(error as Error).message}`);
      }
      latencies.push(performance.now() - t);
      const page = path.startsWith('/audits/') ? '/audits/:id' : path;
      byPage.set(page, [...(byPage.get(page) ?? []), performance.now() - t]);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const uploadTimes = await uploads;
    const seconds = (performance.now() - started) / 1000;
    const cpuAfter = cpuSeconds(servers);
    const serverCpuSeconds = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;
    // Every instance lists every audit: one record.
    for (const base of bases) {
      const list = (await (await fetch(`${base}/api/audits?limit=100`, { headers: { authorization: `Bearer ${token}` } })).json()) as { total: number };
      const count = list.total;
      if (count < auditIds.length) errors.push(`${base} lists ${count} audits, ${auditIds.length} were stored`);
    }

    const sorted = [...latencies].sort((a, b) => a - b);
    const uploadSorted = [...uploadTimes].sort((a, b) => a - b);
    const figures = {
      engine,
      instances: INSTANCES,
      cores: cpus().length,
      uploads: UPLOADS,
      stored: auditIds.length,
      workbookBytes: bytes.length,
      seconds,
      uploadsPerMinute: (auditIds.length / seconds) * 60,
      megabytesPerSecond: (auditIds.length * bytes.length) / 1e6 / seconds,
      uploadMs: { p50: percentile(uploadSorted, 50), max: uploadSorted.at(-1) ?? NaN },
      loadAverage: { before: loadBefore, after: loadavg()[0]! },
      serverCpuSeconds,
      serverCpuSecondsPerUpload: serverCpuSeconds === null || auditIds.length === 0 ? null : serverCpuSeconds / auditIds.length,
      pageLoads: latencies.length,
      pageMs: { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1) ?? NaN },
      pageP95ByPath: Object.fromEntries([...byPage].map(([page, times]) => [page, percentile([...times].sort((a, b) => a - b), 95)])),
      errors,
      targets: { noErrors: errors.length === 0, pageP95Under300ms: percentile(sorted, 95) < PAGE_P95_TARGET_MS },
    };
    const line = (label: string, value: string) => `| ${label.padEnd(34)} | ${value.padStart(22)} |`;
    process.stdout.write(
      [
        `eldercare-audit load — ${INSTANCES} instance(s) on ${engine}, ${cpus().length} cores`,
        '',
        line('measure', 'value'),
        `|${'-'.repeat(36)}|${'-'.repeat(24)}|`,
        line('uploads stored / sent', `${auditIds.length} / ${UPLOADS}`),
        line('wall time', `${seconds.toFixed(1)} s`),
        line('throughput', `${figures.uploadsPerMinute.toFixed(1)} uploads/min, ${figures.megabytesPerSecond.toFixed(2)} MB/s`),
        line('upload answer p50 / max', `${(figures.uploadMs.p50 / 1000).toFixed(1)} s / ${(figures.uploadMs.max / 1000).toFixed(1)} s`),
        line('server CPU per upload', figures.serverCpuSecondsPerUpload === null ? 'n/a' : `${figures.serverCpuSecondsPerUpload.toFixed(2)} s`),
        line('load average before / after', `${figures.loadAverage.before.toFixed(2)} / ${figures.loadAverage.after.toFixed(2)}`),
        line('page loads during uploads', String(latencies.length)),
        line('page load p50 / p95 / max', `${figures.pageMs.p50.toFixed(0)} / ${figures.pageMs.p95.toFixed(0)} / ${figures.pageMs.max.toFixed(0)} ms`),
        ...Object.entries(figures.pageP95ByPath).map(([page, p95]) => line(`  p95 of ${page}`, `${p95.toFixed(0)} ms`)),
        line('errors', String(errors.length)),
        '',
        ...errors.slice(0, 20),
      ].join('\n') + '\n',
    );
    process.stdout.write(`${JSON.stringify(figures)}\n`);
    return figures.targets.noErrors && figures.targets.pageP95Under300ms ? 0 : 1;
  } finally {
    for (const server of servers) server.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 500));
    pg?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
