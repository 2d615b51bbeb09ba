// The first page after logging in: what to do next, for this user's role.
import { searchAudits } from '../audit-queries.js';
import { userOf, type Handler } from '../handler.js';
import { may } from '../permissions.js';
import { sampleNames } from '../samples.js';

export const home: Handler = async (_req, res, app) => {
  const user = userOf(res);
  const recent = await searchAudits(app.store, user, { page: 1, pageSize: 5 });
  res.render('home', {
    recent: recent.items,
    samples: may(user, 'upload') ? sampleNames() : [],
    facilities: user.role === 'facility_manager' ? user.facilities : [],
  });
};
