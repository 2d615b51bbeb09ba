import { defineRule, type Evaluation } from '../types.js';
import { serviceAreaOf } from './shared.js';

interface Params {
  m2Per100Households: number;
}

export default defineRule<'area', Params>({
  meta: {
    id: 'space.per-100-households.existing',
    title: {
      zh: '已建居住区按每百户配置养老服务用房',
      en: 'Existing residential area: elderly-service rooms per 100 households',
    },
    subject: 'area',
    unit: 'm2',
    comparison: 'gte',
    params: {
      type: 'object',
      required: ['m2Per100Households'],
      additionalProperties: false,
      properties: { m2Per100Households: { type: 'number', exclusiveMinimum: 0 } },
    },
    messages: {
      arithmetic: {
        zh: '{households} 户 × {m2Per100Households} ㎡/100 户 = {required} ㎡，实有 {measured} ㎡',
        en: '{households} households × {m2Per100Households} m²/100 households = {required} m² required, {measured} m² provided',
      },
      arithmeticFromSites: {
        zh: '{households} 户 × {m2Per100Households} ㎡/100 户 = {required} ㎡，实有 {measured} ㎡（{siteCount} 处用房合计）',
        en: '{households} households × {m2Per100Households} m²/100 households = {required} m² required, {measured} m² provided (sum of {siteCount} {sitesWord})',
      },
      notExisting: { zh: '非已建居住区，不适用', en: 'Not an existing residential area; the rule does not apply' },
    },
  },
  evaluate(subject, { m2Per100Households }): Evaluation {
    const { area } = subject;
    if (area.development !== 'existing') return { outcome: 'not_applicable', messageId: 'notExisting' };
    const provided = serviceAreaOf(subject);
    if (provided === null) return { outcome: 'insufficient_data', missing: ['service_area_m2'] };
    return {
      outcome: 'measured',
      measured: provided.m2,
      // Multiplying first keeps the figure exact: 113 × 20 / 100 is 22.6, where 113 / 100 × 20 is 22.599999….
      required: (area.households * m2Per100Households) / 100,
      messageId: provided.source === 'sites' ? 'arithmeticFromSites' : 'arithmetic',
      data: {
        households: area.households,
        m2Per100Households,
        ...(provided.source === 'sites'
          ? { siteCount: provided.siteCount, sitesWord: provided.siteCount === 1 ? 'site' : 'sites' }
          : {}),
      },
    };
  },
});
