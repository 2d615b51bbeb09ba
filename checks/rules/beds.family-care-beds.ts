import { defineRule } from '../types.js';
import { paramsSchema } from './shared.js';
import { regionValue } from './fact-bounds.js';

interface Params {
  minBeds: number;
}

export default defineRule<'region', Params>({
  meta: {
    id: 'beds.family-care-beds',
    title: { zh: '家庭养老床位数', en: 'Family care beds in the county' },
    subject: 'region',
    unit: 'beds',
    comparison: 'gte',
    params: paramsSchema({ minBeds: { type: 'integer', minimum: 0 } }),
    messages: {
      arithmetic: {
        zh: '家庭养老床位 {measured} 张，要求 {required} 张',
        en: '{measured} family care beds, {required} required',
      },
    },
  },
  evaluate({ region }, { minBeds }) {
    return { outcome: 'measured', measured: regionValue(region, 'family_care_beds'), required: minBeds, messageId: 'arithmetic' };
  },
});
