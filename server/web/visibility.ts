// What part of an audit a user may see. Everyone but a facility manager sees all of it; a
// facility manager sees only the findings whose subject is one of their facilities — matched on
// (jurisdiction, id), since two counties may number a home alike — and nothing of the workbook
// as a whole (its file name, hash, row counts or warnings). An audit or facility with none of
// theirs does not exist for them (404, never 403, so that ids cannot be probed).
import type { Finding } from '../../checks/finding.js';
import { countStatuses, type AuditResult } from '../audit/result.js';
import type { AuditListItem } from '../store/types.js';
import type { FacilityRef, User } from '../store/users-types.js';

const key = (jurisdiction: string, id: string) => `${jurisdiction}\u0000${id}`;

/** The facilities the user is limited to, or null for all. */
export function facilityScope(user: User): readonly FacilityRef[] | null {
  return user.role === 'facility_manager' ? user.facilities : null;
}

export function canSeeFacility(user: User, facility: FacilityRef): boolean {
  const scope = facilityScope(user);
  return scope === null || scope.some((f) => f.jurisdiction === facility.jurisdiction && f.id === facility.id);
}

function inScope(scope: readonly FacilityRef[]): (finding: Finding) => boolean {
  const keys = new Set(scope.map((f) => key(f.jurisdiction, f.id)));
  return (f) => f.subject.kind === 'facility' && keys.has(key(f.subject.jurisdiction, f.subject.id));
}

/** What a manager's copy says of the workbook: nothing that describes the whole of it. */
export const SCOPED_WORKBOOK: AuditResult['workbook'] = { file: '', sha256: '', rows: {} };

/** The result as the user may see it, its counts recomputed; null when nothing of it is theirs. */
export function visibleResult(result: AuditResult, user: User): AuditResult | null {
  const scope = facilityScope(user);
  if (scope === null) return result;
  const findings = result.findings.filter(inScope(scope));
  if (findings.length === 0) return null;
  const used = new Set(findings.map((f) => f.rulebook));
  return {
    ...result,
    workbook: SCOPED_WORKBOOK,
    findings,
    summary: countStatuses(findings),
    rulebooks: result.rulebooks.filter((b) => used.has(b.id)),
    // Reader warnings name other facilities' rows.
    warnings: [],
  };
}

/** A list entry as a manager may see it: their counts, no file name or hash. */
export function visibleListItem(item: AuditListItem, visible: AuditResult): AuditListItem {
  return { ...item, fileName: '', sha256: '', summary: visible.summary };
}
