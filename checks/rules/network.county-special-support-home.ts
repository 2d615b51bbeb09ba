import type { FacilityFacts } from '../facts.js';
import { defineRule } from '../types.js';
import { paramsSchema } from './shared.js';

interface Params {
  minCount: number;
  minStars: number;
}

/**
 * Whether a special-support home is county-level with at least `minStars` stars: `true`/`false`
 * when known, or the blank fields that keep it unknown. A home a known field already rules out
 * (level town, or too few stars) is a known "no" even if its other field is blank.
 */
function qualifies(home: FacilityFacts, minStars: number): boolean | ('level' | 'star_rating')[] {
  if (home.level !== null && home.level !== 'county') return false;
  if (home.star_rating !== null && home.star_rating < minStars) return false;
  if (home.level === null || home.star_rating === null) {
    return [...(home.level === null ? ['level' as const] : []), ...(home.star_rating === null ? ['star_rating' as const] : [])];
  }
  return true;
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
  evaluate({ facilities }, { minCount, minStars }) {
    if (facilities === null) return { outcome: 'insufficient_data', missing: ['facilities'] };
    const homes = facilities.filter((facility) => facility.facility_type === 'special_support');
    let count = 0;
    let known = 0;
    const blank = new Set<string>();
    for (const home of homes) {
      const verdict = qualifies(home, minStars);
      if (Array.isArray(verdict)) {
        for (const field of verdict) blank.add(field);
        continue;
      }
      known += 1;
      if (verdict) count += 1;
    }
    // Homes are listed but none can be told apart: the count is unknown. No home listed at
    // all is a known zero, the very failure the rule is about.
    if (homes.length > 0 && known === 0) {
      return { outcome: 'insufficient_data', missing: ['level', 'star_rating'].filter((field) => blank.has(field)) };
    }
    return {
      outcome: 'measured',
      measured: count,
      required: minCount,
      messageId: 'arithmetic',
      data: { minStars, homes: homes.length },
      basis: { included: known, excluded: homes.length - known },
    };
  },
});
