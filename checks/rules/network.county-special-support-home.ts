import type { FacilityFacts } from '../facts.js';
import { defineRule } from '../types.js';
import { paramsSchema } from './shared.js';
import { exact, sum, type Blank, type Bounds } from '../bounds.js';
import { facilitySpot, unlistedTotal } from './fact-bounds.js';
import { listedNote } from './region-shared.js';

interface Params {
  minCount: number;
  minStars: number;
}

/**
 * Whether a special-support home is county-level with at least `minStars` stars, as a count of
 * 1 or 0; where a blank `level` or `star_rating` could make it qualify, 0 … 1 naming the blanks.
 * A home a known field already rules out (level town, or too few stars) is a known 0.
 */
function qualifies(home: FacilityFacts, minStars: number): Bounds {
  if (home.level !== null && home.level !== 'county') return exact(0);
  if (home.star_rating !== null && home.star_rating < minStars) return exact(0);
  if (home.level !== null && home.star_rating !== null) return exact(1);
  const blanks: Blank[] = [
    ...(home.level === null ? [{ ...facilitySpot(home, 'level'), low: 0, high: 1 }] : []),
    ...(home.star_rating === null ? [{ ...facilitySpot(home, 'star_rating'), low: 0, high: 5 }] : []),
  ];
  return { value: null, low: 0, high: 1, lowOpen: false, highOpen: false, blanks };
}

export default defineRule<'region', Params>({
  meta: {
    id: 'network.county-special-support-home',
    title: {
      zh: '县级特困供养机构（敬老院）星级',
      en: 'County-level special-support home of the required stars',
    },
    subject: 'region',
    unit: 'count',
    comparison: 'gte',
    params: paramsSchema({
      minCount: { type: 'integer', minimum: 1 },
      minStars: { type: 'integer', minimum: 0, maximum: 5 },
    }),
    messages: {
      arithmetic: {
        zh: '县级且 {minStars} 星及以上的特困供养机构 {measured} 个（共列特困供养机构 {homes} 个），要求 {required} 个',
        en: '{measured} county-level special-support homes of {minStars} stars or more (special-support homes listed: {homes}), {required} required',
      },
    },
  },
  evaluate(subject, { minCount, minStars }) {
    const { facilities } = subject;
    if (facilities === null) return { outcome: 'insufficient_data', missing: ['facilities'] };
    const homes = facilities.filter((facility) => facility.facility_type === 'special_support');
    const counts = homes.map((home) => qualifies(home, minStars));
    // An institution the region row counts but the workbook does not list may be such a home.
    const unlisted = unlistedTotal(subject, 'facility_type', 1);
    const known = counts.filter((count) => count.value !== null);
    const note = listedNote(subject);
    return {
      outcome: 'measured',
      // No home listed at all is a known zero, the very failure the rule is about.
      measured: { ...sum(unlisted ? [...counts, exact(0), unlisted] : [...counts, exact(0)]), value: known.reduce((total, count) => total + count.low, 0) },
      required: minCount,
      messageId: 'arithmetic',
      data: { minStars, homes: homes.length },
      basis: { included: known.length, excluded: homes.length - known.length },
      ...(note ? { detail: note } : {}),
    };
  },
});
