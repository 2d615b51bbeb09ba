// Uploads: multer reads the multipart body into memory under the size cap, then the check
// runs in a worker thread (checkIsolated) so that parsing a big workbook never blocks the
// request thread that serves everyone else. A valid audit is stored; a rejected one never is.
import type { Request, RequestHandler } from 'express';
import multer from 'multer';
import { defaultRulebooks } from '../../checks/rulebook.js';
import { checkIsolated } from '../audit/check-isolated.js';
import { CheckQueue } from '../audit/check-queue.js';
import type { AuditResult } from '../audit/result.js';
import type { AuditStore } from '../store/types.js';
import type { WorkbookFacts } from '../../checks/facts.js';
import { formatSize } from '../workbook/zip.js';
import { dateOption } from '../cli/args.js';
import { HttpError } from './context.js';

export const WORKBOOK_FIELD = 'workbook';

export interface UploadRequest {
  bytes: Buffer;
  fileName: string;
  asOf?: string;
  rulebook?: string;
  uploadedBy: string;
  /** A last word before storing (a facility manager's workbook must hold only their facility): a refusal, else null. */
  accept?: (facts: WorkbookFacts) => string | null;
}

export interface UploadOutcome {
  result: AuditResult;
  /** The stored audit's id; null when the workbook was rejected (nothing stored). */
  auditId: string | null;
  /** Why `accept` refused a valid workbook (nothing stored). */
  refused?: string;
}

/** The checks of this process, shared by the pages and the API. */
const checks = new CheckQueue();

export async function checkAndStore(store: AuditStore, upload: UploadRequest, maxFileBytes: number): Promise<UploadOutcome> {
  const { result, facts } = await checks.run(() =>
    checkIsolated(upload.bytes, {
      fileName: upload.fileName,
      ...(upload.asOf ? { asOf: upload.asOf } : {}),
      ...(upload.rulebook ? { rulebook: upload.rulebook } : {}),
      limits: { maxFileBytes },
    }),
  );
  if (!result.valid || !facts) return { result, auditId: null };
  const refused = upload.accept?.(facts) ?? null;
  if (refused !== null) return { result, auditId: null, refused };
  const auditId = await store.saveAudit({
    bytes: upload.bytes,
    fileName: upload.fileName,
    uploadedBy: upload.uploadedBy,
    rulebookSelection: upload.rulebook ?? null,
    result,
    facts,
    rulebooks: defaultRulebooks(),
  });
  return { result, auditId };
}

/** Multipart parsing of one workbook file, with a 413 HttpError over the cap. */
export function workbookUpload(maxFileBytes: number): RequestHandler {
  const parse = multer({
    storage: multer.memoryStorage(),
    // Browsers send UTF-8 file names without saying so; Chinese names must survive.
    defParamCharset: 'utf8',
    limits: { fileSize: maxFileBytes, files: 1, fields: 10, fieldSize: 4096, parts: 12 },
  }).single(WORKBOOK_FIELD);
  return multipartBody(parse, maxFileBytes, maxFileBytes + 64 * 1024);
}

/**
 * A multer parser as middleware: a declared body over `maxBodyBytes` is refused before it is
 * read, a file over `maxFileBytes` is a 413, anything else the parser trips on a 400.
 */
export function multipartBody(parse: RequestHandler, maxFileBytes: number, maxBodyBytes: number): RequestHandler {
  return (req, res, next) => {
    if (Number(req.headers['content-length'] ?? 0) > maxBodyBytes) {
      next(new HttpError(413, 'tooLarge', formatSize(maxFileBytes).en));
      return;
    }
    parse(req, res, (error: unknown) => {
      if (!error) next();
      else if (error instanceof multer.MulterError && error.code === 'LIMIT_FILE_SIZE') next(new HttpError(413, 'tooLarge', formatSize(maxFileBytes).en));
      // Anything else the multipart parser trips on (a malformed part header, a cut-off body)
      // is the request's fault: a 400, never a 500.
      else next(new HttpError(400, 'badRequest', error instanceof multer.MulterError ? error.code : (error as Error).message));
    });
  };
}

/** The form fields beside the file, validated; each problem is an i18n message key. */
export function uploadFields(req: Request): { asOf?: string; rulebook?: string; problem?: 'noFile' | 'badDate' | 'badRulebook' } {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const asOf = typeof body['asOf'] === 'string' && body['asOf'].trim() !== '' ? body['asOf'].trim() : undefined;
  const rulebook = typeof body['rulebook'] === 'string' && body['rulebook'] !== '' ? body['rulebook'] : undefined;
  if (!req.file) return { problem: 'noFile' };
  if (asOf !== undefined && !isDate(asOf)) return { problem: 'badDate' };
  if (rulebook !== undefined && !defaultRulebooks().some((b) => b.id === rulebook)) return { problem: 'badRulebook' };
  return { ...(asOf ? { asOf } : {}), ...(rulebook ? { rulebook } : {}) };
}

function isDate(value: string): boolean {
  try {
    return dateOption(value, 'asOf') === value;
  } catch {
    return false;
  }
}
