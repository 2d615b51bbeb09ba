import { isInstitution } from '../facts.js';
import { defineRule, type Evaluation } from '../types.js';
import { paramsSchema } from './shared.js';
import { facilityFlag, facilitySpot, totalBeds } from './fact-bounds.js';

interface Params {
  minBeds: number;
}

export default defineRule<'facility', Params>({
  meta: {
    id: 'equipment.rehab-room',
    title: {
      zh: '一定床位规模以上的养老机构设置康复室',
      en: 'Institutions of a given number of beds or more have a rehabilitation room',
    },
    subject: 'facility',
    unit: 'count',
    comparison: 'gte',
    params: paramsSchema({ minBeds: { type: 'integer', minimum: 1 } }),
    messages: {
      arithmetic: {
        zh: '床位总数 {beds} 张，达到 {minBeds} 张，应设康复室 {required} 个，实有 {measured} 个',
        en: '{beds} beds, at least {minBeds}: {required} rehabilitation room required, {measured} provided',
      },
      arithmeticBlankBeds: {
        zh: '床位总数未填（按达到 {minBeds} 张计），应设康复室 {required} 个，实有 {measured} 个',
        en: 'beds blank (taken as {minBeds} or more): {required} rehabilitation room required, {measured} provided',
      },
      notInstitution: { zh: '非养老机构，不适用', en: 'Not an institution; the rule does not apply' },
      fewBeds: {
        zh: '床位总数 {beds} 张，不足 {minBeds} 张，不适用',
        en: '{beds} beds, fewer than {minBeds}; the rule does not apply',
      },
    },
  },
  evaluate({ facility }, { minBeds }): Evaluation {
    if (!isInstitution(facility)) return { outcome: 'not_applicable', messageId: 'notInstitution' };
    const beds = totalBeds(facility);
    if (beds.high < minBeds) {
      return { outcome: 'not_applicable', messageId: 'fewBeds', data: { beds: beds.high, minBeds } };
    }
    // With the beds blank the rule may or may not apply (unless the known parts already reach
    // the threshold): evaluated as if it applied, a room present stands, a missing one waits.
    const hinges = beds.low < minBeds ? [{ ...facilitySpot(facility, 'total_beds'), low: beds.low, high: Infinity }] : [];
    return {
      outcome: 'measured',
      // A rule of presence measures the count present against 1.
      measured: facilityFlag(facility, 'has_rehab_room'),
      required: 1,
      messageId: beds.value === null ? 'arithmeticBlankBeds' : 'arithmetic',
      data: { beds: beds.value ?? '—', minBeds },
      ...(hinges.length ? { hinges } : {}),
    };
  },
});
