// The JSON API under /api (Bearer tokens; same rights as the pages). Audits come in the CLI's
// JSON shape plus `auditId`, cut to a facility manager's facilities.
import { facilityOverview, loadVisibleAudit, searchAudits } from '../audit-queries.js';
import { HttpError } from '../context.js';
import { param, queryText, userOf, type Handler } from '../handler.js';
import { checkAndStore, uploadFields } from '../uploads.js';
import { auditWaivers } from '../../rectify/service.js';

export const apiUpload: Handler = async (req, res, app) => {
  const fields = uploadFields(req);
  if (fields.problem) throw new HttpError(400, 'badRequest', fields.problem);
  const { result, auditId } = await checkAndStore(
    app.store,
    {
      bytes: req.file!.buffer,
      fileName: req.file!.originalname,
      ...(fields.asOf ? { asOf: fields.asOf } : {}),
      ...(fields.rulebook ? { rulebook: fields.rulebook } : {}),
      uploadedBy: userOf(res).name,
    },
    app.maxUploadBytes,
  );
  if (!auditId) {
    res.status(422).json(result);
    return;
  }
  res.status(201).location(`/api/audits/${encodeURIComponent(auditId)}`).json({ auditId, ...result });
};

const MAX_LIMIT = 200;

export const apiListAudits: Handler = async (req, res, app) => {
  const q = queryText(req, 'q');
  const jurisdiction = queryText(req, 'jurisdiction');
  const facility = queryText(req, 'facility');
  const limit = Math.min(MAX_LIMIT, Math.max(1, Number(queryText(req, 'limit') ?? 50) || 50));
  res.json(
    await searchAudits(app.store, userOf(res), {
      ...(q ? { q } : {}),
      ...(jurisdiction ? { jurisdiction } : {}),
      ...(facility ? { facility } : {}),
      page: Number(queryText(req, 'page') ?? 1) || 1,
      pageSize: limit,
    }),
  );
};

export const apiGetAudit: Handler = async (req, res, app) => {
  const audit = await loadVisibleAudit(app.store, userOf(res), param(req, 'id'));
  const waivers = await auditWaivers(app.record, audit.result.findings);
  res.json({ auditId: audit.stored.auditId, ...audit.result, ...(waivers.length ? { waivers } : {}) });
};

export const apiFacilityAudits: Handler = async (req, res, app) => {
  const overview = await facilityOverview(app.store, userOf(res), param(req, 'id'));
  res.json({ id: overview.id, name: overview.name, jurisdiction: overview.jurisdiction, audits: overview.history });
};
