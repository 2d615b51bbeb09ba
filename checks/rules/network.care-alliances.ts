import { defineRule } from '../types.js';
import { regionValue } from './fact-bounds.js';
import { paramsSchema } from './shared.js';

interface Params {
  minCount: number;
}

export default defineRule<'region', Params>({
  meta: {
    id: 'network.care-alliances',
    title: { zh: '康养联合体数量', en: 'Health-and-care alliances (康养联合体) in the jurisdiction' },
    subject: 'region',
    unit: 'count',
    comparison: 'gte',
    params: paramsSchema({ minCount: { type: 'integer', minimum: 1 } }),
    messages: {
      arithmetic: {
        zh: '已建成康养联合体 {measured} 家，要求 {required} 家',
        en: '{measured} health-and-care alliances built, {required} required',
      },
    },
  },
  evaluate({ region }, { minCount }) {
    // A blank count is unknown and unbounded: nothing the workbook states limits it.
    return { outcome: 'measured', measured: regionValue(region, 'care_alliances'), required: minCount, messageId: 'arithmetic' };
  },
});
