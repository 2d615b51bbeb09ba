// The comparison pages for star-rating reviewers: facilities side by side, two audits diffed,
// an audit's matrix with its ranking and star claims, and an audit under another rulebook.
// Each answers the page, JSON, or (with ?format=) an Excel or PDF export of the same view.
import { FACILITY_TYPES, OWNERSHIPS } from '../../../checks/facts.js';
import { defaultRulebooks } from '../../../checks/rulebook.js';
import { STAR_VALUES } from '../../compare/matrix-options.js';
import { pickText } from '../../compare/picks.js';
import { MAX_FACILITIES, MIN_FACILITIES } from '../../compare/side-by-side.js';
import { acrossTable, diffTables, matrixTable, sideBySideTable, starClaimsTable } from '../../compare/tables.js';
import { readCompareQuery, readDiffQuery, readMatrixQuery } from '../compare-query.js';
import { acrossCounts, DIFF_SECTIONS, diffWaived, facilitiesOfAudits, HEAT_MARKS, sideBySideCounts } from '../compare-view.js';
import { answerComparison, exportUrl } from '../comparison-response.js';
import { auditChoices, loadAcross, loadDiff, loadMatrix, loadSideBySide, storedAudit, waiversToday } from '../comparisons.js';
import { param, queryText, type Handler } from '../handler.js';

const exportsOf = (here: string) => ({ xlsx: exportUrl(here, 'xlsx'), pdf: exportUrl(here, 'pdf') });

export const showCompare: Handler = async (req, res, app) => {
  const { lang, t } = res.locals;
  const query = readCompareQuery(req);
  const count = query.picks.length;
  const tooMany = count > MAX_FACILITIES;
  const view = count >= MIN_FACILITIES && !tooMany ? await loadSideBySide(app.store, query.picks, query.onlyDifferent, await waiversToday(app.record)) : null;
  const listed = query.audit ? await storedAudit(app.store, query.audit) : null;
  const audits = await auditChoices(app.store);
  await answerComparison(req, res, app.pdf, {
    data: view,
    tables: () => view && [sideBySideTable(view, lang)],
    title: t('compareTitle'),
    fileName: `compare-${query.picks.map((pick) => pick.facilityId).join('-')}`,
    page: () =>
      res.status(tooMany ? 400 : 200).render('compare', {
        query,
        view,
        counts: view && sideBySideCounts(view),
        problem: tooMany ? t('tooManyPicks', { max: MAX_FACILITIES, n: count }) : count === 1 ? t('pickTwo') : null,
        max: MAX_FACILITIES,
        audits,
        listed: listed && { auditId: listed.auditId, facilities: facilitiesOfAudits([listed.result], lang) },
        picked: new Set(query.picks.map(pickText)),
        exports: exportsOf(res.locals.here),
      }),
  });
};

export const showDiff: Handler = async (req, res, app) => {
  const { lang, t } = res.locals;
  const query = readDiffQuery(req);
  const loaded = query.a && query.b ? await loadDiff(app.store, query.a, query.b, query.facility, await waiversToday(app.record)) : null;
  const audits = await auditChoices(app.store);
  await answerComparison(req, res, app.pdf, {
    data: loaded?.diff ?? null,
    tables: () => loaded && diffTables(loaded.diff, lang),
    title: `${t('diffTitle')} ${query.a ?? ''} → ${query.b ?? ''}`,
    fileName: `diff-${query.a ?? ''}-${query.b ?? ''}${query.facility ? `-${query.facility}` : ''}`,
    page: () =>
      res.render('diff', {
        query,
        loaded,
        waived: loaded ? diffWaived(loaded.diff) : null,
        sections: DIFF_SECTIONS,
        audits,
        facilities: loaded ? facilitiesOfAudits([loaded.first.result, loaded.second.result], lang) : [],
        exports: exportsOf(res.locals.here),
      }),
  });
};

export const showMatrix: Handler = async (req, res, app) => {
  const { lang, t } = res.locals;
  const text = readMatrixQuery(req);
  const view = await loadMatrix(app.store, param(req, 'id'), text, await waiversToday(app.record));
  await answerComparison(req, res, app.pdf, {
    data: { matrix: view.matrix, starClaims: view.claims },
    tables: () => [starClaimsTable(view.claims, lang), matrixTable(view.matrix, lang)],
    title: `${t('matrixTitle')} ${view.stored.auditId}`,
    fileName: `matrix-${view.stored.auditId}`,
    page: () =>
      res.render('matrix', {
        view,
        text,
        starClaims: starClaimsTable(view.claims, lang),
        marks: HEAT_MARKS,
        choices: {
          jurisdictions: [...new Set(view.facts.facilities.map((f) => f.jurisdiction))].sort(),
          types: FACILITY_TYPES,
          ownerships: OWNERSHIPS,
          stars: STAR_VALUES,
        },
        exports: exportsOf(res.locals.here),
      }),
  });
};

export const showAcross: Handler = async (req, res, app) => {
  const { lang, t } = res.locals;
  const rulebook = queryText(req, 'rulebook');
  const facility = queryText(req, 'facility');
  const stored = await storedAudit(app.store, param(req, 'id'));
  const view = rulebook ? await loadAcross(app.store, stored.auditId, rulebook, facility, await waiversToday(app.record)) : null;
  await answerComparison(req, res, app.pdf, {
    data: view,
    tables: () => view && [acrossTable(view, lang)],
    title: `${t('acrossTitle')} ${stored.auditId} · ${rulebook ?? ''}`,
    fileName: `across-${stored.auditId}-${rulebook ?? ''}`,
    page: () =>
      res.render('across', {
        stored,
        view,
        counts: view && acrossCounts(view),
        rulebook: rulebook ?? '',
        facility: facility ?? '',
        rulebooks: defaultRulebooks().map((book) => ({ id: book.id, name: book.names[lang] })),
        facilities: facilitiesOfAudits([stored.result], lang),
        exports: exportsOf(res.locals.here),
      }),
  });
};
