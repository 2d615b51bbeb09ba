import { defineRule, type Evaluation } from '../types.js';
import { paramsSchema, yesShare } from './shared.js';
import { staffFlag } from './fact-bounds.js';

interface Params {
  share: number;
}

export default defineRule<'facility', Params>({
  meta: {
    id: 'staffing.pre-job-training',
    title: { zh: '养老护理员完成岗前培训', en: 'Caregivers have completed pre-job training' },
    subject: 'facility',
    unit: 'share',
    comparison: 'gte',
    params: paramsSchema({ share: { type: 'number', minimum: 0, maximum: 1 } }),
    messages: {
      arithmetic: {
        zh: '养老护理员 {known} 人中完成岗前培训 {yes} 人，占 {measured:pct}，应达 {required:pct}',
        en: '{yes} of {known} caregivers have completed pre-job training, {measured:pct}; {required:pct} required',
      },
      noCaregivers: { zh: '无养老护理员，不适用', en: 'No caregivers; the rule does not apply' },
    },
  },
  evaluate({ staff }, { share }): Evaluation {
    // Without a staff sheet the roster is unknown; an empty roster is a known zero.
    if (staff === null) return { outcome: 'insufficient_data', missing: ['staff'] };
    return yesShare(
      staff.filter((member) => member.role === 'caregiver'),
      (member) => staffFlag(member, 'pre_job_trained'),
      { required: share, messageId: 'arithmetic', emptyMessageId: 'noCaregivers' },
    );
  },
});
