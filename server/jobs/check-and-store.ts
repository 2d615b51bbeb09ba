// The worker's side of "check and store" (store-job.ts): the check, the facility restriction,
// then the audit saved (save-checked.ts) on the worker's own connection.
import { checkWorkbook } from '../audit/check.js';
import { jobFiles, sendJson, verdictOf, type CheckJob, type CheckReply } from '../audit/check-job.js';
import { restrictionRefusal } from '../audit/facility-restriction.js';
import type { AuditResult } from '../audit/result.js';
import type { Progress } from '../audit/worker-loop.js';
import { openStore } from '../store/index.js';
import { StoreError } from '../store/types.js';
import { saveChecked } from './save-checked.js';
import { formatSummary } from './summary-text.js';
import type { StoreJobData } from './store-job.js';

export type StoreJob = CheckJob & StoreJobData;

/** The result as the caller asked for it (StoreAnswer), with the audit id when stored. */
function answer(job: StoreJob, result: AuditResult, progress: Progress, auditId?: string): CheckReply {
  const stored = auditId === undefined ? {} : { stored: { auditId } };
  if (job.answer === 'json') {
    sendJson({ ...(auditId === undefined ? {} : { auditId }), ...result }, progress);
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
  const { result, facts } = await checkWorkbook(files, job.options);
  if (!result.valid || !facts) return answer(job, result, progress);
  const refused = job.restriction ? restrictionRefusal(facts, job.restriction) : null;
  if (refused !== null) return { ok: true, outcome: { result, facts: null }, refused };
  const store = openStore(job.store.location, job.store);
  let auditId: string;
  try {
    auditId = await saveChecked(store, files, { result, facts }, job.upload);
  } finally {
    await store.close();
  }
  return answer(job, result, progress, auditId);
}

/** A store's refusal (a full disk, a read-only file) is an answer, for the caller to give as its own. */
export function runStoreJob(job: StoreJob, progress: Progress): Promise<CheckReply> {
  return checkAndStore(job, progress).catch((error: unknown) => {
    if (!(error instanceof StoreError)) throw error;
    return { ok: false, message: error.message, storeReason: error.reason ?? null };
  });
}
