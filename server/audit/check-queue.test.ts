import { describe, expect, it } from 'vitest';
import { CheckQueue } from './check-queue.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('CheckQueue', () => {
  it('runs at most `limit` tasks at once, the rest in arrival order', async () => {
    const queue = new CheckQueue(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const task = (n: number) => async () => {
      started.push(n);
      running += 1;
      most = Math.max(most, running);
      await tick();
      running -= 1;
      return n;
    };
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => queue.run(task(n))));
    expect(results).toEqual([1, 2, 3, 4, 5]);
    expect(most).toBe(2);
    expect(started).toEqual([1, 2, 3, 4, 5]);
    expect(queue.queued).toBe(0);
  });

  it('frees the place of a task that fails', async () => {
    const queue = new CheckQueue(1);
    await expect(queue.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(queue.run(async () => 'next')).resolves.toBe('next');
  });

  it('always runs at least one task', () => {
    expect(new CheckQueue().limit).toBeGreaterThanOrEqual(1);
  });
});
