// A few warm worker threads that run jobs one at a time each, under a time and a heap limit.
// Starting a worker costs more than a small check does (every module loaded and the schemas
// compiled again: 0.5–0.6 s of a 1.4 s upload), so a worker that answered its job is kept for
// the next one. A worker whose job passed a limit, threw or crashed is terminated and never
// given another job: a hostile file leaves nothing behind for the next upload, and the next job
// gets a fresh worker. A worker is also retired after `maxJobs` jobs, so that whatever a job
// might leave behind stays bounded, and released once idle for `idleMs`.
import { Worker } from 'node:worker_threads';
import { CheckQueue } from './check-queue.js';
import type { PooledWorkerData, PooledWorkerMessage } from './worker-loop.js';

export interface PoolOptions {
  /** The worker script (it calls serveJobs, worker-loop.ts). */
  script: string;
  /** Jobs run at once, each in its own worker; the rest wait their turn, first come first served. */
  size: number;
  /** Heap limit of each worker (old generation), in MB. */
  maxHeapMb: number;
  /** Added to the workers' niceness on Linux: 0 runs them as the caller's thread runs. */
  niceness: number;
  /** How long an idle worker is kept for the next job. */
  idleMs: number;
  /** Jobs one worker runs before it is replaced. */
  maxJobs: number;
}

/** How a job ended: its answer, or the limit it passed (its worker is gone). */
export type PoolEnd = { kind: 'done'; reply: unknown } | { kind: 'timeout' } | { kind: 'outOfMemory' };

interface Pooled {
  worker: Worker;
  jobs: number;
  idleTimer?: NodeJS.Timeout;
}

export class WorkerPool {
  private readonly queue: CheckQueue;
  /** Workers waiting for a job, the most recently used last (taken first: its caches are warmest). */
  private readonly idle: Pooled[] = [];
  private started = 0;

  constructor(readonly options: Readonly<PoolOptions>) {
    this.queue = new CheckQueue(options.size);
  }

  /**
   * Runs `job` in a worker once one is free. `onProgress` receives the job's progress messages;
   * the promise rejects when the job threw or its worker crashed (the worker is replaced).
   */
  run(job: unknown, timeoutMs: number, onProgress: (message: unknown) => void = () => {}): Promise<PoolEnd> {
    return this.queue.run(() => this.runIn(this.take(), job, timeoutMs, onProgress));
  }

  /** Workers started since the pool was made (a test sees a crashed one replaced). */
  get workersStarted(): number {
    return this.started;
  }

  /** Workers idle now. */
  get idleWorkers(): number {
    return this.idle.length;
  }

  /** Ends the idle workers (a worker still running a job ends with it, as idle ones do). */
  async close(): Promise<void> {
    await Promise.all(this.idle.splice(0).map((pooled) => this.retire(pooled)));
  }

  /**
   * Starts a worker ahead of the job it will take, unless one is idle or the pool has started
   * as many as it runs at once: its modules load meanwhile (a CLI check starts one before
   * loading its own command).
   */
  warm(): void {
    if (this.idle.length === 0 && this.started < this.options.size) this.keep(this.start());
  }

  private take(): Pooled {
    const pooled = this.idle.pop();
    if (pooled) {
      clearTimeout(pooled.idleTimer);
      pooled.worker.ref();
      return pooled;
    }
    return this.start();
  }

  private start(): Pooled {
    this.started += 1;
    const worker = new Worker(this.options.script, {
      workerData: { niceness: this.options.niceness } satisfies PooledWorkerData,
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb },
    });
    const fresh: Pooled = { worker, jobs: 0 };
    // While a job runs, its listeners answer for the worker; an idle worker that ends is dropped.
    worker.on('error', () => {});
    worker.on('exit', () => this.forget(fresh));
    return fresh;
  }

  private keep(pooled: Pooled): void {
    if (pooled.jobs >= this.options.maxJobs) {
      void this.retire(pooled);
      return;
    }
    // An idle worker does not keep the process alive (a CLI exits once its check is answered).
    pooled.worker.unref();
    pooled.idleTimer = setTimeout(() => {
      this.forget(pooled);
      void this.retire(pooled);
    }, this.options.idleMs);
    pooled.idleTimer.unref();
    this.idle.push(pooled);
  }

  /** No longer offered for jobs. */
  private forget(pooled: Pooled): void {
    clearTimeout(pooled.idleTimer);
    const at = this.idle.indexOf(pooled);
    if (at >= 0) this.idle.splice(at, 1);
  }

  private async retire(pooled: Pooled): Promise<void> {
    clearTimeout(pooled.idleTimer);
    await pooled.worker.terminate();
  }

  private runIn(pooled: Pooled, job: unknown, timeoutMs: number, onProgress: (message: unknown) => void): Promise<PoolEnd> {
    const { worker } = pooled;
    pooled.jobs += 1;
    return new Promise<PoolEnd>((resolve, reject) => {
      const settle = (reusable: boolean, outcome: () => void) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (reusable) this.keep(pooled);
        else void this.retire(pooled);
        outcome();
      };
      const onMessage = (message: PooledWorkerMessage) => {
        if ('progress' in message) onProgress(message.progress);
        else if ('done' in message) settle(true, () => resolve({ kind: 'done', reply: message.done }));
        else settle(false, () => reject(new Error(message.threw)));
      };
      const onError = (error: Error & { code?: string }) =>
        settle(false, () => (error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? resolve({ kind: 'outOfMemory' }) : reject(error)));
      const onExit = (code: number) => settle(false, () => reject(new Error(`check worker exited with code ${code}`)));
      const timer = setTimeout(() => settle(false, () => resolve({ kind: 'timeout' })), timeoutMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      try {
        worker.postMessage(job);
      } catch (error) {
        // A job that cannot be posted (a function in it) never reached the worker.
        settle(true, () => reject(error as Error));
      }
    });
  }
}
