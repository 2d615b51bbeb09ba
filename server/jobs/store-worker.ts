// A pooled worker that checks and stores (check-and-store.ts), for `check --db` and the web.
import { serveJobs } from '../audit/worker-loop.js';
import { runStoreJob } from './check-and-store.js';

serveJobs(runStoreJob);
