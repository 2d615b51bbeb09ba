// Draws the web app's PDFs, one at a time, in a worker thread under pdf-renderer.ts's limits.
// The pages are gathered in memory and handed back in one transfer, so a failure is an error
// page, never a truncated file.
import { Writable } from 'node:stream';
import { parentPort } from 'node:worker_threads';
import { tablesToPdf } from '../compare/export/pdf.js';
import { writeReport, writeReportFrom } from '../report/render.js';
import { auditWaiversPaged } from '../rectify/service.js';
import { storeSource } from '../report/source.js';
import { openStore } from '../store/index.js';
import { rectificationStoreFor } from '../store/rectification.js';
import type { PdfJob, PdfReply } from './pdf-renderer.js';

/** A stored audit's report on this thread's own connection, its findings (and their waivers) read page by page. */
async function drawStored(job: Extract<PdfJob, { kind: 'storedReport' }>, out: Writable): Promise<void> {
  const store = openStore(job.store.location, job.store);
  try {
    const source = storeSource(store, job.head.auditId, job.head.result);
    const waivers = await auditWaiversPaged(rectificationStoreFor(store), source.pages('stored'), job.waiversAsOf);
    await writeReportFrom(source, { ...job.options, ...(waivers.length ? { waivers } : {}) }, out);
  } finally {
    await store.close();
  }
}

async function draw(job: PdfJob): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  if (job.kind === 'report') await writeReport(job.result, job.options, sink);
  else if (job.kind === 'storedReport') await drawStored(job, sink);
  else await tablesToPdf(job.tables, job.meta, sink);
  // A buffer of its own (not a slice of Node's pool), so that it can be transferred.
  const bytes = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}

const port = parentPort!;
port.on('message', (job: PdfJob) => {
  draw(job).then(
    (bytes) => port.postMessage({ ok: true, bytes } satisfies PdfReply, [bytes.buffer]),
    (error: unknown) => port.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) } satisfies PdfReply),
  );
});
