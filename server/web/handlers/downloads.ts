// Downloads: the PDF reports, the original files, the JSON result and the blank template.
import { defaultRulebooks } from '../../../checks/rulebook.js';
import { buildTemplate } from '../../workbook/template.js';
import { facilityOverview, loadVisibleAudit } from '../audit-queries.js';
import { notFound } from '../context.js';
import { attachment } from '../downloads-headers.js';
import { facilityParam, param, queryText, userOf, type Handler } from '../handler.js';
import { sendPdf, sendStoredPdf } from '../pdf.js';
import { facilityScope } from '../visibility.js';
import { auditWaivers } from '../../rectify/service.js';
import type { Response } from 'express';
import type { Original } from '../../store/types.js';

export const auditPdf: Handler = async (req, res, app) => {
  const facility = queryText(req, 'facility');
  // The whole audit, for a user who sees all of it: drawn from the store page by page.
  if (facility === undefined && facilityScope(userOf(res)) === null) {
    const head = await app.store.getAuditHead(param(req, 'id'));
    if (!head) throw notFound();
    await sendStoredPdf(res, app.pdf, app.store, app.record, head, res.locals.lang);
    return;
  }
  const audit = await loadVisibleAudit(app.store, userOf(res), param(req, 'id'), facility);
  await sendPdf(res, app.pdf, audit, res.locals.lang, facility, await auditWaivers(app.record, audit.result.findings));
};

export const facilityPdf: Handler = async (req, res, app) => {
  const overview = await facilityOverview(app.store, userOf(res), facilityParam(req));
  await sendPdf(res, app.pdf, overview.latest, res.locals.lang, overview.id, await auditWaivers(app.record, overview.latest.result.findings));
};

// The originals routes let only roles that see every facility reach here (an original holds
// every facility of its workbook), so the audit is theirs.

function sendOriginal(res: Response, file: Original | null): void {
  if (!file) throw notFound();
  res.setHeader('Content-Type', file.mediaType);
  attachment(res, file.fileName);
  res.send(file.bytes);
}

/** The first (for most audits the only) file the audit read. */
export const original: Handler = async (req, res, app) => {
  sendOriginal(res, await app.store.getOriginal(param(req, 'id')));
};

/** The file numbered `:n` (from 1, in the order read): canonical digits only, anything else 404. */
export const originalFile: Handler = async (req, res, app) => {
  const n = param(req, 'n');
  if (!/^[1-9]\d{0,5}$/.test(n)) throw notFound();
  sendOriginal(res, await app.store.getOriginal(param(req, 'id'), Number(n) - 1));
};

/** Every file the audit read, in order, each with where to download it. */
export const apiOriginals: Handler = async (req, res, app) => {
  const id = param(req, 'id');
  const files = await app.store.listOriginals(id);
  if (!files) throw notFound();
  res.json({
    auditId: id,
    files: files.map((f) => ({
      n: f.position + 1,
      file: f.fileName,
      size: f.size,
      sha256: f.sha256,
      mediaType: f.mediaType,
      href: `/api/audits/${encodeURIComponent(id)}/originals/${f.position + 1}`,
    })),
  });
};

export const resultJson: Handler = async (req, res, app) => {
  const audit = await loadVisibleAudit(app.store, userOf(res), param(req, 'id'));
  attachment(res, `${audit.stored.auditId}.json`);
  res.type('application/json').send(`${JSON.stringify({ auditId: audit.stored.auditId, ...audit.result }, null, 2)}\n`);
};

let template: Promise<Buffer> | undefined;

export const blankTemplate: Handler = async (_req, res) => {
  template ??= buildTemplate(defaultRulebooks().map((book) => ({ id: book.id, zh: book.names.zh })));
  res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  attachment(res, '养老服务设施合规审核-填报模板.xlsx');
  res.send(await template);
};
