// Uploading a workbook from the page (form post, or the script's XHR of the same form), and
// checking a sample with one click. A valid audit redirects to its page; a rejected one shows
// its errors with status 422 and stores nothing.
import type { Response } from 'express';
import { defaultRulebooks } from '../../../checks/rulebook.js';
import type { AppContext } from '../app-context.js';
import { notFound } from '../context.js';
import { param, userOf, type Handler } from '../handler.js';
import { readSample } from '../samples.js';
import { checkAndStore, uploadedFiles, uploadFields, type UploadRequest } from '../uploads.js';

function renderForm(res: Response, app: AppContext, status: number, problem: string | null): void {
  res.status(status).render('upload', {
    rulebooks: defaultRulebooks().map((b) => ({ id: b.id, name: b.names[res.locals.lang] })),
    limits: app.uploadLimits,
    problem,
  });
}

export const showUpload: Handler = (_req, res, app) => renderForm(res, app, 200, null);

async function checkAndShow(res: Response, app: AppContext, upload: UploadRequest): Promise<void> {
  const outcome = await checkAndStore(app.store, upload, app.uploadLimits.maxFileBytes);
  if (outcome.auditId !== null) {
    res.redirect(303, `/audits/${encodeURIComponent(outcome.auditId)}`);
    return;
  }
  res.status(422).render('rejected', { result: outcome.result });
}

export const postUpload: Handler = async (req, res, app) => {
  const fields = uploadFields(req);
  if (fields.problem) return renderForm(res, app, 400, res.locals.t(fields.problem, fields.vars));
  await checkAndShow(res, app, {
    files: uploadedFiles(req),
    ...(fields.asOf ? { asOf: fields.asOf } : {}),
    ...(fields.rulebook ? { rulebook: fields.rulebook } : {}),
    uploadedBy: userOf(res).name,
  });
};

export const postSample: Handler = async (req, res, app) => {
  const name = param(req, 'name');
  const bytes = await readSample(name);
  if (!bytes) throw notFound();
  await checkAndShow(res, app, { files: [{ name, bytes }], uploadedBy: userOf(res).name });
};
