// The check a pooled worker runs (worker.ts), and what the store's worker shares with it: the
// files as they arrive between threads, and the result's JSON handed over in pieces.
import { checkWorkbook, type CheckOptions, type CheckOutcome } from './check.js';
import type { AuditResult } from './result.js';
import { resultJsonBytes } from './result-json.js';
import type { Progress } from './worker-loop.js';

export interface CheckJob {
  /** The files, as posted between threads (Buffers arrive as plain Uint8Arrays). */
  files: readonly { name: string; bytes: Uint8Array; sheet?: string }[];
  options: CheckOptions;
  /** Whether the caller keeps the facts (to store them); copying 100,000 staff rows back costs. */
  returnFacts: boolean;
  /** Whether the caller only prints the result as JSON: it gets the text and the verdict alone. */
  json: boolean;
}

/** What a check job answers (see IsolatedOutcome in check-isolated.ts). */
export type CheckReply =
  | { ok: true; outcome: CheckOutcome; stored?: { auditId: string; json?: string; summary?: string }; refused?: string }
  | { ok: false; message: string; storeReason?: { zh: string; en: string } | null };

/** A JSON piece as progress: UTF-8 bytes, moved to the caller rather than copied. */
export interface JsonPiece {
  jsonPiece: Uint8Array;
}

/** The job's files as Buffers again, over the same memory. */
export function jobFiles(job: CheckJob): { name: string; bytes: Buffer; sheet?: string }[] {
  return job.files.map((file) => ({ ...file, bytes: Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength) }));
}

/**
 * Sends `document` as `check --json` prints it, in UTF-8 pieces handed over as they are made;
 * the caller writes them once the check has ended well. Each piece has its own memory to move.
 */
export function sendJson(document: AuditResult, progress: Progress): void {
  for (const bytes of resultJsonBytes(document)) sendJsonPiece(bytes, progress);
}

/** One of the pieces sendJson sends (see sendJsonAside in server/jobs/check-and-store.ts). */
export function sendJsonPiece(bytes: Uint8Array, progress: Progress): void {
  progress({ jsonPiece: bytes } satisfies JsonPiece, [bytes.buffer as ArrayBuffer]);
}

/**
 * A result without its findings, errors and warnings, for a caller that got its JSON: copying
 * 18,000 findings to the caller only to write them out again cost more than the rest of the
 * check (issue 20).
 */
export const verdictOf = (result: AuditResult): AuditResult => ({ ...result, findings: [], errors: [], warnings: [] });

export async function runCheckJob(job: CheckJob, progress: Progress): Promise<CheckReply> {
  const outcome = await checkWorkbook(jobFiles(job), job.options);
  if (job.json) {
    sendJson(outcome.result, progress);
    return { ok: true, outcome: { result: verdictOf(outcome.result), facts: null } };
  }
  return { ok: true, outcome: job.returnFacts ? outcome : { ...outcome, facts: null } };
}
