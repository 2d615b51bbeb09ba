// "Check and store" as the CLI (`check --db`) and the web (an upload) ask for it: both the check
// and the storing run in one pooled worker (store-worker.ts, check-and-store.ts), which opens the
// store on its own connection. A county-scale audit is 100,000 staff rows: copying its facts back
// to the calling thread, and inserting them there, cost seconds of that thread (a CLI's wall
// time, every other user's pages). Only the audit id and the answer's JSON come back.
import type { Lang } from '../../checks/format.js';
import type { CheckOptions } from '../audit/check.js';
import type { CheckInput } from '../audit/check-input.js';
import { checkIsolated, WorkerStoreError, type IsolatedOutcome } from '../audit/check-isolated.js';
import { DEFAULT_ISOLATION, STORE_WORKER, warmCheckWorker } from '../audit/check-pools.js';
import type { FacilityRestriction } from '../audit/facility-restriction.js';
import { StoreError, type StoreLocation } from '../store/types.js';

export interface StoreTarget {
  store: StoreLocation;
  upload: { uploadedBy: string; rulebookSelection: string | null };
  /** Applied before storing: a refused workbook stores nothing. */
  restriction: FacilityRestriction | null;
}

/**
 * What comes back besides the verdict:
 * - `json`: the result as `check --json` prints it (with the audit id), in pieces (`check --json --db`);
 * - `text`: a stored audit's compact JSON text, `{ auditId, ...result }`, one string to send (the web);
 * - `result`: the whole result, without facts (`check --db --pdf` draws its PDF);
 * - `summary`: a stored audit's summary as `check --db` prints it (summary-text.ts), and the verdict.
 * A rejected or refused workbook's whole result comes back but as `json`.
 */
export type StoreAnswer = 'json' | 'text' | 'result' | { summary: { lang: Lang; colour: boolean } };

/** What store-worker.ts is given beside the check. */
export interface StoreJobData extends StoreTarget {
  answer: StoreAnswer;
}

/** Starts the CLI's storing worker ahead of its job (see warmCheckWorker). */
export const warmStoreWorker = (): void => warmCheckWorker(STORE_WORKER);

/** The check and, when the workbook is valid (and not refused), its storing, in a pooled worker. */
export async function checkAndStoreIsolated(
  input: CheckInput,
  options: CheckOptions,
  target: StoreTarget,
  { answer, background }: { answer: StoreAnswer; background: boolean },
): Promise<IsolatedOutcome> {
  try {
    return await checkIsolated(input, options, DEFAULT_ISOLATION, {
      returnFacts: false,
      json: answer === 'json',
      background,
      worker: { script: STORE_WORKER, data: { ...target, answer } satisfies StoreJobData },
    });
  } catch (error) {
    // The store's refusal, made in the worker, reaches the caller as the store's own error.
    throw error instanceof WorkerStoreError ? new StoreError(error.message, error.reason ?? undefined) : error;
  }
}
