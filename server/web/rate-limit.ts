// Login attempts are limited three ways over a fixed window, in memory:
// - one account from one address (the tight limit: someone guessing one password);
// - one account from every address together, so that rotating addresses buys nothing;
// - one address over every account, against a password sprayed across many names.
// The two broad limits would let one person lock out a whole office behind one address, or a
// colleague's account, so they never stop an (address, account) pair that has logged in
// successfully before: only the pair limit applies to it. An attempt is counted when it starts,
// before its password is checked, so that parallel attempts get no more tries than allowed; a
// success takes its count back. The maps are capped, so that no traffic can make them grow
// without bound. Each app instance counts for itself (README: several instances).
export interface RateLimitOptions {
  /** Failed attempts allowed per window for one account from one address. */
  maxFailures: number;
  /** … for one account from all addresses together. */
  maxAccountFailures: number;
  /** … from one address over all accounts. */
  maxAddressFailures: number;
  windowMs: number;
  /** How long a successful (address, account) pair stays exempt from the broad limits. */
  knownPairMs: number;
}

export const DEFAULT_LOGIN_LIMIT: RateLimitOptions = {
  maxFailures: 5,
  maxAccountFailures: 20,
  maxAddressFailures: 50,
  windowMs: 15 * 60 * 1000,
  knownPairMs: 30 * 24 * 60 * 60 * 1000,
};

/** At most this many windows and known pairs are held; past it the oldest are forgotten. */
export const MAX_ENTRIES = 50_000;

interface Window {
  start: number;
  failures: number;
}

/** An attempt that was allowed and counted; report its outcome with succeeded() if it succeeds. */
export interface Attempt {
  readonly keys: readonly string[];
  readonly pair: string;
}

export type AttemptAnswer = { allowed: true; attempt: Attempt } | { allowed: false; retryAfterSeconds: number };

export class LoginThrottle {
  private readonly windows = new Map<string, Window>();
  private readonly known = new Map<string, number>();

  constructor(private readonly options: RateLimitOptions = DEFAULT_LOGIN_LIMIT) {}

  private current(key: string, now: number): Window | undefined {
    const window = this.windows.get(key);
    if (window && now - window.start >= this.options.windowMs) {
      this.windows.delete(key);
      return undefined;
    }
    return window;
  }

  private isKnown(pair: string, now: number): boolean {
    const since = this.known.get(pair);
    return since !== undefined && now - since < this.options.knownPairMs;
  }

  /** Counts an attempt and allows it, or refuses it with the seconds until one is allowed. */
  begin(address: string, name: string, now = Date.now()): AttemptAnswer {
    const account = name.toLowerCase();
    const pair = `p:${address}\u0000${account}`;
    const limits: [string, number][] = [[pair, this.options.maxFailures]];
    if (!this.isKnown(pair, now)) {
      limits.push([`n:${account}`, this.options.maxAccountFailures], [`a:${address}`, this.options.maxAddressFailures]);
    }
    let wait = 0;
    for (const [key, max] of limits) {
      const window = this.current(key, now);
      if (window && window.failures >= max) wait = Math.max(wait, Math.ceil((window.start + this.options.windowMs - now) / 1000));
    }
    if (wait > 0) return { allowed: false, retryAfterSeconds: wait };
    for (const [key] of limits) {
      const window = this.current(key, now) ?? { start: now, failures: 0 };
      window.failures += 1;
      this.set(this.windows, key, window);
    }
    return { allowed: true, attempt: { keys: limits.map(([key]) => key), pair } };
  }

  /** The attempt's password was right: its count is taken back and the pair becomes known. */
  succeeded(attempt: Attempt, now = Date.now()): void {
    this.windows.delete(attempt.pair);
    for (const key of attempt.keys.slice(1)) {
      const window = this.current(key, now);
      if (window) window.failures = Math.max(0, window.failures - 1);
    }
    this.known.delete(attempt.pair);
    this.set(this.known, attempt.pair, now);
  }

  /** Entries held, for the tests of the cap. */
  get size(): number {
    return this.windows.size + this.known.size;
  }

  private set<V>(map: Map<string, V>, key: string, value: V): void {
    map.set(key, value);
    // A Map iterates in insertion order: the first keys are the oldest.
    if (map.size > MAX_ENTRIES) {
      for (const oldest of map.keys()) {
        map.delete(oldest);
        if (map.size <= MAX_ENTRIES * 0.9) break;
      }
    }
  }
}
