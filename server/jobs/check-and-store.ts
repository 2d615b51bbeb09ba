// The worker's side of "check and store" (store-job.ts): the check, the facility restriction,
// then the audit saved (save-checked.ts) on the worker's own connection, and the answer made
// while it is saved.
import { setImmediate as turn } from 'node:timers/promises';
import { checkWorkbook } from '../audit/check.js';
import { jobFiles, sendJsonPiece, verdictOf, type CheckJob, type CheckReply } from '../audit/check-job.js';
import { restrictionRefusal } from '../audit/facility-restriction.js';
import type { AuditResult } from '../audit/result.js';
import { resultJsonBytes } from '../audit/result-json.js';
import type { Progress } from '../audit/worker-loop.js';
import { openStoreAhead } from '../store/index.js';
import { newAuditId } from '../store/rows.js';
import { StoreError } from '../store/types.js';
import { saveChecked } from './save-checked.js';
import { formatSummary } from './summary-text.js';
import type { StoreJobData } from './store-job.js';

export type StoreJob = CheckJob & StoreJobData;

/**
 * sendJson's pieces, with the thread handed back after each: while PostgreSQL runs one of the
 * audit's statements in its own process, the next piece is made here, and the store's next
 * statement goes out between pieces.
 */
async function sendJsonAside(document: AuditResult, progress: Progress): Promise<void> {
  for (const bytes of resultJsonBytes(document)) {
    sendJsonPiece(bytes, progress);
    await turn();
  }
}

/** The result as the caller asked for it (StoreAnswer), with the audit id when stored. */
async function answer(job: StoreJob, result: AuditResult, progress: Progress, auditId?: string): Promise<CheckReply> {
  const stored = auditId === undefined ? {} : { stored: { auditId } };
  if (job.answer === 'json') {
    await sendJsonAside({ ...(auditId === undefined ? {} : { auditId }), ...result }, progress);
    return { ok: true, outcome: { result: verdictOf(result), facts: null }, ...stored };
  }
  if (typeof job.answer === 'object' && auditId !== undefined) {
    // The summary travels as text: cloning 19,000 findings to the CLI's thread, only for it to
    // format them there, kept that thread busy ≈400 ms after the worker had finished (issue 20).
    return { ok: true, outcome: { result: verdictOf(result), facts: null }, stored: { auditId, summary: formatSummary(result, job.answer.summary) } };
  }
  if (job.answer === 'text' && auditId !== undefined) {
    // The findings travel as JSON text (one copy of a string), not as objects to clone.
    return { ok: true, outcome: { result: { ...result, findings: [] }, facts: null }, stored: { auditId, json: JSON.stringify({ auditId, ...result }) } };
  }
  return { ok: true, outcome: { result, facts: null }, ...stored };
}

async function checkAndStore(job: StoreJob, progress: Progress): Promise<CheckReply> {
  const files = jobFiles(job);
  // PostgreSQL connects (and migrates a new database) while the workbook is checked.
  const pending = openStoreAhead(job.store.location, job.store);
  try {
    const { result, facts } = await checkWorkbook(files, job.options);
    if (!result.valid || !facts) return await answer(job, result, progress);
    const refused = job.restriction ? restrictionRefusal(facts, job.restriction) : null;
    if (refused !== null) return { ok: true, outcome: { result, facts: null }, refused };
    const store = await pending.open();
    // Named before it is stored, so that its answer is made meanwhile: the caller gives that
    // answer only once the audit is stored (a failed store's reply is not ok, and its pieces
    // are dropped). SQLite stores in turn (synchronously); PostgreSQL in its own process.
    const auditId = newAuditId();
    const [saved, answered] = await Promise.allSettled([
      saveChecked(store, files, { result, facts }, { ...job.upload, auditId }),
      answer(job, result, progress, auditId),
    ]);
    // Both have ended: no piece of this answer may follow its reply.
    if (saved.status === 'rejected') throw saved.reason;
    if (answered.status === 'rejected') throw answered.reason;
    return answered.value;
  } finally {
    await pending.close();
  }
}

/** A store's refusal (a full disk, a read-only file) is an answer, for the caller to give as its own. */
export function runStoreJob(job: StoreJob, progress: Progress): Promise<CheckReply> {
  return checkAndStore(job, progress).catch((error: unknown) => {
    if (!(error instanceof StoreError)) throw error;
    return { ok: false, message: error.message, storeReason: error.reason ?? null };
  });
}
