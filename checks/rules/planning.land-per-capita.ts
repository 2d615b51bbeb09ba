import { defineRule } from '../types.js';
import { regionRatio } from './region-shared.js';
import { FIGURE_PARAM, paramsSchema } from './shared.js';

interface Params {
  m2PerCapita: number;
}

export default defineRule<'region', Params>({
  meta: {
    id: 'planning.land-per-capita',
    title: { zh: '人均养老服务设施用地', en: 'Land for elderly-service facilities per resident' },
    subject: 'region',
    unit: 'm2_per_capita',
    comparison: 'gte',
    params: paramsSchema({ m2PerCapita: FIGURE_PARAM }),
    messages: {
      arithmetic: {
        zh: '养老服务设施用地 {numerator} ㎡ ÷ 常住人口 {denominator} 人 = {measured} ㎡/人，要求 {required} ㎡/人',
        en: '{numerator} m² of land for elderly-service facilities ÷ {denominator} residents = {measured} m² per resident, {required} m² per resident required',
      },
      noPopulation: {
        zh: '常住人口为 0，不适用',
        en: 'Resident population is 0; the rule does not apply',
      },
    },
  },
  evaluate({ region }, { m2PerCapita }) {
    return regionRatio(region, {
      numerator: 'elderly_service_land_m2',
      denominator: 'population',
      required: m2PerCapita,
      messageId: 'arithmetic',
      zeroMessageId: 'noPopulation',
    });
  },
});
