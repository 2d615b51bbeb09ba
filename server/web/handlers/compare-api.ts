// The comparisons under /api, in the CLI's `compare --json`, `diff --json` and `across --json`
// shapes, and the matrix page's JSON (the matrix with its star claims).
import { badField } from '../context.js';
import { readCompareQuery, readDiffQuery, readMatrixQuery } from '../compare-query.js';
import { loadAcross, loadDiff, loadMatrix, loadSideBySide, waiversToday } from '../comparisons.js';
import { param, queryText, type Handler } from '../handler.js';

export const apiCompare: Handler = async (req, res, app) => {
  const query = readCompareQuery(req);
  res.json(await loadSideBySide(app.store, query.picks, query.onlyDifferent, await waiversToday(app.record)));
};

export const apiDiff: Handler = async (req, res, app) => {
  const query = readDiffQuery(req);
  if (!query.a || !query.b) throw badField(query.a ? 'b' : 'a', 'give both audits: ?a=ID&b=ID');
  res.json((await loadDiff(app.store, query.a, query.b, query.facility, await waiversToday(app.record))).diff);
};

export const apiMatrix: Handler = async (req, res, app) => {
  const view = await loadMatrix(app.store, param(req, 'id'), readMatrixQuery(req), await waiversToday(app.record));
  res.json({ matrix: view.matrix, starClaims: view.claims });
};

export const apiAcross: Handler = async (req, res, app) => {
  const rulebook = queryText(req, 'rulebook');
  if (!rulebook) throw badField('rulebook', 'name the other rulebook: ?rulebook=ID');
  res.json(await loadAcross(app.store, param(req, 'id'), rulebook, queryText(req, 'facility'), await waiversToday(app.record)));
};
