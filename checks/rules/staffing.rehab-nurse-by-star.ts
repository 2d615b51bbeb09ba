import { isInstitution } from '../facts.js';
import { defineRule, type Evaluation } from '../types.js';
import { countStaff } from './shared.js';

interface Params {
  minStars: number;
}

export default defineRule<'facility', Params>({
  meta: {
    id: 'staffing.rehab-nurse-by-star',
    title: {
      zh: '四星级、五星级养老机构配备康复护士',
      en: 'Four-star and five-star institutions have a rehabilitation nurse',
    },
    subject: 'facility',
    unit: 'persons',
    comparison: 'gte',
    params: {
      type: 'object',
      required: ['minStars'],
      additionalProperties: false,
      properties: { minStars: { type: 'integer', minimum: 1, maximum: 5 } },
    },
    messages: {
      arithmetic: {
        zh: '{stars} 星级机构（{minStars} 星及以上）应配康复护士至少 {required} 人，实有 {measured} 人',
        en: '{stars}-star institution ({minStars} stars or more): at least {required} rehabilitation nurse required, {measured} employed',
      },
      notInstitution: { zh: '非养老机构，不适用', en: 'Not an institution; the rule does not apply' },
      notRated: { zh: '未评定星级，不适用', en: 'Not star-rated; the rule does not apply' },
      belowStars: {
        zh: '星级 {stars} 星，低于 {minStars} 星，不适用',
        en: '{stars} stars, below {minStars}; the rule does not apply',
      },
    },
  },
  evaluate({ facility, staff }, { minStars }): Evaluation {
    if (!isInstitution(facility)) return { outcome: 'not_applicable', messageId: 'notInstitution' };
    const stars = facility.star_rating;
    // 0 means "not rated" in the workbook, a known fact; a blank star rating is unknown, and
    // an unknown rating may be the one the rule covers.
    if (stars === 0) return { outcome: 'not_applicable', messageId: 'notRated' };
    if (stars !== null && stars < minStars) {
      return { outcome: 'not_applicable', messageId: 'belowStars', data: { stars, minStars } };
    }
    if (stars === null || staff === null) {
      return {
        outcome: 'insufficient_data',
        missing: [...(stars === null ? ['star_rating'] : []), ...(staff === null ? ['staff'] : [])],
      };
    }
    return {
      outcome: 'measured',
      // Star levels are cumulative (the catalogue's reading), so a five-star home counts too.
      measured: countStaff(staff, (member) => member.role === 'rehab_nurse'),
      required: 1,
      messageId: 'arithmetic',
      data: { stars, minStars },
    };
  },
});
