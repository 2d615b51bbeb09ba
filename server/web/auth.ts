// Who is calling, and may they. Pages know the user by the session cookie (sessions.ts); the
// API by `Authorization: Bearer <token>` only, so that no cookie can make a cross-site API call
// and the API needs no CSRF token. No user: a page redirects to the login form, the API says
// 401. A role without the right: 403.
import type { Request, RequestHandler } from 'express';
import type { UserStore } from '../store/users-types.js';
import { HttpError } from './context.js';
import { may, type Permission } from './permissions.js';
import { sha256 } from './secrets.js';

export const bearerAuth = (users: UserStore): RequestHandler => async (req, res, next) => {
  res.locals.session = null;
  res.locals.csrfToken = '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  const user = match ? await users.findUserByToken(sha256(match[1]!)) : null;
  res.locals.user = user && !user.disabled ? user : null;
  next();
};

/** True when the client asked for JSON rather than a page. */
export function wantsJson(req: Request): boolean {
  return req.accepts(['html', 'json']) === 'json';
}

export function authorize(access: 'anyone' | Permission, kind: 'page' | 'api'): RequestHandler {
  return (req, res, next) => {
    if (access === 'anyone') return next();
    const { user } = res.locals;
    if (!user) {
      if (kind === 'api') res.setHeader('WWW-Authenticate', 'Bearer realm="eldercare-audit"');
      if (kind === 'api' || wantsJson(req) || req.method !== 'GET') return next(new HttpError(401, 'unauthorized'));
      return res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
    }
    if (!may(user, access)) return next(new HttpError(403, 'forbidden'));
    next();
  };
}
