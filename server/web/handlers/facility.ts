// The facility page: the findings of its latest audit, its history with trend charts of its
// failures and of each failing rule's shortfall across its audits, and its report.
import type { Lang } from '../../../checks/format.js';
import { facilityOverview, type FacilityOverview } from '../audit-queries.js';
import { statusBars } from '../audit-view.js';
import { failingRuleTrends, failuresChart, type AuditFindings } from '../facility-trend.js';
import { facilityParam, userOf, type Handler } from '../handler.js';
import { todayInChina } from '../../audit/today.js';
import { auditWaivers } from '../../rectify/service.js';
import { waivedCounts } from '../../rectify/waivers.js';
import { visibleNotices } from '../notice-access.js';

export const showFacility: Handler = async (req, res, app) => {
  const user = userOf(res);
  const overview = await facilityOverview(app.store, user, facilityParam(req));
  const waivers = await auditWaivers(app.record, overview.latest.result.findings);
  // The facility's open items: every item not yet resolved, closed or waived, of its notices.
  const notices = (await visibleNotices(app, user, { subjectId: overview.id, jurisdiction: overview.jurisdiction }, todayInChina())).filter(
    (v) => v.subject.kind === 'facility' && v.state === 'open',
  );
  res.format({
    html: () =>
      res.render('facility', {
        overview,
        bars: statusBars(overview.latest.result.summary),
        trend: trendsOf(overview, res.locals.lang),
        waivers,
        waived: waivedCounts(waivers),
        notices,
      }),
    json: () => res.json(facilityJson(overview)),
  });
};

function trendsOf(overview: FacilityOverview, lang: Lang) {
  const oldestFirst: AuditFindings[] = overview.history.map((entry, i) => ({ asOf: entry.asOf, findings: overview.historyFindings[i]! })).reverse();
  return { failures: failuresChart(oldestFirst), rules: failingRuleTrends(oldestFirst, lang) };
}

export function facilityJson(overview: Awaited<ReturnType<typeof facilityOverview>>) {
  return {
    id: overview.id,
    name: overview.name,
    jurisdiction: overview.jurisdiction,
    latest: { auditId: overview.latest.stored.auditId, ...overview.latest.result },
    audits: overview.history,
  };
}
