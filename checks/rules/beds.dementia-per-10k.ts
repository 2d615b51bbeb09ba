import { defineRule } from '../types.js';
import { per10kElderly, type Tally } from './region-shared.js';
import type { FacilityFacts } from '../facts.js';
import { FIGURE_PARAM, paramsSchema } from './shared.js';

interface Params {
  per10k: number;
}

/**
 * Σ dementia_beds over the facilities that have beds. A facility with beds but a blank
 * dementia_beds is left out (basis); one without beds (a day centre) has none to count.
 */
function dementiaBeds(facilities: readonly FacilityFacts[] | null): Tally {
  if (facilities === null) return { outcome: 'missing', missing: ['facilities'] };
  let sum = 0;
  let known = 0;
  let unknown = 0;
  for (const facility of facilities) {
    if (facility.dementia_beds !== null) {
      sum += facility.dementia_beds;
      known += 1;
    } else if (facility.total_beds !== null && facility.total_beds > 0) unknown += 1;
  }
  if (known === 0) return { outcome: 'missing', missing: ['dementia_beds'] };
  return { outcome: 'counted', count: sum, messageId: 'arithmetic', basis: { included: known, excluded: unknown } };
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
  evaluate({ region, facilities }, { per10k }) {
    return per10kElderly(region, dementiaBeds(facilities), { required: per10k, zeroMessageId: 'noElderly' });
  },
});
