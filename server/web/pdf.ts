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
  const name = facility ? `${audit.stored.auditId}-${facility}.pdf` : `${audit.stored.auditId}.pdf`;
  res.setHeader('Content-Type', 'application/pdf');
  attachment(res, name);
  res.send(bytes);
}
