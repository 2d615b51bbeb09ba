// One facility's PDF from a stored audit, rendered again and again in one process: the time a
// manager waits once the server is up. Prints {"firstMs":…,"medianMs":…,"bytes":…} as JSON.
import { statSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../server/store/index.js';
import { writeReportFile } from '../server/cli/report-file.js';

const [db, auditId, facility, runsText = '10'] = process.argv.slice(2);
if (!db || !auditId || !facility) throw new Error('usage: facility-pdf <db> <auditId> <facilityId> [runs]');
const store = openStore(db);
const dir = mkdtempSync(join(tmpdir(), 'eldercare-bench-pdf-'));
try {
  const times: number[] = [];
  let bytes = 0;
  for (let run = 0; run < Number(runsText); run++) {
    const started = performance.now();
    // As the server does for each download: the facility's part of the stored audit, then its report.
    const stored = await store.getAudit(auditId, { facility });
    if (!stored) throw new Error(`no audit ${auditId}`);
    const out = join(dir, `f${run}.pdf`);
    await writeReportFile(stored.result, { auditId, generatedAt: stored.createdAt, lang: 'zh', facility }, out);
    times.push(performance.now() - started);
    bytes = statSync(out).size;
  }
  const sorted = [...times].sort((a, b) => a - b);
  process.stdout.write(`${JSON.stringify({ firstMs: times[0], medianMs: sorted[Math.floor(sorted.length / 2)], bytes })}\n`);
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
