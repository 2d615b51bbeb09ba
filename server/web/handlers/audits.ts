// The audit list (search and paging) and the audit page, as HTML or, when asked, JSON.
import { loadVisibleAudit, searchAudits } from '../audit-queries.js';
import { applyFilter, filterOptions, FINDINGS_PER_PAGE, readFilter, statusBars } from '../audit-view.js';
import { pageOf } from '../paging.js';
import { param, queryText, userOf, type Handler } from '../handler.js';
import { may } from '../permissions.js';
import { facilityScope } from '../visibility.js';
import { defaultRulebooks } from '../../../checks/rulebook.js';
import { auditWaivers } from '../../rectify/service.js';
import { waivedCounts } from '../../rectify/waivers.js';

export const PAGE_SIZE = 20;

export const listAudits: Handler = async (req, res, app) => {
  const q = queryText(req, 'q');
  const jurisdiction = queryText(req, 'jurisdiction');
  const page = await searchAudits(app.store, userOf(res), {
    ...(q ? { q } : {}),
    ...(jurisdiction ? { jurisdiction } : {}),
    page: Number(queryText(req, 'page') ?? 1) || 1,
    pageSize: PAGE_SIZE,
  });
  res.format({
    html: () =>
      res.render('audits', {
        page,
        q: q ?? '',
        jurisdiction: jurisdiction ?? '',
        jurisdictions: defaultRulebooks().map((b) => ({ id: b.id, name: b.names[res.locals.lang] })),
      }),
    json: () => res.json(page),
  });
};

export const showAudit: Handler = async (req, res, app) => {
  const user = userOf(res);
  const audit = await loadVisibleAudit(app.store, user, param(req, 'id'));
  // Waivers are stored beside the audit and judged today: shown with it, counted apart.
  const waivers = await auditWaivers(app.record, audit.result.findings);
  // An audit of several files lists each (who may download originals sees them all).
  const originals = may(user, 'originals') && audit.result.workbook.files ? ((await app.store.listOriginals(audit.stored.auditId)) ?? []) : [];
  res.format({
    html: () => {
      const filter = readFilter(req.query);
      const findingsPage = pageOf(applyFilter(audit.result.findings, filter), Number(queryText(req, 'page') ?? 1), FINDINGS_PER_PAGE);
      res.render('audit', {
        audit,
        filter,
        findings: findingsPage.items,
        findingsPage,
        options: filterOptions(audit.result.findings, res.locals.lang),
        bars: statusBars(audit.result.summary),
        scoped: facilityScope(user) !== null,
        mayDownloadOriginal: may(user, 'originals'),
        originals,
        mayIssueNotice: may(user, 'rectify') && audit.result.summary.fail + audit.result.summary.warn > 0,
        waivers,
        waived: waivedCounts(waivers),
      });
    },
    json: () => res.json({ auditId: audit.stored.auditId, ...audit.result, ...(waivers.length ? { waivers } : {}) }),
  });
};
