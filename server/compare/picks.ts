// Which facility of which audit a comparison column shows, read from text: `ID` picks from
// the default audit, `AUDIT:ID` from any audit (the CLI's --facility and the pages' `facility`).
// A facility id may itself hold `:` (`AJ:002`): text is AUDIT:ID only when it starts with an
// audit id, so a bare id with a colon is still a bare id.
import { AUDIT_ID } from '../store/rows.js';
export interface PickRef {
  auditId: string;
  facilityId: string;
}

export function readPick(value: string, defaultAudit: string | undefined): PickRef {
  const colon = value.indexOf(':');
  if (colon > 0 && AUDIT_ID.test(value.slice(0, colon))) return { auditId: value.slice(0, colon), facilityId: value.slice(colon + 1) };
  if (!defaultAudit) throw new RangeError(`facility ${value} needs an audit: give the audit, or write it as AUDIT:FACILITY`);
  return { auditId: defaultAudit, facilityId: value };
}

/** The picks in order, each (audit, facility) once. */
export function readPicks(values: readonly string[], defaultAudit: string | undefined): PickRef[] {
  const seen = new Set<string>();
  const picks: PickRef[] = [];
  for (const value of values) {
    const pick = readPick(value.trim(), defaultAudit);
    const key = `${pick.auditId}:${pick.facilityId}`;
    if (pick.facilityId === '' || seen.has(key)) continue;
    seen.add(key);
    picks.push(pick);
  }
  return picks;
}

export const pickText = (pick: PickRef) => `${pick.auditId}:${pick.facilityId}`;
