// PDF downloads: drawn whole by a PDF worker (pdf-renderer.ts) before anything is sent, so that a
// failure (or a facility the audit does not hold) becomes a proper error page instead of a
// truncated file, and no report ever holds up the request thread.
import type { Response } from 'express';
import type { Lang } from '../../checks/format.js';
import { forFacility, UnknownFacilityError } from '../audit/presentation.js';
import type { VisibleAudit } from './audit-queries.js';
import { notFound } from './context.js';
import { attachment } from './downloads-headers.js';
import type { PdfRenderer } from './pdf-renderer.js';
import type { WaiverNote } from '../rectify/waivers.js';
import { todayInChina } from '../audit/today.js';
import { auditWaivers } from '../rectify/service.js';
import type { RectificationStore } from '../store/rectification-types.js';
import type { AuditStore, StoredAudit } from '../store/types.js';

/** The facility's part of the result: what the worker needs, and a 404 for a facility it lacks. */
function scoped(audit: VisibleAudit, facility?: string) {
  if (facility === undefined) return audit.result;
  try {
    return forFacility(audit.result, facility);
  } catch (error) {
    if (error instanceof UnknownFacilityError) throw notFound();
    throw error;
  }
}

export async function sendPdf(
  res: Response,
  renderer: PdfRenderer,
  audit: VisibleAudit,
  lang: Lang,
  facility?: string,
  waivers: readonly WaiverNote[] = [],
): Promise<void> {
  const bytes = await renderer.render({
    kind: 'report',
    result: scoped(audit, facility),
    options: { auditId: audit.stored.auditId, generatedAt: audit.stored.createdAt, lang, ...(facility ? { facility } : {}), ...(waivers.length ? { waivers } : {}) },
  });
  send(res, bytes, facility ? `${audit.stored.auditId}-${facility}.pdf` : `${audit.stored.auditId}.pdf`);
}

function send(res: Response, bytes: Buffer, name: string): void {
  res.setHeader('Content-Type', 'application/pdf');
  attachment(res, name);
  res.send(bytes);
}

/**
 * A stored audit's whole report for a user who sees all of it: only its head is read here; the
 * PDF worker reads the findings and their waivers from the store page by page, so neither thread
 * holds a county's audit. (An in-memory store, which no other thread can open, draws from the audit read whole.)
 */
export async function sendStoredPdf(res: Response, renderer: PdfRenderer, store: AuditStore, record: RectificationStore, head: StoredAudit, lang: Lang): Promise<void> {
  if (store.shared === null) {
    const whole = (await store.getAudit(head.auditId))!;
    await sendPdf(res, renderer, { stored: whole, result: whole.result }, lang, undefined, await auditWaivers(record, whole.result.findings));
    return;
  }
  const bytes = await renderer.render({
    kind: 'storedReport',
    store: store.shared,
    head,
    options: { auditId: head.auditId, generatedAt: head.createdAt, lang },
    waiversAsOf: todayInChina(),
  });
  send(res, bytes, `${head.auditId}.pdf`);
}
