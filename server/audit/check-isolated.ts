// The check under a time and memory limit: the pipeline runs in a pooled worker thread
// (worker-pool.ts) that is terminated when it takes too long or runs out of its heap; either
// way the caller gets a `too_large` rejection, never a hang or a crash.
import { fileProblem } from '../workbook/problems.js';
import type { CheckOptions, CheckOutcome } from './check.js';
import { inputFiles, workbookIdentity, type CheckInput } from './check-input.js';
import type { CheckJob, CheckReply, JsonPiece } from './check-job.js';
import { todayInChina } from './today.js';
import { countStatuses } from './result.js';
import { TOOL } from './version.js';
import { CHECK_WORKER, DEFAULT_ISOLATION, poolFor, type IsolationLimits } from './check-pools.js';

/** What a worker may send back beyond the check's outcome (see server/jobs/check-and-store.ts). */
export interface IsolatedOutcome extends CheckOutcome {
  /** Set when the worker also stored the audit: its id, and the answer's JSON or summary text when asked for. */
  stored?: { auditId: string; json?: string; summary?: string };
  /** Set when the worker refused to store a valid workbook (see facility-restriction.ts). */
  refused?: string;
  /**
   * The result as `check --json` prints it (with the audit id when stored), when the run asked
   * for it (`json`): the worker writes it, and `result` then carries only its verdict (validity,
   * counts), see verdictOf in check-job.ts. UTF-8 pieces in order, ending with a line break.
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
  /**
   * Whether the check runs below the caller's priority: a server's checks yield the cores to
   * the thread that answers pages, and may then use every core (see poolFor).
   */
  background?: boolean;
}

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
export async function checkIsolated(
  input: CheckInput,
  options: CheckOptions,
  limits: IsolationLimits = DEFAULT_ISOLATION,
  { returnFacts = true, json = false, worker: script, background = false }: IsolatedRun = {},
): Promise<IsolatedOutcome> {
  const job = { files: inputFiles(input, options), options: { ...options, rulebooks: undefined }, returnFacts, json, ...script?.data } satisfies CheckJob;
  const pieces: Uint8Array[] = [];
  const end = await poolFor(script?.script ?? CHECK_WORKER, limits.maxHeapMb, background).run(job, limits.timeoutMs, (message) => {
    pieces.push((message as JsonPiece).jsonPiece);
  });
  if (end.kind === 'timeout') {
    return tooLarge(
      input,
      options,
      `文件“${nameOf(input, options)}”处理超时（超过 ${Math.round(limits.timeoutMs / 1000)} 秒），可能过大或过于复杂。请拆分为多个工作簿后分别上传。`,
      `Checking "${nameOf(input, options)}" took longer than ${Math.round(limits.timeoutMs / 1000)} s; the file is too large or too complex. Split it into several workbooks and upload them one by one.`,
    );
  }
  if (end.kind === 'outOfMemory') {
    return tooLarge(
      input,
      options,
      `文件“${nameOf(input, options)}”解压后数据量过大，超出内存上限（${limits.maxHeapMb} MB）。请拆分为多个工作簿后分别上传。`,
      `"${nameOf(input, options)}" holds more data than the memory limit allows (${limits.maxHeapMb} MB). Split it into several workbooks and upload them one by one.`,
    );
  }
  const reply = end.reply as CheckReply;
  if (!reply.ok) throw reply.storeReason !== undefined ? new WorkerStoreError(reply.message, reply.storeReason) : new Error(reply.message);
  return {
    ...reply.outcome,
    ...(reply.stored ? { stored: reply.stored } : {}),
    ...(reply.refused ? { refused: reply.refused } : {}),
    ...(json ? { json: pieces } : {}),
  };
}
