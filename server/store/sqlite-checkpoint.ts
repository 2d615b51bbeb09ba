// The checkpoint after an audit is stored, on a thread of its own: copying a county audit's
// 33 MB from the WAL into the database (and the two fsyncs that make it durable) took ≈0.15–0.2 s
// inside the audit's COMMIT (SQLite's automatic checkpoint), on the thread that then makes the
// answer. On another thread it runs while the caller makes the answer (check-and-store.ts),
// which is still given only once the checkpoint has ended (issue 20).
// One thread per database file per calling thread, started at its first checkpoint and kept for
// the next: a pooled upload worker stores many audits, and a thread started for each (Node's
// bootstrap of the thread, better-sqlite3 loaded again) cost every upload ≈0.1 s of CPU.
import { Worker } from 'node:worker_threads';
import { projectPath } from '../../checks/paths.js';

const THREAD = projectPath('dist/server/store/sqlite-checkpoint-thread.js');

export interface CheckpointThreadData {
  path: string;
  busyTimeoutMs: number;
}

/** The thread's answer to one checkpoint: done, or why not. */
export type CheckpointReply = { ok: true } | { ok: false; message: string };

class CheckpointThread {
  private readonly worker: Worker;
  /** The checkpoints asked for and not yet answered, in the order asked (the thread answers in turn). */
  private readonly waiting: { resolve: () => void; reject: (error: Error) => void }[] = [];
  gone = false;

  constructor(data: CheckpointThreadData, onGone: () => void) {
    this.worker = new Worker(THREAD, { workerData: data satisfies CheckpointThreadData });
    // An idle thread never holds its process (or its pooled worker) open.
    this.worker.unref();
    this.worker.on('message', (reply: CheckpointReply) => {
      const next = this.waiting.shift();
      if (this.waiting.length === 0) this.worker.unref();
      if (reply.ok) next?.resolve();
      else next?.reject(new Error(reply.message));
    });
    const end = (error: Error) => {
      this.gone = true;
      onGone();
      for (const next of this.waiting.splice(0)) next.reject(error);
    };
    this.worker.on('error', end);
    this.worker.on('exit', (code) => end(new Error(`the checkpoint thread ended with exit code ${code}`)));
  }

  checkpoint(): Promise<void> {
    if (this.gone) return Promise.reject(new Error('the checkpoint thread has ended'));
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      // Held open while a checkpoint is under way: its caller awaits only this thread's answer.
      this.worker.ref();
      this.worker.postMessage('checkpoint');
    });
  }
}

const threads = new Map<string, CheckpointThread>();

/** The file's checkpoint thread, started when it has none (a start that fails throws). */
function threadFor(data: CheckpointThreadData): CheckpointThread {
  let thread = threads.get(data.path);
  if (!thread || thread.gone) {
    const made: CheckpointThread = new CheckpointThread(data, () => {
      if (threads.get(data.path) === made) threads.delete(data.path);
    });
    threads.set(data.path, (thread = made));
  }
  return thread;
}

/**
 * Starts the file's checkpoint thread ahead of its first checkpoint, so that the thread's own
 * start (≈55 ms: Node's bootstrap, better-sqlite3 loaded) runs beside the audit's INSERTs
 * instead of after its COMMIT. One that cannot start is left to checkpointAside to report.
 */
export function startCheckpointThread(data: CheckpointThreadData): void {
  try {
    threadFor(data);
  } catch {
    // checkpointAside tries again and, failing, the caller checkpoints on its own connection.
  }
}

/** Resolves once the file's checkpoint thread has made a checkpoint; rejects when it could not. */
export function checkpointAside(data: CheckpointThreadData): Promise<void> {
  try {
    return threadFor(data).checkpoint();
  } catch (error) {
    return Promise.reject(error);
  }
}
