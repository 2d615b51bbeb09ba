// The comparisons under /api, in the CLI's `compare --json` and `diff --json` shapes.
import { badField } from '../context.js';
import { readCompareQuery, readDiffQuery } from '../compare-query.js';
import { loadDiff, loadSideBySide, waiversToday } from '../comparisons.js';
import type { Handler } from '../handler.js';

export const apiCompare: Handler = async (req, res, app) => {
  const query = readCompareQuery(req);
  res.json(await loadSideBySide(app.store, query.picks, query.onlyDifferent, await waiversToday(app.record)));
};

export const apiDiff: Handler = async (req, res, app) => {
  const query = readDiffQuery(req);
  if (!query.a || !query.b) throw badField(query.a ? 'b' : 'a', 'give both audits: ?a=ID&b=ID');
  res.json((await loadDiff(app.store, query.a, query.b, query.facility, await waiversToday(app.record))).diff);
};
