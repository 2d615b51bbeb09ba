// The multipart body of a notice's response: a text, the items answered, up to ten evidence
// files (each under the evidence cap) and at most one corrected workbook (under the workbook cap).
import type { Request, RequestHandler } from 'express';
import multer from 'multer';
import { EVIDENCE_MAX_BYTES, EVIDENCE_MAX_FILES } from '../rectify/evidence.js';
import { multipartBody } from './uploads.js';

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
  return multipartBody(parse, cap, cap * (EVIDENCE_MAX_FILES + 1) + 64 * 1024);
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
