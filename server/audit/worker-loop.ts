// The worker's side of a WorkerPool (worker-pool.ts): jobs arrive one at a time, each answered
// by one `done` (or `threw`) message, with any number of `progress` messages before it. The
// modules a job needs stay loaded between jobs; nothing of a job is kept once it is answered.
import { getPriority, setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';

/** What the pool passes a worker it starts. */
export interface PooledWorkerData {
  /** Added to this thread's niceness (0: as the caller's), see WorkerPool's `niceness`. */
  niceness: number;
}

/** What a pooled worker posts. */
export type PooledWorkerMessage = { progress: unknown } | { done: unknown } | { threw: string };

/** Hands a job's message over to the pool, moving (not copying) the buffers named in `transfer`. */
export type Progress = (message: unknown, transfer?: ArrayBuffer[]) => void;

export function serveJobs<Job>(run: (job: Job, progress: Progress) => Promise<unknown>): void {
  const port = parentPort!;
  const { niceness } = workerData as PooledWorkerData;
  // On Linux a niceness belongs to a thread (setpriority on the calling task), so this lowers
  // the checks and not the request thread beside them. Elsewhere it would set the whole
  // process's priority, so it is left alone there. The thread starts at its creator's
  // niceness (a `nice -n 10` server's), which this adds to: lowering never needs a privilege.
  if (niceness > 0 && process.platform === 'linux') setPriority(Math.min(19, getPriority() + niceness));
  const post = (message: PooledWorkerMessage, transfer?: ArrayBuffer[]) => port.postMessage(message, transfer);
  port.on('message', (job: Job) => {
    run(job, (message, transfer) => post({ progress: message }, transfer)).then(
      (done) => post({ done }),
      (error: unknown) => post({ threw: error instanceof Error ? error.message : String(error) }),
    );
  });
}
