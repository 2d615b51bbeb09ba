import { defineRule } from '../types.js';
import { regionValue } from './fact-bounds.js';
import { paramsSchema } from './shared.js';

interface Params {
  minCount: number;
}

export default defineRule<'region', Params>({
  meta: {
    id: 'network.smart-care-homes',
    title: { zh: '智慧养老院数量', en: 'Smart elderly-care homes (智慧养老院)' },
    subject: 'region',
    unit: 'count',
    comparison: 'gte',
    params: paramsSchema({ minCount: { type: 'integer', minimum: 1 } }),
    messages: {
      arithmetic: {
        zh: '已建成智慧养老院 {measured} 家，要求 {required} 家',
        en: '{measured} smart elderly-care homes built, {required} required',
      },
    },
  },
  evaluate({ region }, { minCount }) {
    // Smart homes are institutions: a blank count is at most the institutions the row states.
    return {
      outcome: 'measured',
      measured: regionValue(region, 'smart_care_homes'),
      required: minCount,
      messageId: 'arithmetic',
    };
  },
});
