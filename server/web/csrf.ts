// CSRF: every form of a page carries the session's token in `_csrf` (or a script sends it as
// X-CSRF-Token), the login form a visitor's (login-csrf.ts); a POST without the right one is
// refused with 403 before it does anything.
import type { RequestHandler } from 'express';
import { HttpError } from './context.js';
import { expectedCsrf } from './login-csrf.js';
import { safeEqual } from './secrets.js';

export const CSRF_FIELD = '_csrf';

export const requireCsrf: RequestHandler = (req, res, next) => {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const sent = typeof body[CSRF_FIELD] === 'string' ? body[CSRF_FIELD] : req.get('x-csrf-token');
  const expected = expectedCsrf(req, res);
  if (!expected || typeof sent !== 'string' || !safeEqual(sent, expected)) return next(new HttpError(403, 'csrf'));
  next();
};
