import { isInstitution } from '../facts.js';
import { defineRule, type Evaluation } from '../types.js';
import { paramsSchema } from './shared.js';

interface Params {
  minBeds: number;
}

export default defineRule<'facility', Params>({
  meta: {
    id: 'equipment.rehab-room',
    title: {
      zh: '一定床位规模以上的养老机构设置康复室',
      en: 'Institutions above a bed threshold have a rehabilitation room',
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
      notInstitution: { zh: '非养老机构，不适用', en: 'Not an institution; the rule does not apply' },
      fewBeds: {
        zh: '床位总数 {beds} 张，不足 {minBeds} 张，不适用',
        en: '{beds} beds, fewer than {minBeds}; the rule does not apply',
      },
    },
  },
  evaluate({ facility }, { minBeds }): Evaluation {
    if (!isInstitution(facility)) return { outcome: 'not_applicable', messageId: 'notInstitution' };
    const beds = facility.total_beds;
    if (beds !== null && beds < minBeds) {
      return { outcome: 'not_applicable', messageId: 'fewBeds', data: { beds, minBeds } };
    }
    const hasRoom = facility.has_rehab_room;
    // With the beds unknown the rule may or may not apply; name the room too, since it is
    // needed as soon as the beds turn out to reach the threshold.
    if (beds === null || hasRoom === null) {
      return {
        outcome: 'insufficient_data',
        missing: [...(beds === null ? ['total_beds'] : []), ...(hasRoom === null ? ['has_rehab_room'] : [])],
      };
    }
    return {
      outcome: 'measured',
      // A rule of presence measures the count present against 1.
      measured: hasRoom ? 1 : 0,
      required: 1,
      messageId: 'arithmetic',
      data: { beds, minBeds },
    };
  },
});
