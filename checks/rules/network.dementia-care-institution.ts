import { defineRule } from '../types.js';
import { regionValue } from './fact-bounds.js';
import { paramsSchema } from './shared.js';

interface Params {
  minCount: number;
}

export default defineRule<'region', Params>({
  meta: {
    id: 'network.dementia-care-institution',
    title: { zh: '专业认知障碍集中照护机构', en: 'Dedicated dementia-care institutions (专业认知障碍集中照护机构)' },
    subject: 'region',
    unit: 'count',
    comparison: 'gte',
    params: paramsSchema({ minCount: { type: 'integer', minimum: 1 } }),
    messages: {
      arithmetic: {
        zh: '已建成专业认知障碍集中照护机构 {measured} 家，要求 {required} 家',
        en: '{measured} dedicated dementia-care institutions built, {required} required',
      },
    },
  },
  evaluate({ region }, { minCount }) {
    // They are institutions: a blank count is at most the institutions the row states.
    return {
      outcome: 'measured',
      measured: regionValue(region, 'dementia_care_institutions'),
      required: minCount,
      messageId: 'arithmetic',
    };
  },
});
