import { isCertifiedCaregiver } from '../facts.js';
import { formatNumber } from '../format.js';
import { defineRule, type Evaluation } from '../types.js';
import { listWithValues, paramsSchema } from './shared.js';
import { exact, field, lowest, type Bounds } from '../bounds.js';
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
    // One pass over the roster (a county checks 1,000 homes of 20 staff): the certified
    // caregivers' allowances with their bounds, the known ones, and those below the minimum.
    const allowances: Bounds[] = [];
    const under: { id: string; value: number }[] = [];
    let known = 0;
    for (const member of staff) {
      if (!isCertifiedCaregiver(member)) continue;
      const value = member.monthly_allowance_yuan;
      // A blank allowance is unknown (any amount from 0), not an unpaid caregiver: the lowest
      // allowance carries the verdict, so one blank leaves a pass open and cannot undo a fail.
      allowances.push(value === null ? field(null, staffSpot(member, 'monthly_allowance_yuan')) : exact(value));
      if (value === null) continue;
      known += 1;
      // Each caregiver below the minimum is owed the difference.
      if (value < minYuan) under.push({ id: member.staff_id, value });
    }
    if (allowances.length === 0) return { outcome: 'not_applicable', messageId: 'noCertifiedCaregivers' };
    const list = under.length > 0 ? listWithValues(under, { zh: '元', en: 'yuan' }) : null;
    return {
      outcome: 'measured',
      measured: lowest(allowances),
      required: minYuan,
      messageId: 'arithmetic',
      data: { known },
      basis: { included: known, excluded: allowances.length - known },
      ...(list
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
