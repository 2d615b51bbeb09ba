// PDF downloads: the report module writes into memory first, so that a failure (or a facility
// the audit does not hold) becomes a proper error page instead of a truncated file.
import { PassThrough } from 'node:stream';
import type { Response } from 'express';
import type { Lang } from '../../checks/format.js';
import { UnknownFacilityError, writeReport } from '../report/render.js';
import type { VisibleAudit } from './audit-queries.js';
import { notFound } from './context.js';
import { attachment } from './downloads-headers.js';
import type { WaiverNote } from '../rectify/waivers.js';

async function renderPdf(audit: VisibleAudit, lang: Lang, facility: string | undefined, waivers: readonly WaiverNote[]): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve);
    sink.on('error', reject);
  });
  try {
    await writeReport(
      audit.result,
      { auditId: audit.stored.auditId, generatedAt: audit.stored.createdAt, lang, ...(facility ? { facility } : {}), ...(waivers.length ? { waivers } : {}) },
      sink,
    );
  } catch (error) {
    if (error instanceof UnknownFacilityError) throw notFound();
    throw error;
  }
  if (!sink.writableEnded) sink.end();
  await ended;
  return Buffer.concat(chunks);
}

export async function sendPdf(res: Response, audit: VisibleAudit, lang: Lang, facility?: string, waivers: readonly WaiverNote[] = []): Promise<void> {
  const bytes = await renderPdf(audit, lang, facility, waivers);
  const name = facility ? `${audit.stored.auditId}-${facility}.pdf` : `${audit.stored.auditId}.pdf`;
  res.setHeader('Content-Type', 'application/pdf');
  attachment(res, name);
  res.send(bytes);
}
