// Build step (`npm run build`, after tsc): the check worker (worker.ts) and the worker that
// checks and stores (server/jobs/store-worker.ts), each with every module of ours it loads, as
// one ES module that check-isolated.ts and store-job.ts start; what both load is shared in
// chunks. Loaded module by module, the check worker spent 110 ms resolving, reading and linking
// about 90 files before it could take its job; as one file it takes 50 ms (issue 20). The packages stay where npm put them, and SheetJS, loaded only
// for .xls and .et files (sources/open.ts), stays in a chunk of its own that only those load.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';
import { projectPath } from '../../checks/paths.js';
import { CHECK_WORKER_DIR } from './check-pools.js';

rmSync(CHECK_WORKER_DIR, { recursive: true, force: true });
await build({
  entryPoints: { worker: projectPath('dist/server/audit/worker.js'), 'store-worker': projectPath('dist/server/jobs/store-worker.js') },
  outdir: CHECK_WORKER_DIR,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
