// Rectification on the web and under /api: the 整改跟踪 list, a notice with its items, answers
// and history, issuing a notice from an audit, a facility's response, an inspector's close,
// reopen and deadline, the two PDF documents and the evidence files. Pages and the API share
// these handlers: the API answers JSON where a page redirects or renders.
import type { Request, Response } from 'express';
import type { Finding } from '../../../checks/finding.js';
import type { SubjectKind } from '../../../checks/types.js';
import { defaultRulebooks } from '../../../checks/rulebook.js';
import { todayInChina } from '../../audit/today.js';
import { RectificationError } from '../../store/rectification-types.js';
import { noticeDocument } from '../../report/notice-document.js';
import { isDate } from '../../rectify/dates.js';
import { checkEvidence } from '../../rectify/evidence.js';
import {
  closeItem,
  DEFAULT_DAYS,
  issueNotice,
  itemIndex,
  noticeCandidates,
  reopenItem,
  respond,
  setDeadline,
} from '../../rectify/service.js';
import { addDays } from '../../rectify/dates.js';
import { listState, type NoticeView } from '../../rectify/state.js';
import { loadVisibleAudit } from '../audit-queries.js';
import { HttpError, notFound } from '../context.js';
import { attachment } from '../downloads-headers.js';
import { param, queryText, userOf, type Handler } from '../handler.js';
import { may } from '../permissions.js';
import { asOfOf, visibleNotice, visibleNotices, visibleWaivers } from '../notice-access.js';
import { responseParts } from '../response-upload.js';
import { checkAndStore } from '../uploads.js';
import { canSeeFacility, facilityScope } from '../visibility.js';

const isApi = (req: Request) => req.path.startsWith('/api/');

function field(req: Request, name: string): string {
  const value = ((req.body ?? {}) as Record<string, unknown>)[name];
  return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
}

/** After an action: the API gets the notice as it now stands, a page goes back to it. */
async function answer(req: Request, res: Response, view: NoticeView, status = 200): Promise<void> {
  if (isApi(req)) res.status(status).location(`/api/notices/${encodeURIComponent(view.id)}`).json(view);
  else res.redirect(303, `/notices/${encodeURIComponent(view.id)}`);
}

const STATES = ['open', 'overdue', 'closed'] as const;

export const listNotices: Handler = async (req, res, app) => {
  const user = userOf(res);
  const asOf = asOfOf(req);
  const jurisdiction = queryText(req, 'jurisdiction');
  const subject = queryText(req, 'subject');
  const asked = queryText(req, 'state');
  const state = STATES.find((s) => s === asked);
  if (asked !== undefined && !state) throw new HttpError(400, 'badRequest', 'state must be open, overdue or closed');
  const views = await visibleNotices(app, user, { ...(jurisdiction ? { jurisdiction } : {}), ...(subject ? { subjectId: subject } : {}), ...(state ? { state } : {}) }, asOf);
  if (isApi(req)) {
    res.json(views);
    return;
  }
  res.format({
    html: async () =>
      res.render('notices', {
        views,
        listState,
        asOf,
        filter: { jurisdiction: jurisdiction ?? '', state: state ?? '' },
        jurisdictions: defaultRulebooks().map((b) => ({ id: b.id, name: b.names[res.locals.lang] })),
      }),
    json: () => res.json(views),
  });
};

/** The finding each item was issued for, from the notice's audit. */
async function itemFindings(app: Parameters<Handler>[2], view: NoticeView): Promise<Record<string, Finding>> {
  const stored = await app.store.getAudit(view.auditId, view.subject.kind === 'facility' ? { facility: view.subject.id } : undefined);
  const map: Record<string, Finding> = {};
  for (const f of stored?.result.findings ?? []) {
    if (f.subject.kind === view.subject.kind && f.subject.id === view.subject.id && f.subject.jurisdiction === view.subject.jurisdiction) map[f.rule] = f;
  }
  return map;
}

export const showNotice: Handler = async (req, res, app) => {
  const user = userOf(res);
  const view = await visibleNotice(app, user, param(req, 'id'), asOfOf(req));
  if (isApi(req)) {
    res.json(view);
    return;
  }
  res.format({
    html: async () =>
      res.render('notice', {
        view,
        findings: await itemFindings(app, view),
        mayRectify: may(user, 'rectify'),
        mayRespond: may(user, 'respond') && view.state === 'open',
      }),
    json: () => res.json(view),
  });
};

export const noticePdf: Handler = async (req, res, app) => {
  const user = userOf(res);
  const review = req.path.endsWith('/review.pdf');
  const view = await visibleNotice(app, user, param(req, 'id'), asOfOf(req));
  const lang = queryText(req, 'lang') === 'en' ? 'en' : queryText(req, 'lang') === 'zh' ? 'zh' : res.locals.lang;
  const bytes = await noticeDocument({ audits: app.store, record: app.record }, view.id, { lang, asOf: view.asOf, review });
  res.setHeader('Content-Type', 'application/pdf');
  attachment(res, `${view.number}${review ? '-复查' : ''}.pdf`);
  res.send(bytes);
};

export const evidenceFile: Handler = async (req, res, app) => {
  const view = await visibleNotice(app, userOf(res), param(req, 'id'), todayInChina());
  const file = await app.record.getEvidence(param(req, 'evidence'));
  if (!file || file.noticeId !== view.id) throw notFound();
  res.setHeader('Content-Type', file.contentType);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Digest', `sha-256=${Buffer.from(file.sha256, 'hex').toString('base64')}`);
  attachment(res, file.fileName);
  res.send(file.bytes);
};

/** `kind:jurisdiction:id`, the key of a subject in the issue form. */
export function subjectKey(subject: Finding['subject']): string {
  return `${subject.kind}:${subject.jurisdiction}:${subject.id}`;
}

function parseSubjectKey(key: string): { kind: SubjectKind; jurisdiction: string; id: string } | null {
  const match = /^(facility|area|region):([^:]+):(.+)$/.exec(key);
  return match ? { kind: match[1] as SubjectKind, jurisdiction: match[2]!, id: match[3]! } : null;
}

export const newNotice: Handler = async (req, res, app) => {
  const audit = await loadVisibleAudit(app.store, userOf(res), param(req, 'id'));
  const subjects = new Map<string, Finding['subject'] & { fail: number; warn: number }>();
  for (const f of audit.result.findings) {
    if (f.status !== 'fail' && f.status !== 'warn') continue;
    const key = subjectKey(f.subject);
    const entry = subjects.get(key) ?? { ...f.subject, fail: 0, warn: 0 };
    entry[f.status] += 1;
    subjects.set(key, entry);
  }
  const key = queryText(req, 'subject');
  const chosen = key ? parseSubjectKey(key) : null;
  const includeWarn = queryText(req, 'includeWarn') === '1';
  const issuedOn = todayInChina();
  const candidates = chosen ? await noticeCandidates(app.store, { auditId: audit.stored.auditId, subject: chosen, includeWarn }) : null;
  res.render('notice-new', {
    audit,
    subjects: [...subjects.entries()].map(([k, s]) => ({ key: k, ...s })),
    chosenKey: key ?? '',
    includeWarn,
    candidates,
    issuedOn,
    defaultDeadline: addDays(issuedOn, DEFAULT_DAYS),
  });
};

export const postNotice: Handler = async (req, res, app) => {
  const user = userOf(res);
  const subject = parseSubjectKey(field(req, 'subject'));
  if (!subject) throw new RectificationError('请选择对象 / choose a subject');
  const issuedOn = field(req, 'issuedOn') || todayInChina();
  if (!isDate(issuedOn)) throw new RectificationError(`下发日期须为 YYYY-MM-DD / the date of issue must be YYYY-MM-DD`);
  const body = (req.body ?? {}) as Record<string, unknown>;
  const deadlines: Record<string, string> = {};
  // Per-item deadlines: `deadline.<rule>` fields from the form, or `deadlines: {rule: date}` in JSON.
  const given = (typeof body['deadlines'] === 'object' && body['deadlines'] !== null ? body['deadlines'] : {}) as Record<string, unknown>;
  for (const [name, value] of [...Object.entries(body).filter(([k]) => k.startsWith('deadline.')).map(([k, v]) => [k.slice(9), v] as const), ...Object.entries(given)]) {
    if (typeof value !== 'string' || value === '') continue;
    if (!isDate(value)) throw new RectificationError(`整改期限须为 YYYY-MM-DD：${name} / a deadline must be YYYY-MM-DD: ${name}`);
    deadlines[name] = value;
  }
  const days = field(req, 'days');
  const deadline = field(req, 'deadline');
  if (deadline && !isDate(deadline)) throw new RectificationError('整改期限须为 YYYY-MM-DD / the deadline must be YYYY-MM-DD');
  const view = await issueNotice(
    { audits: app.store, record: app.record },
    {
      auditId: field(req, 'auditId'),
      subject,
      issuedOn,
      issuedBy: user.name,
      includeWarn: ['1', 'true', 'on'].includes(field(req, 'includeWarn')) || body['includeWarn'] === true,
      deadlines,
      ...(deadline ? { deadline } : {}),
      ...(days && Number.isInteger(Number(days)) && Number(days) > 0 ? { days: Number(days) } : {}),
    },
  );
  await answer(req, res, view, 201);
};

export const postResponse: Handler = async (req, res, app) => {
  const user = userOf(res);
  const view = await visibleNotice(app, user, param(req, 'id'), todayInChina());
  // Only the manager of the notice's facility answers it (visibleNotice already hid others').
  if (view.subject.kind !== 'facility' || !canSeeFacility(user, view.subject)) throw notFound();
  const parts = responseParts(req);
  const notice = (await app.record.getNotice(view.id))!;
  const items = parts.items.map((i) => itemIndex(i, notice));
  // Everything that can refuse the response is checked before the workbook is stored.
  if (items.length === 0) throw new RectificationError('请选择要答复的整改项 / choose the items this response answers');
  const evidence = checkEvidence(parts.evidence);
  let auditId: string | undefined;
  if (parts.workbook) {
    const outcome = await checkAndStore(
      app.store,
      {
        files: [{ name: parts.workbook.fileName, bytes: parts.workbook.bytes }],
        uploadedBy: user.name,
        restriction: { allowed: facilityScope(user), required: { jurisdiction: view.subject.jurisdiction, id: view.subject.id } },
      },
      app.uploadLimits.maxFileBytes,
    );
    if (outcome.auditId === null) {
      if (outcome.refused) throw new RectificationError(outcome.refused);
      const errors = outcome.result.errors.slice(0, 5).map((e) => e.message);
      throw new RectificationError(
        `整改后的工作簿未通过校验，未保存任何内容：${errors.map((m) => m.zh).join('；')} / the corrected workbook was rejected and nothing was stored: ${errors.map((m) => m.en).join('; ')}`,
      );
    }
    auditId = outcome.auditId;
  }
  await respond(app.record, { noticeId: view.id, items, text: parts.text, files: evidence, user: user.name, ...(auditId ? { auditId } : {}) });
  await answer(req, res, await visibleNotice(app, user, view.id, todayInChina()), 201);
};

export const postItemAction: Handler = async (req, res, app) => {
  const user = userOf(res);
  const view = await visibleNotice(app, user, param(req, 'id'), todayInChina());
  const notice = (await app.record.getNotice(view.id))!;
  const item = itemIndex(param(req, 'item'), notice);
  const action = req.path.split('/').pop();
  const note = field(req, 'note');
  if (action === 'close') await closeItem(app.record, view.id, item, user.name, note);
  else if (action === 'reopen') await reopenItem(app.record, view.id, item, user.name, note, todayInChina());
  else {
    const deadline = field(req, 'deadline');
    if (!isDate(deadline)) throw new RectificationError('整改期限须为 YYYY-MM-DD / the deadline must be YYYY-MM-DD');
    await setDeadline(app.record, view.id, item, user.name, deadline, note || null);
  }
  await answer(req, res, await visibleNotice(app, user, view.id, todayInChina()));
};

export const listWaivers: Handler = async (req, res, app) => {
  const asOf = asOfOf(req);
  const waivers = await visibleWaivers(app, userOf(res), asOf);
  if (isApi(req)) {
    res.json(waivers);
    return;
  }
  res.format({
    html: () => res.render('waivers', { waivers, asOf, mayRectify: may(userOf(res), 'rectify') }),
    json: () => res.json(waivers),
  });
};
