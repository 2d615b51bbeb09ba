import { defineRule } from '../types.js';
import { listedNote, per10kElderly, type Tally } from './region-shared.js';
import { FIGURE_PARAM, paramsSchema } from './shared.js';
import { sum } from '../bounds.js';
import { bedPart, unlistedTotal } from './fact-bounds.js';
import type { RegionSubject } from '../types.js';

interface Params {
  per10k: number;
}

/**
 * Σ dementia_beds over every facility: a blank one is 0 … its total_beds (unbounded where that
 * is blank too), and unlisted institutions may hold any number.
 */
function dementiaBeds(subject: RegionSubject & { facilities: NonNullable<RegionSubject['facilities']> }): Tally {
  const unlisted = unlistedTotal(subject, 'dementia_beds', Infinity);
  const beds = subject.facilities.map((facility) => bedPart(facility, 'dementia_beds'));
  const note = listedNote(subject);
  return { count: sum(unlisted ? [...beds, unlisted] : beds), messageId: 'arithmetic', ...(note ? { note } : {}) };
}

export default defineRule<'region', Params>({
  meta: {
    id: 'beds.dementia-per-10k',
    title: { zh: '每万名老年人拥有认知障碍照护床位数', en: 'Dementia-care beds per 10,000 elderly' },
    subject: 'region',
    unit: 'beds_per_10k',
    comparison: 'gte',
    params: paramsSchema({ per10k: FIGURE_PARAM }),
    messages: {
      arithmetic: {
        zh: '认知障碍照护床位 {count} 张 × 10,000 ÷ 老年人口 {elderly} = {measured} 张/万名老年人，要求 {required} 张/万名老年人',
        en: '{count} dementia-care beds × 10,000 ÷ {elderly} elderly = {measured} beds per 10,000, {required} required',
      },
      noElderly: {
        zh: '老年人口为 0，不适用',
        en: 'The elderly population is 0; the rule does not apply',
      },
    },
  },
  evaluate(subject, { per10k }) {
    const { region, facilities } = subject;
    if (facilities === null) {
      // Without the facilities sheet the beds are unknown: named as the sheet, as the elderly population may be too.
      return { outcome: 'insufficient_data', missing: ['facilities', ...(region.elderly_population === null ? ['elderly_population'] : [])] };
    }
    return per10kElderly(region, dementiaBeds({ ...subject, facilities }), { required: per10k, zeroMessageId: 'noElderly' });
  },
});
