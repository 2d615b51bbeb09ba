// The pools of check workers, apart from the check itself so that a CLI check can start its
// worker before it loads anything else (check-isolated.ts needs crypto and the result's
// modules, which delayed the worker by ~17 ms).
import { availableParallelism } from 'node:os';
import { projectPath } from '../../checks/paths.js';
import { WorkerPool } from './worker-pool.js';

export interface IsolationLimits {
  /** Wall-clock limit of one check. */
  timeoutMs: number;
  /** Heap limit of the worker (old generation), in MB. */
  maxHeapMb: number;
}

export const DEFAULT_ISOLATION: IsolationLimits = { timeoutMs: 120_000, maxHeapMb: 2048 };

export const WORKER = projectPath('dist/server/audit/worker.js');

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
export function warmCheckWorker(script = WORKER): void {
  poolFor(script, DEFAULT_ISOLATION.maxHeapMb, false).warm();
}

