// The pools of check workers (worker-pool.ts), one per worker script, heap limit and priority,
// and the limits a check runs under (check-isolated.ts). Apart from the check's other modules so
// that the CLI starts its worker having loaded only these: the worker's start is the longest
// path of a small check, and importing check-isolated.ts first put 20 ms before it (issue 20).
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { projectPath } from '../../checks/paths.js';
import { WorkerPool } from './worker-pool.js';

export interface IsolationLimits {
  /** Wall-clock limit of one check. */
  timeoutMs: number;
  /** Heap limit of the worker (old generation), in MB. */
  maxHeapMb: number;
}

export const DEFAULT_ISOLATION: IsolationLimits = { timeoutMs: 120_000, maxHeapMb: 2048 };

/** Where the build bundles the workers (build-check-worker.ts): worker.ts and store-worker.ts, each as one module. */
export const CHECK_WORKER_DIR = projectPath('dist/check-worker');
export const CHECK_WORKER = join(CHECK_WORKER_DIR, 'worker.js');
export const STORE_WORKER = join(CHECK_WORKER_DIR, 'store-worker.js');

/** The niceness of background checks: a page's request waits on them hardly at all. */
const BACKGROUND_NICENESS = 10;
const IDLE_MS = 30_000;
/** Jobs per worker before it is replaced (see WorkerPool's maxJobs). */
const MAX_JOBS = 100;

/** One pool per script, heap limit and priority, made on first use. */
const pools = new Map<string, WorkerPool>();

export function poolFor(script: string, maxHeapMb: number, background: boolean): WorkerPool {
  const key = JSON.stringify([script, maxHeapMb, background]);
  let pool = pools.get(key);
  if (!pool) {
    // A check in the foreground leaves one core to the calling thread; background checks
    // yield it by priority instead, so they may use every core.
    const size = Math.max(1, availableParallelism() - (background ? 0 : 1));
    pool = new WorkerPool({ script, size, maxHeapMb, niceness: background ? BACKGROUND_NICENESS : 0, idleMs: IDLE_MS, maxJobs: MAX_JOBS });
    pools.set(key, pool);
  }
  return pool;
}

/**
 * Starts the worker of a foreground check (`script`: the check's own, or one that also stores)
 * with the default limits (checkIsolated's default), so that it loads its modules while the
 * caller loads its own.
 */
export function warmCheckWorker(script = CHECK_WORKER): void {
  poolFor(script, DEFAULT_ISOLATION.maxHeapMb, false).warm();
}

/**
 * Ends the idle check workers now instead of when the process exits. A CLI that has its answer
 * has no other check to run; ended here, a worker's heap (≈200 MB after a county, 0.1–0.2 s of
 * unmapping on a VM) is torn down on its own thread while this one writes the answer, where at
 * the exit it would be torn down after it.
 */
export function endIdleCheckWorkers(): Promise<void> {
  return Promise.all([...pools.values()].map((pool) => pool.close())).then(() => undefined);
}
