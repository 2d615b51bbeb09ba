import { defineRule } from '../types.js';
import { regionRatio } from './region-shared.js';
import { paramsSchema, SHARE_PARAM } from './shared.js';

interface Params {
  share: number;
}

export default defineRule<'region', Params>({
  meta: {
    id: 'network.community-facility-coverage',
    title: { zh: '社区养老服务设施覆盖率', en: 'Communities with a community elderly-service facility' },
    subject: 'region',
    unit: 'share',
    comparison: 'gte',
    params: paramsSchema({ share: SHARE_PARAM }),
    messages: {
      arithmetic: {
        zh: '已建社区养老服务设施的社区 {numerator} 个 ÷ 社区 {denominator} 个 = {measured:pct}，要求 {required:pct}',
        en: '{numerator} of {denominator} communities have a community elderly-service facility = {measured:pct}, {required:pct} required',
      },
      noCommunities: {
        zh: '社区数为 0，不适用',
        en: 'There are no urban communities; the rule does not apply',
      },
    },
  },
  evaluate({ region }, { share }) {
    return regionRatio(region, {
      numerator: 'communities_with_care_facility',
      denominator: 'communities_total',
      required: share,
      messageId: 'arithmetic',
      zeroMessageId: 'noCommunities',
    });
  },
});
