// Uploads: multer reads the multipart body into memory under the caps (each file, how many files,
// all of them together), then the check runs in a worker thread (checkIsolated) so that parsing a
// big workbook never blocks the request thread that serves everyone else, and a valid audit is
// stored by that same worker on its own connection, for the same reason. Several files (a county's
// one workbook per facility and its region file) are read as one workbook, as `check a b c` reads
// them. A rejected upload is never stored.
import type { Request, RequestHandler } from 'express';
import multer from 'multer';
import { defaultRulebooks } from '../../checks/rulebook.js';
import { checkIsolated } from '../audit/check-isolated.js';
import type { AuditResult } from '../audit/result.js';
import type { AuditStore } from '../store/types.js';
import { checkAndStoreIsolated } from '../jobs/store-job.js';
import { saveChecked } from '../jobs/save-checked.js';
import { restrictionRefusal, type FacilityRestriction } from '../audit/facility-restriction.js';
import { formatSize } from '../workbook/zip.js';
import { isDate } from '../rectify/dates.js';
import { HttpError } from './context.js';
import type { InputFile } from '../workbook/sources/open.js';
import { visible } from '../workbook/text.js';

export const WORKBOOK_FIELD = 'workbook';

/** What one upload may hold. */
export interface UploadLimits {
  /** Each file (the CLI's --max-size). */
  maxFileBytes: number;
  /** How many files. */
  maxFiles: number;
  /** All files together. */
  maxTotalBytes: number;
}

/** A county's facilities and its region file fit; more is a collection to split. */
export const DEFAULT_MAX_UPLOAD_FILES = 100;
export const DEFAULT_MAX_UPLOAD_TOTAL_BYTES = 100 * 1024 * 1024;

export interface UploadRequest {
  /** One workbook, or the several files read as one, in the order sent. */
  files: readonly InputFile[];
  asOf?: string;
  rulebook?: string;
  uploadedBy: string;
  /** Which facilities the workbook may and must hold (a manager's corrected workbook); anything else is refused, nothing stored. */
  restriction?: FacilityRestriction;
}

/** A stored audit (its id and the answer's JSON text), or a rejected or refused workbook's result (nothing stored). */
export type UploadOutcome = { auditId: string; json: string } | { auditId: null; result: AuditResult; refused?: string };

export async function checkAndStore(store: AuditStore, upload: UploadRequest, maxFileBytes: number): Promise<UploadOutcome> {
  const options = {
    fileName: upload.files[0]!.name,
    ...(upload.asOf ? { asOf: upload.asOf } : {}),
    ...(upload.rulebook ? { rulebook: upload.rulebook } : {}),
    limits: { maxFileBytes },
  };
  const record = { uploadedBy: upload.uploadedBy, rulebookSelection: upload.rulebook ?? null };
  // The worker checks and stores on its own connection, below the priority of the thread that
  // answers pages; only an in-memory database, which no other thread can open, is written here.
  const outcome = store.shared
    ? await checkAndStoreIsolated(upload.files, options, { store: store.shared, upload: record, restriction: upload.restriction ?? null }, { answer: 'text', background: true })
    : await checkIsolated(upload.files, options, undefined, { returnFacts: true, background: true });
  if (outcome.stored?.json !== undefined) return { auditId: outcome.stored.auditId, json: outcome.stored.json };
  const { result, facts } = outcome;
  if (outcome.refused) return { auditId: null, result, refused: outcome.refused };
  if (!result.valid || !facts) return { auditId: null, result };
  const refused = upload.restriction ? restrictionRefusal(facts, upload.restriction) : null;
  if (refused !== null) return { auditId: null, result, refused };
  const auditId = await saveChecked(store, upload.files, { result, facts }, record);
  return { auditId, json: JSON.stringify({ auditId, ...result }) };
}

/**
 * Multipart parsing of the workbook files, each 413 naming the file that broke its limit: too
 * large itself, one file too many, or past the total. A file is refused as it begins, before
 * its bytes are read, so that no request holds more than the limits in memory.
 */
export function workbookUpload(limits: UploadLimits): RequestHandler {
  return (req, res, next) => {
    let count = 0;
    let current = '';
    const sentSoFar = () => ((req.files as Express.Multer.File[] | undefined) ?? []).reduce((sum, file) => sum + (file.size ?? 0), 0);
    const parse = multer({
      storage: multer.memoryStorage(),
      // Browsers send UTF-8 file names without saying so; Chinese names must survive.
      defParamCharset: 'utf8',
      limits: { fileSize: limits.maxFileBytes, files: limits.maxFiles + 1, fields: 10, fieldSize: 4096, parts: limits.maxFiles + 12 },
      fileFilter: (_req, file, accept) => {
        count += 1;
        current = file.originalname;
        if (count > limits.maxFiles) accept(tooManyFiles(limits, current, count));
        else if (sentSoFar() > limits.maxTotalBytes) accept(totalTooLarge(limits, current));
        else accept(null, true);
      },
    }).array(WORKBOOK_FIELD);
    const parseChecked: RequestHandler = (request, response, done) =>
      parse(request, response, (error: unknown) => {
        if (error) return done(error);
        // The last file may be the one that passes the total.
        let total = 0;
        for (const file of (request.files as Express.Multer.File[] | undefined) ?? []) {
          total += file.size;
          if (total > limits.maxTotalBytes) return done(totalTooLarge(limits, file.originalname));
        }
        done();
      });
    multipartBody(parseChecked, limits.maxFileBytes, limits.maxTotalBytes + (limits.maxFiles + 1) * 1024 + 64 * 1024, () => current)(req, res, next);
  };
}

function tooManyFiles(limits: UploadLimits, file: string, n: number): HttpError {
  return new HttpError(413, 'tooManyFiles', undefined, undefined, { max: String(limits.maxFiles), file: visible(file), n: String(n) });
}

function totalTooLarge(limits: UploadLimits, file: string): HttpError {
  const size = formatSize(limits.maxTotalBytes);
  return new HttpError(413, 'uploadTooLarge', size.en, undefined, { size: size.zh, sizeEn: size.en, file: visible(file) });
}

/**
 * A multer parser as middleware: a declared body over `maxBodyBytes` is refused before it is
 * read, a file over `maxFileBytes` is a 413, anything else the parser trips on a 400.
 */
export function multipartBody(parse: RequestHandler, maxFileBytes: number, maxBodyBytes: number, fileBeingRead?: () => string): RequestHandler {
  return (req, res, next) => {
    if (Number(req.headers['content-length'] ?? 0) > maxBodyBytes) {
      next(new HttpError(413, 'tooLarge', formatSize(maxFileBytes).en));
      return;
    }
    parse(req, res, (error: unknown) => {
      if (!error) next();
      else if (error instanceof HttpError) next(error);
      else if (error instanceof multer.MulterError && error.code === 'LIMIT_FILE_SIZE') {
        const file = fileBeingRead?.();
        const size = formatSize(maxFileBytes);
        next(file ? new HttpError(413, 'fileTooLarge', size.en, undefined, { size: size.zh, sizeEn: size.en, file: visible(file) }) : new HttpError(413, 'tooLarge', size.en));
      }
      // Anything else the multipart parser trips on (a malformed part header, a cut-off body)
      // is the request's fault: a 400, never a 500.
      else next(new HttpError(400, 'badRequest', error instanceof multer.MulterError ? error.code : (error as Error).message));
    });
  };
}

/** The form field each upload problem is about, for a 400 that names it. */
export const UPLOAD_PROBLEM_FIELDS = { noFile: WORKBOOK_FIELD, sameFileName: WORKBOOK_FIELD, badDate: 'asOf', badRulebook: 'rulebook' } as const;

/** The files of an upload, in the order sent (empty parts, a file input left blank, dropped). */
export function uploadedFiles(req: Request): InputFile[] {
  return ((req.files as Express.Multer.File[] | undefined) ?? []).filter((f) => f.size > 0 || f.originalname !== '').map((f) => ({ name: f.originalname, bytes: f.buffer }));
}

/** The form fields beside the files, validated; each problem is an i18n message key. */
export function uploadFields(req: Request): { asOf?: string; rulebook?: string; problem?: keyof typeof UPLOAD_PROBLEM_FIELDS; vars?: Record<string, string> } {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const asOf = typeof body['asOf'] === 'string' && body['asOf'].trim() !== '' ? body['asOf'].trim() : undefined;
  const rulebook = typeof body['rulebook'] === 'string' && body['rulebook'] !== '' ? body['rulebook'] : undefined;
  const files = uploadedFiles(req);
  if (files.length === 0) return { problem: 'noFile' };
  // Errors name their file: two files of one name could not be told apart (the CLI refuses them too).
  const twice = files.find((file, index) => files.findIndex((other) => other.name === file.name) !== index);
  if (twice) return { problem: 'sameFileName', vars: { file: visible(twice.name) } };
  if (asOf !== undefined && !isDate(asOf)) return { problem: 'badDate' };
  if (rulebook !== undefined && !defaultRulebooks().some((b) => b.id === rulebook)) return { problem: 'badRulebook' };
  return { ...(asOf ? { asOf } : {}), ...(rulebook ? { rulebook } : {}) };
}
