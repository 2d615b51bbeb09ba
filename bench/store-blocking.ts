// How long storing a county-scale audit holds the request thread, and how large the SQLite WAL
// is afterwards: the app in this process on a temp SQLite file, the seeded county workbook
// posted to the API while the event loop's delay is sampled and /healthz is timed from a child
// process. `node dist/bench/store-blocking.js [--scale 1] [--inline]`; one JSON line at the end.
// --inline stores on the request thread as before the upload worker stored (for comparison).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { openStore } from '../server/store/index.js';
import { userStoreFor } from '../server/store/users.js';
import { createApp } from '../server/web/app.js';
import { hashPassword } from '../server/web/passwords.js';
import { issueApiToken } from '../server/web/tokens.js';
import { FULL_COUNTY, scaled, writeCountyWorkbook } from './county-workbook.js';

// A child that asks /healthz every 20 ms and reports the slowest answer: what a proxy sees.
const PROBE = `
const url = process.argv[1]; let worst = 0; let count = 0; let stop = false;
process.on('message', () => { stop = true; });
(async () => { while (!stop) { const t = performance.now(); await fetch(url).then((r) => r.arrayBuffer()).catch(() => {}); worst = Math.max(worst, performance.now() - t); count += 1; await new Promise((r) => setTimeout(r, 20)); }
  process.send({ worst, count }); process.disconnect(); })();`;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { scale: { type: 'string' }, inline: { type: 'boolean' } } });
  const factor = Number(values.scale ?? 1);
  const dir = mkdtempSync(join(tmpdir(), 'eldercare-store-blocking-'));
  const workbook = join(dir, 'county.xlsx');
  await writeCountyWorkbook(workbook, scaled(FULL_COUNTY, factor));
  const db = join(dir, 'bench.db');
  const store = openStore(db);
  const users = userStoreFor(store);
  const inspector = await users.createUser({ name: 'li', role: 'inspector', facilities: [], passwordHash: await hashPassword('a-long-password') });
  const { token } = await issueApiToken(users, inspector);
  // A store no other thread can open is written on the request thread (uploads.ts).
  const served = values.inline ? new Proxy(store, { get: (target, key) => (key === 'shared' ? null : Reflect.get(target, key, target)) }) : store;
  const app = createApp({ store: served, users, logger: { error: (m, e) => console.error(m, e), info: () => {} } });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const probe = spawn(process.execPath, ['-e', PROBE, `${base}/healthz`], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const probed = new Promise<{ worst: number; count: number }>((resolve) => probe.once('message', (m) => resolve(m as { worst: number; count: number })));
  const started = performance.now();
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  // The longest gaps of this thread, with when they happened (seconds after the post).
  const gaps: { at: number; ms: number }[] = [];
  let last = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    if (now - last > 250) gaps.push({ at: +((last - started) / 1000).toFixed(2), ms: Math.round(now - last) });
    last = now;
  }, 10);
  const form = new FormData();
  form.set('workbook', new Blob([new Uint8Array(readFileSync(workbook))]), 'county.xlsx');
  const answer = await fetch(`${base}/api/audits`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
  const uploadMs = performance.now() - started;
  await answer.arrayBuffer();
  delay.disable();
  clearInterval(ticker);
  probe.send('stop');
  const health = await probed;
  const size = (path: string) => (existsSync(path) ? statSync(path).size : 0);
  const figures = {
    facilities: scaled(FULL_COUNTY, factor).facilities,
    storedOn: values.inline ? 'request thread' : 'upload worker',
    status: answer.status,
    uploadSeconds: +(uploadMs / 1000).toFixed(2),
    eventLoopMaxDelayMs: +(delay.max / 1e6).toFixed(0),
    eventLoopP99DelayMs: +(delay.percentile(99) / 1e6).toFixed(0),
    healthzWorstMs: +health.worst.toFixed(0),
    healthzAnswers: health.count,
    dbMB: +(size(db) / 1e6).toFixed(1),
    walMB: +(size(`${db}-wal`) / 1e6).toFixed(1),
    longestGaps: gaps.sort((a, b) => b.ms - a.ms).slice(0, 5),
  };
  server.close();
  await store.close();
  console.log(JSON.stringify(figures));
}

await main();
