// The JSON API under /api (Bearer tokens; same rights as the pages). Audits come in the CLI's
// JSON shape plus `auditId`, cut to a facility manager's facilities.
import { facilityOverview, loadVisibleAudit, searchAudits } from '../audit-queries.js';
import type { Request } from 'express';
import { badField, HttpError } from '../context.js';
import { facilityParam, param, queryText, userOf, type Handler } from '../handler.js';
import { checkAndStore, UPLOAD_PROBLEM_FIELDS, uploadedFiles, uploadFields } from '../uploads.js';
import { auditWaivers } from '../../rectify/service.js';

export const apiUpload: Handler = async (req, res, app) => {
  const fields = uploadFields(req);
  if (fields.problem) throw new HttpError(400, fields.problem, undefined, UPLOAD_PROBLEM_FIELDS[fields.problem], fields.vars);
  const outcome = await checkAndStore(
    app.store,
    {
      files: uploadedFiles(req),
      ...(fields.asOf ? { asOf: fields.asOf } : {}),
      ...(fields.rulebook ? { rulebook: fields.rulebook } : {}),
      uploadedBy: userOf(res).name,
    },
    app.uploadLimits.maxFileBytes,
  );
  if (outcome.auditId === null) {
    res.status(422).json(outcome.result);
    return;
  }
  res.status(201).location(`/api/audits/${encodeURIComponent(outcome.auditId)}`).type('application/json').send(outcome.json);
};

const MAX_LIMIT = 200;

/** A whole-number query parameter within [min, max], absent as undefined; anything else is a 400 naming it. */
function wholeNumber(req: Request, name: string, min: number, max: number): number | undefined {
  const text = queryText(req, name);
  if (text === undefined) return undefined;
  const value = /^\d{1,16}$/.test(text) ? Number(text) : NaN;
  if (!(value >= min && value <= max)) throw badField(name, `must be a whole number from ${min} to ${max}, not "${text}"`);
  return value;
}

export const apiListAudits: Handler = async (req, res, app) => {
  const q = queryText(req, 'q');
  const jurisdiction = queryText(req, 'jurisdiction');
  const facility = queryText(req, 'facility');
  res.json(
    await searchAudits(app.store, userOf(res), {
      ...(q ? { q } : {}),
      ...(jurisdiction ? { jurisdiction } : {}),
      ...(facility ? { facility } : {}),
      page: wholeNumber(req, 'page', 1, Number.MAX_SAFE_INTEGER) ?? 1,
      pageSize: wholeNumber(req, 'limit', 1, MAX_LIMIT) ?? 50,
    }),
  );
};

export const apiGetAudit: Handler = async (req, res, app) => {
  const audit = await loadVisibleAudit(app.store, userOf(res), param(req, 'id'));
  const waivers = await auditWaivers(app.record, audit.result.findings);
  res.json({ auditId: audit.stored.auditId, ...audit.result, ...(waivers.length ? { waivers } : {}) });
};

export const apiFacilityAudits: Handler = async (req, res, app) => {
  const overview = await facilityOverview(app.store, userOf(res), facilityParam(req));
  res.json({ id: overview.id, name: overview.name, jurisdiction: overview.jurisdiction, audits: overview.history });
};
