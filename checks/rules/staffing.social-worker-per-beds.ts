import { isInstitution } from '../facts.js';
import { countStaff, paramsSchema } from './shared.js';
import { defineRule } from '../types.js';

interface Params {
  bedsPerWorker: number;
}

export default defineRule<'facility', Params>({
  meta: {
    id: 'staffing.social-worker-per-beds',
    title: { zh: '养老机构按床位配备社会工作者', en: 'Social workers per institution beds' },
    subject: 'facility',
    unit: 'persons',
    comparison: 'gte',
    params: paramsSchema({ bedsPerWorker: { type: 'integer', minimum: 1 } }),
    messages: {
      arithmetic: {
        zh: '{beds} 张床位 ÷ {bedsPerWorker} = {quotient}，应配社会工作者 {required} 人，实有 {measured} 人',
        en: '{beds} beds ÷ {bedsPerWorker} = {quotient}: {required} social workers required, {measured} employed',
      },
      notInstitution: { zh: '非养老机构，不适用', en: 'Not an institution; the rule does not apply' },
      noBeds: { zh: '床位总数为 0，不适用', en: 'No beds; the rule does not apply' },
    },
  },
  evaluate({ facility, staff }, { bedsPerWorker }) {
    if (!isInstitution(facility)) return { outcome: 'not_applicable', messageId: 'notInstitution' };
    const beds = facility.total_beds;
    const missing = [...(beds === null ? ['total_beds'] : []), ...(staff === null ? ['staff'] : [])];
    if (beds === null || staff === null) return { outcome: 'insufficient_data', missing };
    if (beds === 0) return { outcome: 'not_applicable', messageId: 'noBeds' };
    return {
      outcome: 'measured',
      measured: countStaff(staff, (member) => member.role === 'social_worker'),
      // Head-counts are rounded up: 130 beds at 1 per 60 need 3 social workers.
      required: Math.ceil(beds / bedsPerWorker),
      messageId: 'arithmetic',
      data: { beds, bedsPerWorker, quotient: beds / bedsPerWorker },
    };
  },
});
