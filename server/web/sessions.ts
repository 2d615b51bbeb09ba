// Sessions kept in the store (SQLite): the browser holds a random id in an HttpOnly cookie, the
// store holds its sha256, the user and the CSRF token of the session's forms. Logging in always
// starts a new session (the id is regenerated) so that an id planted before login is worthless.
// Only a login makes a session: a visitor is no row (login-csrf.ts).
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { SessionRecord, UserStore } from '../store/users-types.js';
import { clearCookie, readCookie, writeCookie } from './cookies.js';
import { randomSecret, sha256 } from './secrets.js';

export const SESSION_COOKIE = 'eca_session';

export interface SessionOptions {
  secureCookies: boolean;
  /** Lifetime of a signed-in session. */
  ttlMs: number;
}

export const DEFAULT_SESSION_OPTIONS: SessionOptions = {
  secureCookies: false,
  ttlMs: 12 * 60 * 60 * 1000,
};

const SWEEP_INTERVAL_MS = 60 * 60 * 1000;

export class Sessions {
  private lastSweep = 0;

  constructor(
    private readonly users: UserStore,
    private readonly options: SessionOptions,
  ) {}

  /** Loads the session and its user into res.locals; an expired session or disabled user counts as none. */
  readonly middleware: RequestHandler = async (req: Request, res: Response, next: NextFunction) => {
    res.locals.session = null;
    res.locals.user = null;
    res.locals.csrfToken = '';
    const id = readCookie(req, SESSION_COOKIE);
    if (id) {
      const session = await this.users.getSession(sha256(id));
      if (session && session.expiresAt > new Date().toISOString()) {
        // A visitor's row from before version 003 opens nothing.
        const user = session.userId === null ? null : await this.users.getUser(session.userId);
        if (user && !user.disabled) {
          res.locals.session = session;
          res.locals.user = user;
          res.locals.csrfToken = session.csrfToken;
        }
      }
    }
    next();
  };

  /** Ends the current session, if any, and starts a new one for `userId` (only ever at a login). */
  async start(res: Response, userId: number): Promise<SessionRecord> {
    if (res.locals.session) await this.users.deleteSession(res.locals.session.idHash);
    await this.sweep();
    const id = randomSecret();
    const now = Date.now();
    const ttl = this.options.ttlMs;
    const session: SessionRecord = {
      idHash: sha256(id),
      userId,
      csrfToken: randomSecret(),
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(now + ttl).toISOString(),
    };
    await this.users.createSession(session);
    writeCookie(res, SESSION_COOKIE, id, { secure: this.options.secureCookies, maxAgeMs: ttl });
    res.locals.session = session;
    res.locals.csrfToken = session.csrfToken;
    return session;
  }

  async end(res: Response): Promise<void> {
    if (res.locals.session) await this.users.deleteSession(res.locals.session.idHash);
    clearCookie(res, SESSION_COOKIE, { secure: this.options.secureCookies });
    res.locals.session = null;
    res.locals.user = null;
  }

  /** Expired sessions are deleted at most once an hour, when a new one starts. */
  private async sweep(): Promise<void> {
    const now = Date.now();
    if (now - this.lastSweep < SWEEP_INTERVAL_MS) return;
    this.lastSweep = now;
    await this.users.deleteExpiredSessions(new Date(now).toISOString());
  }
}
