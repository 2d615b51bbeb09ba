// The login form's CSRF token for a visitor without a session: a random value in a short-lived
// HttpOnly cookie that the form repeats (double submit). Another site can neither read the
// cookie nor set it, so it cannot post a login form as the visitor; and a visitor costs the
// database nothing (a session row is made only at a successful login).
import type { Request, Response } from 'express';
import { readCookie, writeCookie } from './cookies.js';
import { randomSecret } from './secrets.js';

export const LOGIN_CSRF_COOKIE = 'eca_login';
const LOGIN_CSRF_TTL_MS = 2 * 60 * 60 * 1000;

/** The visitor's login token (kept when the cookie already holds a well-formed one) for the form. */
export function issueLoginCsrf(req: Request, res: Response, secure: boolean): string {
  const existing = readCookie(req, LOGIN_CSRF_COOKIE);
  const token = existing && /^[A-Za-z0-9_-]{43}$/.test(existing) ? existing : randomSecret();
  writeCookie(res, LOGIN_CSRF_COOKIE, token, { secure, maxAgeMs: LOGIN_CSRF_TTL_MS });
  res.locals.csrfToken = token;
  return token;
}

/** The token a form must repeat: the session's, or before any session the visitor cookie's. */
export function expectedCsrf(req: Request, res: Response): string | undefined {
  return res.locals.session?.csrfToken ?? readCookie(req, LOGIN_CSRF_COOKIE);
}
