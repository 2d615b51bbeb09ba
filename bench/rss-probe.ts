// Loaded with `node --import` into every process the benchmark measures: on exit it writes the
// process's peak resident memory (worker threads included) where BENCH_RSS_FILE says.
import { writeFileSync } from 'node:fs';

const target = process.env['BENCH_RSS_FILE'];
if (target) process.on('exit', () => writeFileSync(target, String(process.resourceUsage().maxRSS * 1024)));
