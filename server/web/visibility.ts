// What part of an audit a user may see. Everyone but a facility manager sees all of it; a
// facility manager sees only the findings whose subject is one of their facilities, and an
// audit or facility with none of theirs does not exist for them (404, never 403, so that ids
// cannot be probed).
import { countStatuses, type AuditResult } from '../audit/result.js';
import type { User } from '../store/users-types.js';

/** The facility ids the user is limited to, or null for all. */
export function facilityScope(user: User): ReadonlySet<string> | null {
  return user.role === 'facility_manager' ? new Set(user.facilities) : null;
}

export function canSeeFacility(user: User, facilityId: string): boolean {
  const scope = facilityScope(user);
  return scope === null || scope.has(facilityId);
}

/**
 * The result as the user may see it, its counts recomputed; null when nothing of it is theirs.
 * Reader warnings are dropped for a facility manager: they may name other facilities' rows.
 */
export function visibleResult(result: AuditResult, user: User): AuditResult | null {
  const scope = facilityScope(user);
  if (scope === null) return result;
  const findings = result.findings.filter((f) => f.subject.kind === 'facility' && scope.has(f.subject.id));
  if (findings.length === 0) return null;
  const used = new Set(findings.map((f) => f.rulebook));
  return {
    ...result,
    findings,
    summary: countStatuses(findings),
    rulebooks: result.rulebooks.filter((b) => used.has(b.id)),
    warnings: [],
  };
}
