// Downloads: the PDF reports, the original workbook, the JSON result and the blank template.
import { defaultRulebooks } from '../../../checks/rulebook.js';
import { buildTemplate } from '../../workbook/template.js';
import { facilityOverview, loadVisibleAudit } from '../audit-queries.js';
import { notFound } from '../context.js';
import { attachment } from '../downloads-headers.js';
import { facilityParam, param, queryText, userOf, type Handler } from '../handler.js';
import { sendPdf, sendStoredPdf } from '../pdf.js';
import { facilityScope } from '../visibility.js';
import { auditWaivers } from '../../rectify/service.js';
import { mediaTypeOf } from '../../workbook/sources/media-type.js';

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

export const original: Handler = async (req, res, app) => {
  // The route lets only roles that see every facility reach here, so the audit is theirs.
  const id = param(req, 'id');
  const file = await app.store.getOriginal(id);
  if (!file) throw notFound();
  res.setHeader('Content-Type', mediaTypeOf(file.bytes));
  attachment(res, file.fileName);
  res.send(file.bytes);
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
