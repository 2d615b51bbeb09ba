// The check under a time and memory limit: the pipeline runs in a worker thread that is
// terminated when it takes too long or runs out of its heap; either way the caller gets a
// `too_large` rejection, never a hang or a crash.
import { Worker } from 'node:worker_threads';
import { projectPath } from '../../checks/paths.js';
import { fileProblem } from '../workbook/problems.js';
import type { CheckOptions, CheckOutcome } from './check.js';
import { inputFiles, workbookIdentity, type CheckInput } from './check-input.js';
import { todayInChina } from './today.js';
import { countStatuses } from './result.js';
import { TOOL } from './version.js';

export interface IsolationLimits {
  /** Wall-clock limit of one check. */
  timeoutMs: number;
  /** Heap limit of the worker (old generation), in MB. */
  maxHeapMb: number;
}

export const DEFAULT_ISOLATION: IsolationLimits = { timeoutMs: 120_000, maxHeapMb: 2048 };

const WORKER = projectPath('dist/server/audit/worker.js');

/** What a worker may send back beyond the check's outcome (see server/web/upload-worker.ts). */
export interface IsolatedOutcome extends CheckOutcome {
  /** Set when the worker also stored the audit: its id and the answer's JSON text. */
  stored?: { auditId: string; json: string };
  /** Set when the worker refused to store a valid workbook (see facility-restriction.ts). */
  refused?: string;
  /**
   * The result as `check --json` prints it, when the run asked for it (`json`): the worker writes
   * it, and `result` then carries only its verdict (validity, counts) without findings, errors or
   * warnings, since copying 18,000 findings to this thread only to write them out again cost more
   * than the rest of the check (issue 20). UTF-8 pieces in order, ending with a line break.
   */
  json?: Uint8Array[];
}

export interface IsolatedRun {
  /** Whether the caller keeps the facts (to store them); copying them between threads costs. */
  returnFacts?: boolean;
  /** Whether the caller only prints the result as JSON (see IsolatedOutcome.json). */
  json?: boolean;
  /** Another worker script with the same messages, and what it is given beside the check. */
  worker?: { script: string; data: Record<string, unknown> };
}

/** A failure the worker reports; a store's refusal (full disk, read-only) says so in storeReason. */
type WorkerFailure = { ok: false; message: string; storeReason?: { zh: string; en: string } | null };

/** A store's refusal inside the worker, for the caller to answer as it answers its own store's. */
export class WorkerStoreError extends Error {
  constructor(
    message: string,
    readonly reason: { zh: string; en: string } | null,
  ) {
    super(message);
    this.name = 'WorkerStoreError';
  }
}

/** The file, or the files, named in a time or memory rejection. */
const nameOf = (input: CheckInput, options: CheckOptions) => inputFiles(input, options).map((file) => file.name).join('、');

function tooLarge(input: CheckInput, options: CheckOptions, zh: string, en: string): CheckOutcome {
  return {
    facts: null,
    result: {
      tool: { ...TOOL },
      asOf: options.asOf ?? todayInChina(),
      valid: false,
      workbook: { ...workbookIdentity(inputFiles(input, options)), rows: {} },
      rulebooks: [],
      summary: countStatuses([]),
      findings: [],
      errors: [fileProblem('too_large', { zh, en })],
      warnings: [],
    },
  };
}

/**
 * The check in a worker under `limits`. With `returnFacts: false` the outcome's facts are null
 * (a check that is not stored has no use for them, and copying them between threads costs).
 */
export function checkIsolated(
  input: CheckInput,
  options: CheckOptions,
  limits: IsolationLimits = DEFAULT_ISOLATION,
  { returnFacts = true, json = false, worker: script }: IsolatedRun = {},
): Promise<IsolatedOutcome> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script?.script ?? WORKER, {
      workerData: { files: inputFiles(input, options), options: { ...options, rulebooks: undefined }, returnFacts, json, ...script?.data },
      resourceLimits: { maxOldGenerationSizeMb: limits.maxHeapMb },
    });
    let settled = false;
    const settle = (action: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      action();
      void worker.terminate();
    };
    const timer = setTimeout(
      () =>
        settle(() =>
          resolve(
            tooLarge(
              input,
              options,
              `文件“${nameOf(input, options)}”处理超时（超过 ${Math.round(limits.timeoutMs / 1000)} 秒），可能过大或过于复杂。请拆分为多个工作簿后分别上传。`,
              `Checking "${nameOf(input, options)}" took longer than ${Math.round(limits.timeoutMs / 1000)} s; the file is too large or too complex. Split it into several workbooks and upload them one by one.`,
            ),
          ),
        ),
      limits.timeoutMs,
    );
    const pieces: Uint8Array[] = [];
    worker.on('message', (message: ({ ok: true; outcome: CheckOutcome } & Pick<IsolatedOutcome, 'stored' | 'refused'>) | WorkerFailure | { jsonPiece: Uint8Array }) => {
      if ('jsonPiece' in message) {
        pieces.push(message.jsonPiece);
        return;
      }
      settle(() => {
        if (message.ok) {
          resolve({
            ...message.outcome,
            ...(message.stored ? { stored: message.stored } : {}),
            ...(message.refused ? { refused: message.refused } : {}),
            ...(json ? { json: pieces } : {}),
          });
        }
        else if (message.storeReason !== undefined) reject(new WorkerStoreError(message.message, message.storeReason));
        else reject(new Error(message.message));
      });
    });
    worker.on('error', (error: Error & { code?: string }) =>
      settle(() =>
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? resolve(
              tooLarge(
                input,
                options,
                `文件“${nameOf(input, options)}”解压后数据量过大，超出内存上限（${limits.maxHeapMb} MB）。请拆分为多个工作簿后分别上传。`,
                `"${nameOf(input, options)}" holds more data than the memory limit allows (${limits.maxHeapMb} MB). Split it into several workbooks and upload them one by one.`,
              ),
            )
          : reject(error),
      ),
    );
    worker.on('exit', (code) => settle(() => reject(new Error(`check worker exited with code ${code}`))));
  });
}
