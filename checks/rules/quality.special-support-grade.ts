import { defineRule, type Evaluation } from '../types.js';
import { paramsSchema } from './shared.js';
import { field } from '../bounds.js';
import { facilitySpot } from './fact-bounds.js';

interface Params {
  minStars: number;
}

export default defineRule<'facility', Params>({
  meta: {
    id: 'quality.special-support-grade',
    title: {
      zh: '特困供养机构（敬老院）达到规定星级',
      en: 'Special-support homes (敬老院) reach the required grade',
    },
    subject: 'facility',
    unit: 'stars',
    comparison: 'gte',
    params: paramsSchema({ minStars: { type: 'integer', minimum: 1, maximum: 5 } }),
    messages: {
      arithmetic: {
        zh: '特困供养机构星级 {measured} 星，应达到 {required} 星',
        en: 'special-support home star rating {measured}; {required} required',
      },
      notRated: {
        zh: '特困供养机构未评定星级（按 0 星计），应达到 {required} 星',
        en: 'special-support home not star-rated (counted as 0); star rating {required} required',
      },
      notSpecialSupport: {
        zh: '非特困供养机构（敬老院），不适用',
        en: 'Not a special-support home; the rule does not apply',
      },
    },
  },
  evaluate({ facility }, { minStars }): Evaluation {
    if (facility.facility_type !== 'special_support') return { outcome: 'not_applicable', messageId: 'notSpecialSupport' };
    const stars = facility.star_rating;
    // Blank is unknown (0 … 5 stars); 0 is the workbook's "not rated", which is below any grade.
    return {
      outcome: 'measured',
      measured: field(stars, facilitySpot(facility, 'star_rating'), 0, 5),
      required: minStars,
      messageId: stars === 0 ? 'notRated' : 'arithmetic',
    };
  },
});
