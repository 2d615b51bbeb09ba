// PDFs for the web app are drawn in worker threads, never on the request thread, each under a
// time and a memory limit: a document that would take minutes or gigabytes (a stored audit with
// a name of 32,767 letters, a county's whole report on a small server) ends as a 503 with a
// sentence, while every other request is answered as usual. A worker draws one PDF at a time
// and is kept for the next one (starting one costs more than a small report), until it has
// been idle a while; one that hit a limit is terminated.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Lang } from '../../checks/format.js';
import { projectPath } from '../../checks/paths.js';
import { CheckQueue } from '../audit/check-queue.js';
import type { AuditResult } from '../audit/result.js';
import type { Table } from '../compare/tables.js';
import type { ReportOptions } from '../report/render.js';
import type { StoredAudit, StoreLocation } from '../store/types.js';
import { HttpError } from './context.js';

export type PdfJob =
  | { kind: 'report'; result: AuditResult; options: ReportOptions }
  /**
   * A stored audit's report: the worker opens the store and reads its findings page by page, and
   * finds their waivers valid on `waiversAsOf` in the same walk's store, off the request thread.
   */
  | { kind: 'storedReport'; store: StoreLocation; head: StoredAudit; options: ReportOptions; waiversAsOf: string }
  | { kind: 'tables'; tables: readonly Table[]; meta: { title: string; generatedAt: string; lang: Lang } };

export type PdfReply = { ok: true; bytes: Uint8Array } | { ok: false; message: string };

export interface PdfLimits {
  /** Wall-clock limit of one PDF, from the moment a worker starts drawing it. */
  timeoutMs: number;
  /** Heap limit of a worker (old generation), in MB. */
  maxHeapMb: number;
  /** PDFs drawn at once; the rest wait their turn. */
  workers: number;
}

/** A county's whole audit report (1,854 pages), read page by page from the store, takes about 13 s of CPU and 230 MB. */
export const DEFAULT_PDF_LIMITS: Readonly<PdfLimits> = Object.freeze({
  timeoutMs: 120_000,
  maxHeapMb: 1024,
  workers: Math.max(1, availableParallelism() - 1),
});

const WORKER = projectPath('dist/server/web/pdf-worker.js');
/** How long an idle worker is kept for the next PDF. */
const IDLE_MS = 30_000;

const overLimit = () => new HttpError(503, 'pdfTooLarge');

export class PdfRenderer {
  private readonly queue: CheckQueue;
  private readonly idle = new Map<Worker, NodeJS.Timeout>();

  constructor(readonly limits: Readonly<PdfLimits> = DEFAULT_PDF_LIMITS) {
    this.queue = new CheckQueue(limits.workers);
  }

  /** The PDF's bytes; an HttpError 503 when it would pass the time or memory limit. */
  render(job: PdfJob): Promise<Buffer> {
    return this.queue.run(() => this.draw(job));
  }

  private take(): Worker {
    for (const [worker, timer] of this.idle) {
      clearTimeout(timer);
      this.idle.delete(worker);
      worker.ref();
      return worker;
    }
    const worker = new Worker(WORKER, { resourceLimits: { maxOldGenerationSizeMb: this.limits.maxHeapMb } });
    // Errors are the job's (draw() listens while it runs); an idle worker that ends is forgotten.
    worker.on('error', () => {});
    worker.on('exit', () => {
      clearTimeout(this.idle.get(worker));
      this.idle.delete(worker);
    });
    return worker;
  }

  private keep(worker: Worker): void {
    worker.unref();
    const timer = setTimeout(() => void worker.terminate(), IDLE_MS);
    timer.unref();
    this.idle.set(worker, timer);
  }

  private draw(job: PdfJob): Promise<Buffer> {
    const worker = this.take();
    return new Promise<Buffer>((resolve, reject) => {
      const settle = (outcome: () => void, reusable: boolean) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (reusable) this.keep(worker);
        else void worker.terminate();
        outcome();
      };
      const onMessage = (reply: PdfReply) =>
        settle(() => (reply.ok ? resolve(Buffer.from(reply.bytes.buffer, reply.bytes.byteOffset, reply.bytes.byteLength)) : reject(new Error(reply.message))), true);
      const onError = (error: Error & { code?: string }) => settle(() => reject(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? overLimit() : error), false);
      const onExit = (code: number) => settle(() => reject(new Error(`the PDF worker exited with code ${code}`)), false);
      const timer = setTimeout(() => settle(() => reject(overLimit()), false), this.limits.timeoutMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage(job);
    });
  }
}
