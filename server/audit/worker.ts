// Runs one check in a worker thread, so that the caller can bound its time and memory and a
// hostile file can never hang or exhaust the process that serves other users.
import { parentPort, workerData } from 'node:worker_threads';
import { checkWorkbook, type CheckOptions } from './check.js';
import { resultJsonPieces } from './result-json.js';

interface Job {
  /** The files, as posted between threads (Buffers arrive as plain Uint8Arrays). */
  files: { name: string; bytes: Uint8Array; sheet?: string }[];
  options: CheckOptions;
  /** Whether the caller keeps the facts (to store them); copying 100,000 staff rows back costs. */
  returnFacts: boolean;
  /** Whether the caller only prints the result as JSON: it gets the text and the verdict alone. */
  json: boolean;
}

const job = workerData as Job;
const files = job.files.map((file) => ({ ...file, bytes: Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength) }));
checkWorkbook(files, job.options).then(
  (outcome) => {
    if (!job.json) {
      parentPort!.postMessage({ ok: true, outcome: job.returnFacts ? outcome : { ...outcome, facts: null } });
      return;
    }
    // The JSON in UTF-8 pieces, handed over (not copied) as they are made; the CLI writes them
    // once the check has ended well.
    for (const piece of resultJsonPieces(outcome.result)) {
      const bytes = Buffer.from(piece);
      parentPort!.postMessage({ jsonPiece: bytes }, [bytes.buffer as ArrayBuffer]);
    }
    const verdict = { ...outcome.result, findings: [], errors: [], warnings: [] };
    parentPort!.postMessage({ ok: true, outcome: { result: verdict, facts: null } });
  },
  (error: unknown) => parentPort!.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) }),
);
