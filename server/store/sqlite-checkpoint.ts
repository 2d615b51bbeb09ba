// The checkpoint after an audit is stored, on a thread of its own: copying a county audit's
// 33 MB from the WAL into the database (and the two fsyncs that make it durable) took ≈0.15–0.2 s
// inside the audit's COMMIT (SQLite's automatic checkpoint), on the thread that then makes the
// answer. On another thread it runs while the caller makes the answer (check-and-store.ts),
// which is still given only once the checkpoint has ended (issue 20).
import { Worker } from 'node:worker_threads';
import { projectPath } from '../../checks/paths.js';

const THREAD = projectPath('dist/server/store/sqlite-checkpoint-thread.js');

export interface CheckpointThreadData {
  path: string;
  busyTimeoutMs: number;
}

/** Resolves once the thread's checkpoint has ended; rejects when the thread could not do it. */
export function checkpointAside(data: CheckpointThreadData): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(THREAD, { workerData: data satisfies CheckpointThreadData });
    worker.once('error', reject);
    worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the checkpoint thread ended with exit code ${code}`))));
  });
}
