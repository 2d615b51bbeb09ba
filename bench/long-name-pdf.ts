// A facility PDF whose facility name is one unbroken word of N characters (issue 16: before the
// fix, 6,000 took 20 s and 737 MB, and 32,767 had not finished after 300 s at 1.8 GB). The audit
// is the Tongxiang sample's, with TX-002 renamed in its findings (as an audit stored before names
// were bounded would be), drawn into a sink as a PDF worker draws it. npm run bench runs it under
// bench/child's runNode for the peak RSS; prints {"chars":…,"ms":…,"bytes":…,"heapMb":…}.
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { projectPath } from '../checks/paths.js';
import { checkWorkbook } from '../server/audit/check.js';
import { writeReport } from '../server/report/render.js';

const chars = Number(process.argv[2] ?? '6000');
const facility = 'TX-002';
const { result } = await checkWorkbook(readFileSync(projectPath('samples/tongxiang.xlsx')), { fileName: 'tongxiang.xlsx' });
const name = 'W'.repeat(chars);
for (const finding of result.findings) if (finding.subject.id === facility) finding.subject.name = name;
let bytes = 0;
const sink = new Writable({
  write(chunk: Buffer, _encoding, callback) {
    bytes += chunk.length;
    callback();
  },
});
const started = performance.now();
await writeReport(result, { auditId: 'bench', generatedAt: '2026-01-01T00:00:00.000Z', lang: 'zh', facility }, sink);
const ms = performance.now() - started;
process.stdout.write(`${JSON.stringify({ chars, ms: Math.round(ms), bytes, heapMb: Math.round(process.memoryUsage().heapUsed / 2 ** 20) })}\n`);
