// The matrix page of a stored audit, as a reviewer loads it: the app on 127.0.0.1 over the given
// database, a reviewer logged in, the page fetched again and again. Prints
// {"facilities":…,"firstMs":…,"medianMs":…,"bytes":…} as JSON.
import type { AddressInfo } from 'node:net';
import { openStore } from '../server/store/index.js';
import { userStoreFor } from '../server/store/users.js';
import { createApp } from '../server/web/app.js';
import { hashPassword } from '../server/web/passwords.js';
import { login } from './web-login.js';

const [db, auditId, runsText = '5'] = process.argv.slice(2);
if (!db || !auditId) throw new Error('usage: matrix-page <db> <auditId> [runs]');
const PASSWORD = 'bench-matrix-password';
const store = openStore(db);
const users = userStoreFor(store);
await users.createUser({ name: 'bench-reviewer', role: 'reviewer', facilities: [], passwordHash: await hashPassword(PASSWORD) });
const server = createApp({ store, users }).listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
try {
  const cookie = await login(base, 'bench-reviewer', PASSWORD);
  const times: number[] = [];
  let html = '';
  for (let run = 0; run < Number(runsText); run++) {
    const started = performance.now();
    const answer = await fetch(`${base}/audits/${auditId}/matrix`, { headers: { cookie, accept: 'text/html' } });
    html = await answer.text();
    if (answer.status !== 200) throw new Error(`matrix page answered ${answer.status}`);
    times.push(performance.now() - started);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const facilities = html.match(/<tr data-facility=/g)?.length ?? 0;
  process.stdout.write(`${JSON.stringify({ facilities, firstMs: times[0], medianMs: sorted[Math.floor(sorted.length / 2)], bytes: Buffer.byteLength(html) })}\n`);
} finally {
  server.closeAllConnections();
  server.close();
  await store.close();
}
