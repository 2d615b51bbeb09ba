// The one 404 handler and the one error handler. Users get a friendly page (or JSON under /api
// or when they asked for JSON) with a reference number; the stack trace goes to the log only.
import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { StoreError } from '../store/types.js';
import { RectificationError } from '../store/rectification-types.js';
import { fileProblem } from '../workbook/problems.js';
import type { Logger } from './app-context.js';
import { wantsJson } from './auth.js';
import { HttpError } from './context.js';
import { translator, type MessageKey } from './i18n.js';

function answersJson(req: Request): boolean {
  return req.path.startsWith('/api/') || req.path === '/api' || wantsJson(req);
}

function send(req: Request, res: Response, status: number, key: MessageKey, vars: Record<string, string> = {}, extra: Record<string, string> = {}): void {
  res.status(status);
  if (answersJson(req)) {
    const t = { zh: translator('zh'), en: translator('en') };
    const message = { zh: t.zh(key, vars), en: t.en(key, vars) };
    // A 400 about a field keeps the one code of a bad request; `field` says which. Every limit
    // of an upload (a file's size, the number of files, their total) is the one code tooLarge.
    const body: Record<string, unknown> = { error: key === 'badField' ? 'badRequest' : status === 413 ? 'tooLarge' : key, ...extra, message };
    // Over the size cap the API answers like a rejected workbook, with the problem's code, and the file that broke it.
    if (status === 413) Object.assign(body, { valid: false, errors: [{ ...fileProblem('too_large', message), ...(vars['file'] ? { file: vars['file'] } : {}) }] });
    res.json(body);
    return;
  }
  res.render('error', { status, message: res.locals.t(key, vars) });
}

export const notFoundHandler: RequestHandler = (req, res) => send(req, res, 404, 'notFound');

/** http-errors from the body parsers carry a status and say whether it may be shown. */
function clientStatus(error: unknown): number | null {
  const status = (error as { status?: unknown }).status;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : null;
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      logger.error(`${res.locals.requestId} ${req.method} ${req.originalUrl}: failed after the response started`, error);
      next(error);
      return;
    }
    if (error instanceof HttpError) {
      if (error.status === 429) res.setHeader('Retry-After', error.detail ?? '60');
      if (error.messageKey === 'tooLarge') return send(req, res, error.status, 'tooLarge', { size: error.detail ?? '' });
      if (error.vars) return send(req, res, error.status, error.messageKey, error.vars, error.field ? { field: error.field } : {});
      // A 400 says which field is wrong and how, in the page as in the JSON.
      const extra = { ...(error.field ? { field: error.field } : {}), ...(error.detail && error.status === 400 ? { detail: error.detail } : {}) };
      if (error.messageKey === 'badRequest' && error.detail) {
        const detail = error.field ? `${error.field}: ${error.detail}` : error.detail;
        return send(req, res, 400, 'badField', { detail }, extra);
      }
      send(req, res, error.status, error.messageKey, {}, extra);
      return;
    }
    if (error instanceof RectificationError) {
      // The user's own mistake on a notice or waiver (no such item, a note missing, evidence
      // refused): its bilingual sentence, as the CLI prints it.
      const [zh, en] = error.message.split(' / ');
      res.status(422);
      if (answersJson(req)) res.json({ error: 'rectification', message: { zh, en: en ?? zh } });
      else res.render('error', { status: 422, message: res.locals.lang === 'zh' ? zh : (en ?? zh) });
      return;
    }
    if (error instanceof StoreError) {
      // The database refused a write (full disk, read-only file): a clear answer, not a stack,
      // and the login or form that met it says so instead of a 500 and then a CSRF refusal.
      logger.error(`${res.locals.requestId} ${req.method} ${req.originalUrl}: store`, error);
      // A workbook upload (its files, one or several) says nothing of it was stored.
      if (req.file || (Array.isArray(req.files) && req.files.length > 0)) send(req, res, 503, 'storeUnavailable');
      else send(req, res, 503, 'storeUnwritable', { reason: error.reason?.zh ?? '磁盘已满或为只读', reasonEn: error.reason?.en ?? 'the disk is full or read-only' });
      return;
    }
    const status = clientStatus(error);
    if (status !== null) {
      send(req, res, status === 413 ? 413 : 400, status === 413 ? 'tooLarge' : 'badRequest', { size: '' });
      return;
    }
    logger.error(`${res.locals.requestId} ${req.method} ${req.originalUrl}`, error);
    send(req, res, 500, 'serverError', { id: res.locals.requestId });
  };
}
