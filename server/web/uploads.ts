// Uploads: multer reads the multipart body into memory under the size cap, then the check
// runs in a worker thread (checkIsolated) so that parsing a big workbook never blocks the
// request thread that serves everyone else, and a valid audit is stored by that same worker on
// its own connection, for the same reason. A rejected workbook is never stored.
import type { Request, RequestHandler } from 'express';
import multer from 'multer';
import { defaultRulebooks } from '../../checks/rulebook.js';
import { projectPath } from '../../checks/paths.js';
import { checkIsolated, DEFAULT_ISOLATION, WorkerStoreError } from '../audit/check-isolated.js';
import { CheckQueue } from '../audit/check-queue.js';
import type { AuditResult } from '../audit/result.js';
import { StoreError, type AuditStore } from '../store/types.js';
import type { UploadJob } from './upload-worker.js';
import { restrictionRefusal, type FacilityRestriction } from '../audit/facility-restriction.js';
import { formatSize } from '../workbook/zip.js';
import { isDate } from '../rectify/dates.js';
import { HttpError } from './context.js';

export const WORKBOOK_FIELD = 'workbook';

export interface UploadRequest {
  bytes: Buffer;
  fileName: string;
  asOf?: string;
  rulebook?: string;
  uploadedBy: string;
  /** Which facilities the workbook may and must hold (a manager's corrected workbook); anything else is refused, nothing stored. */
  restriction?: FacilityRestriction;
}

/** A stored audit (its id and the answer's JSON text), or a rejected or refused workbook's result (nothing stored). */
export type UploadOutcome = { auditId: string; json: string } | { auditId: null; result: AuditResult; refused?: string };

/** The checks of this process, shared by the pages and the API. */
const checks = new CheckQueue();

const UPLOAD_WORKER = projectPath('dist/server/web/upload-worker.js');

export async function checkAndStore(store: AuditStore, upload: UploadRequest, maxFileBytes: number): Promise<UploadOutcome> {
  const options = {
    fileName: upload.fileName,
    ...(upload.asOf ? { asOf: upload.asOf } : {}),
    ...(upload.rulebook ? { rulebook: upload.rulebook } : {}),
    limits: { maxFileBytes },
  };
  const record = { fileName: upload.fileName, uploadedBy: upload.uploadedBy, rulebookSelection: upload.rulebook ?? null };
  // The worker checks and stores on its own connection; only an in-memory database, which no
  // other thread can open, is written here.
  const outcome = await checks
    .run(() =>
      checkIsolated(upload.bytes, options, DEFAULT_ISOLATION, {
        returnFacts: store.shared === null,
        ...(store.shared ? { worker: { script: UPLOAD_WORKER, data: { store: store.shared, upload: record, restriction: upload.restriction ?? null } satisfies Omit<UploadJob, 'files' | 'options'> } } : {}),
      }),
    )
    .catch((error: unknown) => {
      throw error instanceof WorkerStoreError ? new StoreError(error.message, error.reason ?? undefined) : error;
    });
  if (outcome.stored) return outcome.stored;
  const { result, facts } = outcome;
  if (outcome.refused) return { auditId: null, result, refused: outcome.refused };
  if (!result.valid || !facts) return { auditId: null, result };
  const refused = upload.restriction ? restrictionRefusal(facts, upload.restriction) : null;
  if (refused !== null) return { auditId: null, result, refused };
  const auditId = await store.saveAudit({ bytes: upload.bytes, ...record, result, facts, rulebooks: defaultRulebooks() });
  return { auditId, json: JSON.stringify({ auditId, ...result }) };
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

/** The form field each upload problem is about, for a 400 that names it. */
export const UPLOAD_PROBLEM_FIELDS = { noFile: WORKBOOK_FIELD, badDate: 'asOf', badRulebook: 'rulebook' } as const;

/** The form fields beside the file, validated; each problem is an i18n message key. */
export function uploadFields(req: Request): { asOf?: string; rulebook?: string; problem?: keyof typeof UPLOAD_PROBLEM_FIELDS } {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const asOf = typeof body['asOf'] === 'string' && body['asOf'].trim() !== '' ? body['asOf'].trim() : undefined;
  const rulebook = typeof body['rulebook'] === 'string' && body['rulebook'] !== '' ? body['rulebook'] : undefined;
  if (!req.file) return { problem: 'noFile' };
  if (asOf !== undefined && !isDate(asOf)) return { problem: 'badDate' };
  if (rulebook !== undefined && !defaultRulebooks().some((b) => b.id === rulebook)) return { problem: 'badRulebook' };
  return { ...(asOf ? { asOf } : {}), ...(rulebook ? { rulebook } : {}) };
}
