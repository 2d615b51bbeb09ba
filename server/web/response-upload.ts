// The multipart body of a notice's response: a text, the items answered, up to ten evidence
// files (each under the evidence cap) and at most one corrected workbook (under the workbook cap).
import type { Request, RequestHandler } from 'express';
import multer from 'multer';
import { EVIDENCE_MAX_BYTES, EVIDENCE_MAX_FILES } from '../rectify/evidence.js';
import { formatSize } from '../workbook/zip.js';
import { HttpError } from './context.js';

export function responseUpload(maxWorkbookBytes: number): RequestHandler {
  const cap = Math.max(maxWorkbookBytes, EVIDENCE_MAX_BYTES);
  const parse = multer({
    storage: multer.memoryStorage(),
    defParamCharset: 'utf8',
    limits: { fileSize: cap, files: EVIDENCE_MAX_FILES + 1, fields: 40, fieldSize: 16 * 1024, parts: EVIDENCE_MAX_FILES + 41 },
  }).fields([
    { name: 'evidence', maxCount: EVIDENCE_MAX_FILES },
    { name: 'workbook', maxCount: 1 },
  ]);
  return (req, res, next) => {
    if (Number(req.headers['content-length'] ?? 0) > cap * (EVIDENCE_MAX_FILES + 1) + 64 * 1024) {
      next(new HttpError(413, 'tooLarge', formatSize(cap).en));
      return;
    }
    parse(req, res, (error: unknown) => {
      if (!error) next();
      else if (error instanceof multer.MulterError && error.code === 'LIMIT_FILE_SIZE') next(new HttpError(413, 'tooLarge', formatSize(cap).en));
      else next(new HttpError(400, 'badRequest', error instanceof multer.MulterError ? error.code : (error as Error).message));
    });
  };
}

export interface ResponseParts {
  items: string[];
  text: string;
  evidence: { fileName: string; bytes: Buffer }[];
  workbook: { fileName: string; bytes: Buffer } | null;
}

export function responseParts(req: Request): ResponseParts {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const files = (req.files ?? {}) as Record<string, Express.Multer.File[] | undefined>;
  const item = body['item'];
  const workbook = files['workbook']?.[0];
  return {
    items: (Array.isArray(item) ? item : item === undefined ? [] : [item]).map(String),
    text: typeof body['text'] === 'string' ? body['text'].trim() : '',
    evidence: (files['evidence'] ?? []).map((f) => ({ fileName: f.originalname, bytes: f.buffer })),
    workbook: workbook && workbook.size > 0 ? { fileName: workbook.originalname, bytes: workbook.buffer } : null,
  };
}
