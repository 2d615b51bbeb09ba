// A facility manager's corrected workbook (the answer to a rectification notice) may hold only
// the facilities the manager answers for, and must hold the notice's own. The rule is data, so
// that the upload worker, which stores the audit on its own connection, can apply it before
// storing: a refused workbook leaves nothing behind.
import type { WorkbookFacts } from '../../checks/facts.js';

export interface FacilityKey {
  jurisdiction: string;
  id: string;
}

export interface FacilityRestriction {
  /** The facilities the workbook may hold; null for a user who may submit any. */
  allowed: readonly FacilityKey[] | null;
  /** The facility the workbook must hold. */
  required: FacilityKey;
}

const same = (a: FacilityKey, b: FacilityKey): boolean => a.jurisdiction === b.jurisdiction && a.id === b.id;

/** Why the workbook is refused (zh / en in one sentence), else null. */
export function restrictionRefusal(facts: WorkbookFacts, restriction: FacilityRestriction): string | null {
  const keys = facts.facilities.map((f) => ({ jurisdiction: f.jurisdiction, id: f.facility_id }));
  const { allowed, required } = restriction;
  const foreign = allowed ? keys.find((key) => !allowed.some((mine) => same(mine, key))) : undefined;
  if (foreign) {
    return `工作簿中含有您无权提交的机构“${foreign.id}”，未保存任何内容 / the workbook holds facility "${foreign.id}", which is not yours: nothing was stored`;
  }
  if (!keys.some((key) => same(key, required))) {
    return `工作簿中没有本通知书的机构“${required.id}”，未保存任何内容 / the workbook does not hold this notice's facility "${required.id}": nothing was stored`;
  }
  return null;
}
