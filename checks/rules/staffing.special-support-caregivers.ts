import { defineRule, type Evaluation } from '../types.js';
import { ceilSumOfRatios, countStaff, paramsSchema } from './shared.js';

interface Params {
  fullyDisabledPerCaregiver: number;
  partiallyDisabledPerCaregiver: number;
  selfCarePerCaregiver: number;
}

const ratio = { type: 'integer', minimum: 1 } as const;

export default defineRule<'facility', Params>({
  meta: {
    id: 'staffing.special-support-caregivers',
    title: {
      zh: '特困供养机构按老年人照护等级配备养老护理员',
      en: "Caregivers in a special-support home by residents' care level",
    },
    subject: 'facility',
    unit: 'persons',
    comparison: 'gte',
    params: paramsSchema({
        fullyDisabledPerCaregiver: ratio,
        partiallyDisabledPerCaregiver: ratio,
        selfCarePerCaregiver: ratio,
      }),
    messages: {
      arithmetic: {
        zh:
          '完全失能 {fullyDisabled} 人 ÷ {fullyDisabledPerCaregiver} + 部分失能 {partiallyDisabled} 人 ÷ {partiallyDisabledPerCaregiver}' +
          ' + 自理 {selfCare} 人 ÷ {selfCarePerCaregiver} = {sum}，应配养老护理员 {required} 人，实有 {measured} 人',
        en:
          '{fullyDisabled} fully disabled ÷ {fullyDisabledPerCaregiver} + {partiallyDisabled} partially disabled ÷ {partiallyDisabledPerCaregiver}' +
          ' + {selfCare} self-care residents ÷ {selfCarePerCaregiver} = {sum}; caregivers: {required} required, {measured} employed',
      },
      notSpecialSupport: {
        zh: '非特困供养机构（敬老院），不适用',
        en: 'Not a special-support home; the rule does not apply',
      },
    },
  },
  evaluate({ facility, staff }, params): Evaluation {
    if (facility.facility_type !== 'special_support') return { outcome: 'not_applicable', messageId: 'notSpecialSupport' };
    const fullyDisabled = facility.residents_fully_disabled;
    const partiallyDisabled = facility.residents_partially_disabled;
    const selfCare = facility.residents_self_care;
    if (fullyDisabled === null || partiallyDisabled === null || selfCare === null || staff === null) {
      return {
        outcome: 'insufficient_data',
        missing: [
          ...(fullyDisabled === null ? ['residents_fully_disabled'] : []),
          ...(partiallyDisabled === null ? ['residents_partially_disabled'] : []),
          ...(selfCare === null ? ['residents_self_care'] : []),
          ...(staff === null ? ['staff'] : []),
        ],
      };
    }
    // The catalogue's reading: the three ratios are summed, then rounded up once, so that
    // 1 fully disabled (⅓) and 4 partially disabled (⅔) residents need 1 caregiver, not 2.
    const { required, sum } = ceilSumOfRatios([
      { count: fullyDisabled, per: params.fullyDisabledPerCaregiver },
      { count: partiallyDisabled, per: params.partiallyDisabledPerCaregiver },
      { count: selfCare, per: params.selfCarePerCaregiver },
    ]);
    return {
      outcome: 'measured',
      measured: countStaff(staff, (member) => member.role === 'caregiver'),
      required,
      messageId: 'arithmetic',
      data: { fullyDisabled, partiallyDisabled, selfCare, ...params, sum },
    };
  },
});
