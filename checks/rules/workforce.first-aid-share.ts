import { defineRule } from '../types.js';
import { certifiedCaregiverShare } from './region-shared.js';
import { staffFlag } from './fact-bounds.js';
import { paramsSchema, SHARE_PARAM } from './shared.js';

interface Params {
  share: number;
}

export default defineRule<'region', Params>({
  meta: {
    id: 'workforce.first-aid-share',
    title: {
      zh: '持证养老护理员中持救护员证比例',
      en: 'First-aid certificate holders among certified caregivers',
    },
    subject: 'region',
    unit: 'share',
    comparison: 'gte',
    params: paramsSchema({ share: SHARE_PARAM }),
    messages: {
      arithmetic: {
        zh: '持救护员证的持证养老护理员 {yes} 人 ÷ 持证养老护理员 {known} 人（据人员表统计）= {measured:pct}，要求 {required:pct}',
        en: '{yes} of {known} certified caregivers (counted from the staff sheet) hold a first-aid certificate = {measured:pct}, {required:pct} required',
      },
      noCertified: {
        zh: '人员表中无持证养老护理员，不适用',
        en: 'The staff sheet lists no certified caregivers; the rule does not apply',
      },
    },
  },
  evaluate(subject, { share }) {
    return certifiedCaregiverShare(subject, (member) => staffFlag(member, 'first_aid_certified'), { required: share });
  },
});
