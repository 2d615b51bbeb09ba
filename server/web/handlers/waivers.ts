// Adding and revoking waivers from the waivers page or the API (inspectors and admins): the
// approver is the signed-in user, and both actions go into the append-only history.
import { RectificationError } from '../../store/rectification-types.js';
import type { SubjectKind } from '../../../checks/types.js';
import { todayInChina } from '../../audit/today.js';
import { isDate } from '../../rectify/dates.js';
import { addWaiver, revokeWaiver } from '../../rectify/service.js';
import { waiverState } from '../../rectify/waivers.js';
import { param, userOf, type Handler } from '../handler.js';

const KINDS: readonly SubjectKind[] = ['facility', 'area', 'region'];

function fields(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries((body ?? {}) as Record<string, unknown>)) if (typeof value === 'string') out[key] = value.trim();
  return out;
}

export const postWaiver: Handler = async (req, res, app) => {
  const f = fields(req.body);
  const kind = (f['kind'] || 'facility') as SubjectKind;
  if (!KINDS.includes(kind)) throw new RectificationError('对象类型须为 facility、area 或 region / kind must be facility, area or region');
  if (!f['subject'] || !f['jurisdiction']) throw new RectificationError('请填写对象编号和辖区 / give the subject id and its jurisdiction');
  if (!isDate(f['until'] ?? '')) throw new RectificationError('有效期须为 YYYY-MM-DD / the expiry must be YYYY-MM-DD');
  const waiver = await addWaiver(app.record, {
    rule: f['rule'] ?? '',
    subject: { kind, id: f['subject'], jurisdiction: f['jurisdiction'] },
    reason: f['reason'] ?? '',
    until: f['until']!,
    approvedBy: userOf(res).name,
  });
  if (req.path.startsWith('/api/')) res.status(201).json({ ...waiver, state: waiverState(waiver, todayInChina()) });
  else res.redirect(303, '/waivers');
};

export const postRevokeWaiver: Handler = async (req, res, app) => {
  const note = fields(req.body)['note'] || null;
  const waiver = await revokeWaiver(app.record, param(req, 'id'), userOf(res).name, note);
  if (req.path.startsWith('/api/')) res.json({ ...waiver, state: waiverState(waiver, todayInChina()) });
  else res.redirect(303, '/waivers');
};
