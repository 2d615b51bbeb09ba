// The pool of warm check workers, with the real check worker (dist/server/audit/worker.js) and
// real files: a worker is kept for the next check, and one whose job passed its time or heap
// limit, or threw, is terminated and replaced, the next job answered by a fresh worker.
import { readdirSync, readFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { projectPath } from '../checks/paths.js';
import { checkIsolated } from '../server/audit/check-isolated.js';
import { endIdleCheckWorkers } from '../server/audit/check-pools.js';
import type { CheckJob, CheckReply } from '../server/audit/check-job.js';
import { WorkerPool, type PoolEnd, type PoolOptions } from '../server/audit/worker-pool.js';
import { csvLines, sampleBytes } from './support/hostile-corpus.js';

const WORKER = projectPath('dist/server/audit/worker.js');
const AS_OF = '2026-06-30';
const small: CheckJob = { files: [{ name: 'tongxiang.xlsx', bytes: sampleBytes('tongxiang.xlsx') }], options: { fileName: 'tongxiang.xlsx', asOf: AS_OF }, returnFacts: false, json: false };
/** 240,000 staff lines: far more than a 32 MB heap holds, and more than 20 ms of work. */
const heavy: CheckJob = { files: [{ name: '人员.csv', bytes: csvLines(240_000) }], options: { fileName: '人员.csv', asOf: AS_OF }, returnFacts: false, json: false };

const pools: WorkerPool[] = [];
function pool(options: Partial<PoolOptions> = {}): WorkerPool {
  const made = new WorkerPool({ script: WORKER, size: 1, maxHeapMb: 512, niceness: 0, idleMs: 60_000, maxJobs: 100, ...options });
  pools.push(made);
  return made;
}
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

/** The check's verdict from a job that ended with an answer. */
function validity(end: PoolEnd): boolean {
  expect(end.kind).toBe('done');
  const reply = (end as { reply: CheckReply }).reply;
  expect(reply.ok).toBe(true);
  return (reply as { outcome: { result: { valid: boolean } } }).outcome.result.valid;
}

describe('WorkerPool', () => {
  it('keeps a worker that answered for the next job', async () => {
    const checks = pool();
    expect(validity(await checks.run(small, 60_000))).toBe(true);
    expect(validity(await checks.run(small, 60_000))).toBe(true);
    expect(checks.workersStarted).toBe(1);
    expect(checks.idleWorkers).toBe(1);
  });

  it('starts a worker ahead of its job once, and gives that job the worker it started', async () => {
    const checks = pool();
    checks.warm();
    checks.warm();
    expect(checks.workersStarted).toBe(1);
    expect(checks.idleWorkers).toBe(1);
    expect(validity(await checks.run(small, 60_000))).toBe(true);
    expect(checks.workersStarted).toBe(1);
  });

  it('answers a job over its heap limit, terminates its worker and answers the next job from a fresh one', async () => {
    const checks = pool({ maxHeapMb: 32 });
    expect(validity(await checks.run(small, 60_000))).toBe(true);
    expect(await checks.run(heavy, 60_000)).toEqual({ kind: 'outOfMemory' });
    expect(checks.idleWorkers).toBe(0);
    expect(validity(await checks.run(small, 60_000))).toBe(true);
    expect(checks.workersStarted).toBe(2);
  });

  it('answers a job over its time limit, terminates its worker and answers the next job from a fresh one', async () => {
    const checks = pool();
    expect(validity(await checks.run(small, 60_000))).toBe(true);
    const started = performance.now();
    expect(await checks.run(heavy, 20)).toEqual({ kind: 'timeout' });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(checks.idleWorkers).toBe(0);
    expect(validity(await checks.run(small, 60_000))).toBe(true);
    expect(checks.workersStarted).toBe(2);
  });

  it('refuses a job that throws and never reuses its worker', async () => {
    const checks = pool();
    expect(validity(await checks.run(small, 60_000))).toBe(true);
    await expect(checks.run({ ...small, files: null }, 60_000)).rejects.toThrow();
    expect(validity(await checks.run(small, 60_000))).toBe(true);
    expect(checks.workersStarted).toBe(2);
  });

  it('runs no more jobs at once than its size; the others wait their turn', async () => {
    const checks = pool({ size: 1 });
    const ends = await Promise.all([small, small, small].map((job) => checks.run(job, 60_000)));
    expect(ends.map(validity)).toEqual([true, true, true]);
    expect(checks.workersStarted).toBe(1);
  });

  it('replaces a worker after maxJobs jobs and releases one idle for idleMs', async () => {
    const checks = pool({ maxJobs: 2, idleMs: 100 });
    for (let n = 0; n < 3; n++) expect(validity(await checks.run(small, 60_000))).toBe(true);
    expect(checks.workersStarted).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(checks.idleWorkers).toBe(0);
  });

  it.runIf(process.platform === 'linux')('runs its workers at the niceness asked for, and leaves the calling thread as it was', async () => {
    const niceness = () =>
      readdirSync('/proc/self/task').map((task) => {
        const stat = readFileSync(`/proc/self/task/${task}/stat`, 'utf8');
        // Field 19 (nice), counted after the command name in parentheses.
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
      });
    const before = getPriority();
    const checks = pool({ niceness: 7 });
    expect(niceness()).not.toContain(before + 7);
    expect(validity(await checks.run(small, 60_000))).toBe(true);
    // The idle worker's thread is still there, lowered; this thread is not.
    expect(niceness()).toContain(Math.min(19, before + 7));
    expect(getPriority()).toBe(before);
  });
});

describe('checkIsolated', () => {
  it('answers a check over its time or heap limit too_large, in both languages, and checks the next file as usual', async () => {
    const late = await checkIsolated(heavy.files[0]!.bytes as Buffer, heavy.options, { timeoutMs: 20, maxHeapMb: 512 });
    expect(late.result.errors).toEqual([
      expect.objectContaining({ code: 'too_large', message: { zh: expect.stringMatching(/文件“人员\.csv”处理超时/), en: expect.stringMatching(/Checking "人员\.csv" took longer than/) } }),
    ]);
    const big = await checkIsolated(heavy.files[0]!.bytes as Buffer, heavy.options, { timeoutMs: 60_000, maxHeapMb: 32 });
    expect(big.result.errors).toEqual([
      expect.objectContaining({ code: 'too_large', message: { zh: expect.stringMatching(/超出内存上限（32 MB）/), en: expect.stringMatching(/memory limit allows \(32 MB\)/) } }),
    ]);
    const next = await checkIsolated(small.files[0]!.bytes as Buffer, small.options, { timeoutMs: 60_000, maxHeapMb: 32 }, { returnFacts: false });
    expect(next.result.valid).toBe(true);
  });
});

describe('endIdleCheckWorkers', () => {
  it('ends the worker that answered (a CLI frees its memory while it writes the answer)', async () => {
    const started: Worker[] = [];
    const onWorker = (worker: Worker) => started.push(worker);
    process.on('worker', onWorker);
    try {
      const checked = await checkIsolated(small.files[0]!.bytes as Buffer, small.options, undefined, { returnFacts: false });
      expect(checked.result.valid).toBe(true);
    } finally {
      process.off('worker', onWorker);
    }
    expect(started).toHaveLength(1);
    const exited = new Promise<number>((resolve) => started[0]!.once('exit', resolve));
    await endIdleCheckWorkers();
    const stillRunning = new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 10_000).unref());
    expect(await Promise.race([exited, stillRunning])).toBe(1);
  });
});
