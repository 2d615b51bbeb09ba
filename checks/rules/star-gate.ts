// The gate shared by the rules that hold institutions of a given star rating and above to a
// staffing requirement: which homes the rule covers, and what is unknown when it cannot tell.
import { isInstitution, type FacilityFacts, type StaffFacts } from '../facts.js';
import type { Evaluation, RuleMeta } from '../types.js';
import type { Blank } from '../bounds.js';
import { facilitySpot } from './fact-bounds.js';

export interface StarParams {
  minStars: number;
}

export const STAR_PARAMS: RuleMeta['params'] = {
  type: 'object',
  required: ['minStars'],
  additionalProperties: false,
  properties: { minStars: { type: 'integer', minimum: 1, maximum: 5 } },
};

export const STAR_GATE_MESSAGES: RuleMeta['messages'] = {
  notInstitution: { zh: '非养老机构，不适用', en: 'Not an institution; the rule does not apply' },
  notRated: { zh: '未评定星级，不适用', en: 'Not star-rated; the rule does not apply' },
  belowStars: {
    zh: '星级 {stars} 星，低于 {minStars} 星，不适用',
    en: '{stars} stars, below {minStars}; the rule does not apply',
  },
};

/**
 * The finding when the rule does not reach a measurement, else the home's stars and staff.
 * Star levels are cumulative (the catalogue's reading): a five-star home meets a four-star gate.
 * A blank star rating is unknown, and an unknown rating may be the one the rule covers: the
 * rule is then evaluated as if it applied, with the rating as its hinge.
 */
export function starGate(
  facility: FacilityFacts,
  staff: readonly StaffFacts[] | null,
  minStars: number,
): { evaluation: Evaluation } | { stars: number | string; staff: readonly StaffFacts[]; hinges: Blank[] } {
  if (!isInstitution(facility)) return { evaluation: { outcome: 'not_applicable', messageId: 'notInstitution' } };
  const stars = facility.star_rating;
  // 0 means "not rated" in the workbook, a known fact.
  if (stars === 0) return { evaluation: { outcome: 'not_applicable', messageId: 'notRated' } };
  if (stars !== null && stars < minStars) {
    return { evaluation: { outcome: 'not_applicable', messageId: 'belowStars', data: { stars, minStars } } };
  }
  if (staff === null) return { evaluation: { outcome: 'insufficient_data', missing: [...(stars === null ? ['star_rating'] : []), 'staff'] } };
  if (stars === null) return { stars: '—', staff, hinges: [{ ...facilitySpot(facility, 'star_rating'), low: 0, high: 5 }] };
  return { stars, staff, hinges: [] };
}
