// Runs one check in a worker thread, so that the caller can bound its time and memory and a
// hostile file can never hang or exhaust the process that serves other users.
import { parentPort, workerData } from 'node:worker_threads';
import { checkWorkbook, type CheckOptions } from './check.js';

interface Job {
  bytes: Uint8Array;
  options: CheckOptions;
  /** Whether the caller keeps the facts (to store them); copying 100,000 staff rows back costs. */
  returnFacts: boolean;
}

const job = workerData as Job;
checkWorkbook(Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength), job.options).then(
  (outcome) => parentPort!.postMessage({ ok: true, outcome: job.returnFacts ? outcome : { ...outcome, facts: null } }),
  (error: unknown) => parentPort!.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) }),
);
