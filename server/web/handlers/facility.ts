// The facility page: the findings of its latest audit, its history with a small trend, and
// its report.
import { facilityOverview } from '../audit-queries.js';
import { statusBars, trendPoints } from '../audit-view.js';
import { param, userOf, type Handler } from '../handler.js';

export const TREND_BOX = { width: 240, height: 48 } as const;

export const showFacility: Handler = async (req, res, app) => {
  const overview = await facilityOverview(app.store, userOf(res), param(req, 'id'));
  res.format({
    html: () =>
      res.render('facility', {
        overview,
        bars: statusBars(overview.latest.result.summary),
        trend: {
          ...TREND_BOX,
          points: trendPoints(
            [...overview.history].reverse().map((entry) => entry.summary.fail),
            TREND_BOX.width,
            TREND_BOX.height,
          ),
          count: overview.history.length,
        },
      }),
    json: () => res.json(facilityJson(overview)),
  });
};

export function facilityJson(overview: Awaited<ReturnType<typeof facilityOverview>>) {
  return {
    id: overview.id,
    name: overview.name,
    jurisdiction: overview.jurisdiction,
    latest: { auditId: overview.latest.stored.auditId, ...overview.latest.result },
    audits: overview.history,
  };
}
