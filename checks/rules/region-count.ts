// Region rules that hold one count the region row states to a minimum (康养联合体 10, 智慧养老院 5,
// 专业认知障碍集中照护机构 1): the same meta but for the rule's id, title and sentence, and the
// same arithmetic, written once. Each rule module still names its own. A blank count is bounded
// by what the contract ties it to (fact-bounds.ts REGION_PART_OF: smart homes and dementia-care
// institutions are institutions, at most the `institutions_total` the row states), else unbounded.
import { defineRule, type Bilingual, type Rule } from '../types.js';
import { regionValue, type RegionNumberField } from './fact-bounds.js';
import { paramsSchema } from './shared.js';

export interface MinCountParams {
  minCount: number;
}

export function regionCountRule(spec: { id: string; title: Bilingual; field: RegionNumberField; arithmetic: Bilingual }): Rule<'region', MinCountParams> {
  return defineRule<'region', MinCountParams>({
    meta: {
      id: spec.id,
      title: spec.title,
      subject: 'region',
      unit: 'count',
      comparison: 'gte',
      params: paramsSchema({ minCount: { type: 'integer', minimum: 1 } }),
      messages: { arithmetic: spec.arithmetic },
    },
    evaluate({ region }, { minCount }) {
      return { outcome: 'measured', measured: regionValue(region, spec.field), required: minCount, messageId: 'arithmetic' };
    },
  });
}
