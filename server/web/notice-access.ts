// Who may see which notice and waiver. Everyone but a facility manager sees them all; a facility
// manager sees only the notices and waivers of their own facilities, and any other notice does
// not exist for them (404, never 403, so that ids cannot be probed).
import type { Request } from 'express';
import { todayInChina } from '../audit/today.js';
import type { StoredWaiver } from '../store/rectification-types.js';
import type { User } from '../store/users-types.js';
import { listNoticeViews, readNotice, type NoticeListQuery } from '../rectify/service.js';
import type { NoticeView } from '../rectify/state.js';
import { waiverState, type WaiverState } from '../rectify/waivers.js';
import { isDate } from '../rectify/dates.js';
import type { AppContext } from './app-context.js';
import { HttpError, notFound } from './context.js';
import { queryText } from './handler.js';
import { canSeeFacility, facilityScope } from './visibility.js';

export function maySeeSubject(user: User, subject: { kind: string; id: string; jurisdiction: string }): boolean {
  if (facilityScope(user) === null) return true;
  return subject.kind === 'facility' && canSeeFacility(user, subject);
}

/** `?asOf=` (the day states are judged on), else today where the inspectors are. */
export function asOfOf(req: Request): string {
  const asked = queryText(req, 'asOf');
  if (asked === undefined) return todayInChina();
  if (!isDate(asked)) throw new HttpError(400, 'badRequest', 'asOf must be a date YYYY-MM-DD');
  return asked;
}

export async function visibleNotice(app: AppContext, user: User, id: string, asOf: string): Promise<NoticeView> {
  const view = await readNotice(app.record, id, asOf);
  if (!view || !maySeeSubject(user, view.subject)) throw notFound();
  return view;
}

export async function visibleNotices(app: AppContext, user: User, query: NoticeListQuery, asOf: string): Promise<NoticeView[]> {
  const scope = facilityScope(user);
  return listNoticeViews(app.record, { ...query, ...(scope ? { facilities: [...scope] } : {}) }, asOf);
}

export type WaiverView = StoredWaiver & { state: WaiverState };

export async function visibleWaivers(app: AppContext, user: User, asOf: string): Promise<WaiverView[]> {
  return (await app.record.listWaivers()).filter((w) => maySeeSubject(user, w.subject)).map((w) => ({ ...w, state: waiverState(w, asOf) }));
}
