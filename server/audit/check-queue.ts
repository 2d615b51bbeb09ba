// At most a few checks at once: each runs in its own worker thread, and twenty uploads checked
// side by side on a two-core machine would starve the thread that answers every other request
// (and hold twenty workbooks' worth of memory). The rest wait their turn, first come first served.
import { availableParallelism } from 'node:os';

export class CheckQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  /** One core is left to the request thread; at least one check always runs. */
  constructor(readonly limit: number = Math.max(1, availableParallelism() - 1)) {}

  /** Runs `task` when a place is free. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running += 1;
    try {
      return await task();
    } finally {
      // The place passes straight to the next in line, so `running` never drops in between.
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }

  get queued(): number {
    return this.waiting.length;
  }
}
