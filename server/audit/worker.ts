// A pooled check worker (worker-pool.ts): runs checks one at a time, so that the caller can
// bound their time and memory and a hostile file can never hang or exhaust the process that
// serves other users.
import { runCheckJob } from './check-job.js';
import { serveJobs } from './worker-loop.js';

serveJobs(runCheckJob);
