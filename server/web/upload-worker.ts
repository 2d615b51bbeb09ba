// An upload's check and, when the workbook is valid, its storing, both in one worker thread:
// a county-scale audit is tens of thousands of rows, and inserting them (about a second on
// SQLite) on the request thread would stall every other user. The worker opens the same store
// on its own connection; the request thread gets back the audit id and the answer's JSON text.
import { parentPort, workerData } from 'node:worker_threads';
import { defaultRulebooks } from '../../checks/rulebook.js';
import { checkWorkbook, type CheckOptions } from '../audit/check.js';
import { openStore } from '../store/index.js';
import { StoreError, type StoreLocation } from '../store/types.js';
import { restrictionRefusal, type FacilityRestriction } from '../audit/facility-restriction.js';
import { originalsOf } from '../audit/originals.js';

export interface UploadJob {
  /** The files, as posted between threads (Buffers arrive as plain Uint8Arrays). */
  files: { name: string; bytes: Uint8Array; sheet?: string }[];
  options: CheckOptions;
  store: StoreLocation;
  upload: { uploadedBy: string; rulebookSelection: string | null };
  /** Applied before storing: a refused workbook stores nothing. */
  restriction: FacilityRestriction | null;
}

export type UploadWorkerMessage =
  | { ok: true; outcome: { result: unknown; facts: null }; stored?: { auditId: string; json: string }; refused?: string }
  | { ok: false; message: string; storeReason?: { zh: string; en: string } | null };

async function run(job: UploadJob): Promise<UploadWorkerMessage> {
  const files = job.files.map((file) => ({ ...file, bytes: Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength) }));
  const { result, facts } = await checkWorkbook(files, job.options);
  if (!result.valid || !facts) return { ok: true, outcome: { result, facts: null } };
  const refused = job.restriction ? restrictionRefusal(facts, job.restriction) : null;
  if (refused !== null) return { ok: true, outcome: { result, facts: null }, refused };
  const store = openStore(job.store.location, job.store);
  try {
    const auditId = await store.saveAudit({ ...originalsOf(files, result), ...job.upload, result, facts, rulebooks: defaultRulebooks() });
    // The findings travel as JSON text (one copy of a string), not as objects to clone.
    return { ok: true, outcome: { result: { ...result, findings: [] }, facts: null }, stored: { auditId, json: JSON.stringify({ auditId, ...result }) } };
  } finally {
    await store.close();
  }
}

run(workerData as UploadJob).then(
  (message) => parentPort!.postMessage(message),
  (error: unknown) =>
    parentPort!.postMessage({
      ok: false,
      message: error instanceof Error ? error.message : String(error),
      storeReason: error instanceof StoreError ? (error.reason ?? null) : undefined,
    } satisfies UploadWorkerMessage),
);
