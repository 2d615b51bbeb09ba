import { defineRule } from '../types.js';
import { regionValue } from './fact-bounds.js';
import { paramsSchema } from './shared.js';

interface Params {
  minHouseholds: number;
}

export default defineRule<'region', Params>({
  meta: {
    id: 'homes.age-friendly-retrofits',
    title: {
      zh: '特殊困难老年人家庭适老化改造户数',
      en: 'Homes of elderly people in special difficulty adapted for old age (适老化改造)',
    },
    subject: 'region',
    unit: 'households',
    comparison: 'gte',
    params: paramsSchema({ minHouseholds: { type: 'integer', minimum: 1 } }),
    messages: {
      arithmetic: {
        zh: '2021 年以来完成特殊困难老年人家庭适老化改造 {measured} 户，要求 {required} 户',
        en: '{measured} households of elderly people in special difficulty adapted since 2021, {required} required',
      },
    },
  },
  evaluate({ region }, { minHouseholds }) {
    return {
      outcome: 'measured',
      measured: regionValue(region, 'age_friendly_retrofits'),
      required: minHouseholds,
      messageId: 'arithmetic',
    };
  },
});
