import { isCertifiedCaregiver } from '../facts.js';
import { formatNumber } from '../format.js';
import { defineRule, type Evaluation } from '../types.js';
import { listWithValues, paramsSchema } from './shared.js';
import { field, lowest } from '../bounds.js';
import { staffSpot } from './fact-bounds.js';

interface Params {
  minYuan: number;
}

export default defineRule<'facility', Params>({
  meta: {
    id: 'workforce.caregiver-allowance',
    title: {
      zh: '持证养老护理员享受岗位津贴',
      en: 'Certified caregivers receive the post allowance',
    },
    subject: 'facility',
    unit: 'yuan',
    comparison: 'gte',
    params: paramsSchema({ minYuan: { type: 'number', exclusiveMinimum: 0 } }),
    messages: {
      arithmetic: {
        zh: '持证养老护理员 {known} 人中岗位津贴最低 {measured} 元/月，每人应不低于 {required} 元/月',
        en: "certified caregivers' lowest monthly post allowance: {measured} yuan ({known} counted); at least {required} yuan a month each required",
      },
      noCertifiedCaregivers: {
        zh: '无持证养老护理员，不适用',
        en: 'No certified caregivers; the rule does not apply',
      },
    },
  },
  evaluate({ staff }, { minYuan }): Evaluation {
    if (staff === null) return { outcome: 'insufficient_data', missing: ['staff'] };
    const certified = staff.filter(isCertifiedCaregiver);
    if (certified.length === 0) return { outcome: 'not_applicable', messageId: 'noCertifiedCaregivers' };
    const known: { id: string; value: number }[] = [];
    for (const member of certified) {
      if (member.monthly_allowance_yuan !== null) known.push({ id: member.staff_id, value: member.monthly_allowance_yuan });
    }
    // A blank allowance is unknown (any amount from 0), not an unpaid caregiver: the lowest
    // allowance carries the verdict, so one blank leaves a pass open and cannot undo a fail.
    const allowances = certified.map((member) =>
      field(member.monthly_allowance_yuan, staffSpot(member, 'monthly_allowance_yuan')),
    );
    // Each caregiver below the minimum is owed the difference.
    const under = known.filter(({ value }) => value < minYuan);
    const list = listWithValues(under, { zh: '元', en: 'yuan' });
    return {
      outcome: 'measured',
      measured: lowest(allowances),
      required: minYuan,
      messageId: 'arithmetic',
      data: { known: known.length },
      basis: { included: known.length, excluded: certified.length - known.length },
      ...(under.length > 0
        ? {
            detail: {
              zh: `；低于 ${formatNumber(minYuan)} 元的 ${under.length} 人：${list.zh}`,
              en: `; ${under.length} below ${formatNumber(minYuan)} yuan: ${list.en}`,
            },
          }
        : {}),
    };
  },
});
