// Login attempts are limited per client address and per (address, user name): a fixed window
// of failures in memory. One process serves the app, so memory is the right place; a restart
// forgets, which only ever helps a legitimate user.
export interface RateLimitOptions {
  /** Failed attempts allowed per window for one (address, name); the address alone gets 5×. */
  maxFailures: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_LIMIT: RateLimitOptions = { maxFailures: 5, windowMs: 15 * 60 * 1000 };

interface Window {
  start: number;
  failures: number;
}

export class LoginThrottle {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly options: RateLimitOptions = DEFAULT_LOGIN_LIMIT) {}

  private keys(address: string, name: string): [string, number][] {
    return [
      [`a:${address}`, this.options.maxFailures * 5],
      [`n:${address}\u0000${name.toLowerCase()}`, this.options.maxFailures],
    ];
  }

  private current(key: string, now: number): Window | undefined {
    const window = this.windows.get(key);
    if (window && now - window.start >= this.options.windowMs) {
      this.windows.delete(key);
      return undefined;
    }
    return window;
  }

  /** Seconds until another attempt is allowed, or 0 when it is allowed now. */
  retryAfter(address: string, name: string, now = Date.now()): number {
    let wait = 0;
    for (const [key, max] of this.keys(address, name)) {
      const window = this.current(key, now);
      if (window && window.failures >= max) wait = Math.max(wait, Math.ceil((window.start + this.options.windowMs - now) / 1000));
    }
    return wait;
  }

  recordFailure(address: string, name: string, now = Date.now()): void {
    for (const [key] of this.keys(address, name)) {
      const window = this.current(key, now) ?? { start: now, failures: 0 };
      window.failures += 1;
      this.windows.set(key, window);
    }
    if (this.windows.size > 10_000) this.prune(now);
  }

  recordSuccess(address: string, name: string): void {
    this.windows.delete(this.keys(address, name)[1]![0]);
  }

  private prune(now: number): void {
    for (const key of [...this.windows.keys()]) this.current(key, now);
  }
}
