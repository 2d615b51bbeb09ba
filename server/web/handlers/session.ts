// Logging in and out.
import type { Request } from 'express';
import type { Handler } from '../handler.js';
import { decoyHash, verifyPassword } from '../passwords.js';

/** Only a path of this site: `/audits?x`, never `//evil.example` or `https://…`. */
export function safeNext(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : '/';
}

function clientAddress(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}

export const showLogin: Handler = async (req, res, app) => {
  if (res.locals.user) return res.redirect(303, safeNext(req.query['next']));
  await app.sessions.ensure(res);
  res.render('login', { next: safeNext(req.query['next']), name: '', error: null });
};

export const login: Handler = async (req, res, app) => {
  const body = req.body as Record<string, unknown>;
  const name = typeof body['name'] === 'string' ? body['name'].trim() : '';
  const password = typeof body['password'] === 'string' ? body['password'] : '';
  const next = safeNext(body['next']);
  const address = clientAddress(req);
  const wait = app.throttle.retryAfter(address, name);
  if (wait > 0) {
    res.setHeader('Retry-After', String(wait));
    res.status(429).render('login', { next, name, error: res.locals.t('tooManyAttempts', { minutes: Math.ceil(wait / 60) }) });
    return;
  }
  const credentials = name ? await app.users.findCredentials(name) : null;
  // Verify against a decoy hash when there is no such user, so that timing does not tell.
  const ok = await verifyPassword(password, credentials?.passwordHash ?? (await decoyHash()));
  if (!credentials || !ok || credentials.user.disabled) {
    app.throttle.recordFailure(address, name);
    res.status(401).render('login', { next, name, error: res.locals.t('loginFailed') });
    return;
  }
  app.throttle.recordSuccess(address, name);
  await app.sessions.start(res, credentials.user.id);
  res.redirect(303, next);
};

export const logout: Handler = async (_req, res, app) => {
  await app.sessions.end(res);
  res.redirect(303, '/login');
};

