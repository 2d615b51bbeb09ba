// Logging in and out. The login form of a visitor writes nothing to the database: its CSRF token
// lives in a short-lived cookie (login-csrf.ts), and a session row is made only for a user who
// has logged in.
import type { Request } from 'express';
import type { Handler } from '../handler.js';
import { issueLoginCsrf } from '../login-csrf.js';
import { decoyHash, verifyPassword } from '../passwords.js';

/** Only a path of this site: `/audits?x`, never `//evil.example` or `https://…`. */
export function safeNext(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : '/';
}

/** The client's address as Express sees it: behind a trusted proxy, the hop it names (app.ts). */
function clientAddress(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}

export const showLogin: Handler = async (req, res, app) => {
  if (res.locals.user) return res.redirect(303, safeNext(req.query['next']));
  issueLoginCsrf(req, res, app.secureCookies);
  res.render('login', { next: safeNext(req.query['next']), name: '', error: null });
};

export const login: Handler = async (req, res, app) => {
  const body = req.body as Record<string, unknown>;
  const name = typeof body['name'] === 'string' ? body['name'].trim() : '';
  const password = typeof body['password'] === 'string' ? body['password'] : '';
  const next = safeNext(body['next']);
  issueLoginCsrf(req, res, app.secureCookies);
  // Counted before the password is checked: parallel attempts get no extra tries.
  const answer = app.throttle.begin(clientAddress(req), name);
  if (!answer.allowed) {
    res.setHeader('Retry-After', String(answer.retryAfterSeconds));
    res.status(429).render('login', { next, name, error: res.locals.t('tooManyAttempts', { minutes: Math.ceil(answer.retryAfterSeconds / 60) }) });
    return;
  }
  const credentials = name ? await app.users.findCredentials(name) : null;
  // Verify against a decoy hash when there is no such user, so that timing does not tell.
  const ok = await verifyPassword(password, credentials?.passwordHash ?? (await decoyHash()));
  if (!credentials || !ok || credentials.user.disabled) {
    res.status(401).render('login', { next, name, error: res.locals.t('loginFailed') });
    return;
  }
  await app.sessions.start(res, credentials.user.id);
  app.throttle.succeeded(answer.attempt);
  res.redirect(303, next);
};

export const logout: Handler = async (_req, res, app) => {
  await app.sessions.end(res);
  res.redirect(303, '/login');
};
