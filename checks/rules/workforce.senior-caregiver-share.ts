import { isSeniorCaregiver } from '../facts.js';
import { defineRule } from '../types.js';
import { certifiedCaregiverShare } from './region-shared.js';
import { answer } from '../bounds.js';
import { paramsSchema, SHARE_PARAM } from './shared.js';

interface Params {
  share: number;
}

export default defineRule<'region', Params>({
  meta: {
    id: 'workforce.senior-caregiver-share',
    title: {
      zh: '高级及以上持证养老护理员占比',
      en: 'Senior-level and above among certified caregivers',
    },
    subject: 'region',
    unit: 'share',
    comparison: 'gte',
    params: paramsSchema({ share: SHARE_PARAM }),
    messages: {
      arithmetic: {
        zh: '高级及以上养老护理员 {yes} 人 ÷ 持证养老护理员 {known} 人（据人员表统计）= {measured:pct}，要求 {required:pct}',
        en: '{yes} of {known} certified caregivers (counted from the staff sheet) are senior level or above = {measured:pct}, {required:pct} required',
      },
      noCertified: {
        zh: '人员表中无持证养老护理员，不适用',
        en: 'The staff sheet lists no certified caregivers; the rule does not apply',
      },
    },
  },
  evaluate(subject, { share }) {
    // A certified caregiver's level is always known (certified means a level other than none).
    return certifiedCaregiverShare(subject, (member) => answer(isSeniorCaregiver(member)), { required: share });
  },
});
