// Star-claim consistency for reviewers: every facility that claims a star rating, the findings
// of the rules whose scope depends on stars (found from the rules' own parameter schemas, so a
// new star rule needs no change here), and the facts behind the stars. A facility that claims
// N stars and fails what N stars require is flagged and listed first. A waiver is shown beside
// the finding it covers and never turns a shortfall into a pass: a claim short only of waived
// findings is still flagged.
import type { FacilityFacts, Role, WorkbookFacts } from '../../checks/facts.js';
import type { Finding } from '../../checks/finding.js';
import { RULES } from '../../checks/registry.js';
import type { AuditResult } from '../audit/result.js';
import { groupBy } from '../../checks/group-by.js';
import { noteFor, type WaiverNote, type WaiversOn } from '../rectify/waivers.js';

/** Facility rules with a `minStars` parameter: their scope starts at a star rating. */
export const STAR_RULES: ReadonlySet<string> = new Set(
  RULES.filter((rule) => {
    const properties = (rule.meta.params as { properties?: Record<string, unknown> }).properties ?? {};
    return rule.meta.subject === 'facility' && 'minStars' in properties;
  }).map((rule) => rule.meta.id),
);

const COUNTED_ROLES = ['rehab_nurse', 'rehab_physician', 'rehab_therapist', 'caregiver', 'social_worker', 'nurse', 'doctor'] as const satisfies readonly Role[];

export interface StarClaim {
  facility: Pick<FacilityFacts, 'facility_id' | 'name' | 'jurisdiction' | 'facility_type' | 'star_rating' | 'total_beds' | 'has_rehab_room'>;
  stars: number;
  /** Staff by role, from the audit's complete roster; null without a staff sheet. */
  staff: Record<(typeof COUNTED_ROLES)[number], number> | null;
  findings: Finding[];
  /** The waiver beside each of `findings` (null: none), judged on the comparison's day. */
  waivers: (WaiverNote | null)[];
  /** The star-dependent findings that fail or warn: what the claimed stars require and lack. */
  shortfalls: Finding[];
  flagged: boolean;
}

export function starClaims(result: AuditResult, facts: WorkbookFacts, options: { waivers?: WaiversOn } = {}): StarClaim[] {
  const findingsOf = groupBy(
    result.findings.filter((f) => f.subject.kind === 'facility' && STAR_RULES.has(f.rule)),
    (f) => f.subject.id,
  );
  const staffOf = groupBy(facts.staff, (member) => member.facility_id);
  const claims = facts.facilities
    .filter((facility) => facility.star_rating !== null && facility.star_rating > 0)
    .map((facility) => {
      const own = findingsOf.get(facility.facility_id) ?? [];
      const shortfalls = own.filter((f) => f.status === 'fail' || f.status === 'warn');
      const roster = facts.sheets.staff ? (staffOf.get(facility.facility_id) ?? []) : null;
      const staff = roster
        ? (Object.fromEntries(COUNTED_ROLES.map((role) => [role, roster.filter((m) => m.role === role).length])) as StarClaim['staff'])
        : null;
      const { facility_id, name, jurisdiction, facility_type, star_rating, total_beds, has_rehab_room } = facility;
      return {
        facility: { facility_id, name, jurisdiction, facility_type, star_rating, total_beds, has_rehab_room },
        stars: star_rating!,
        staff,
        findings: own,
        waivers: own.map((finding) => noteFor(finding, options.waivers)),
        shortfalls,
        flagged: shortfalls.length > 0,
      };
    });
  return claims.sort((a, b) => Number(b.flagged) - Number(a.flagged) || b.stars - a.stars || a.facility.facility_id.localeCompare(b.facility.facility_id));
}
