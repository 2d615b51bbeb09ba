import { defineRule } from '../types.js';
import { regionPair } from './fact-bounds.js';
import { paramsSchema, SHARE_PARAM, shareEvaluation } from './shared.js';

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
        zh: '已建社区养老服务设施的社区 {part} 个 ÷ 社区 {whole} 个 = {measured:pct}，要求 {required:pct}',
        en: '{part} of {whole} communities have a community elderly-service facility = {measured:pct}, {required:pct} required',
      },
      noCommunities: {
        zh: '社区数为 0，不适用',
        en: 'There are no urban communities; the rule does not apply',
      },
    },
  },
  evaluate({ region }, { share }) {
    return shareEvaluation([regionPair(region, 'communities_with_care_facility', 'communities_total')], {
      required: share,
      messageId: 'arithmetic',
      emptyMessageId: 'noCommunities',
      data: { part: region.communities_with_care_facility ?? '?', whole: region.communities_total ?? '?' },
    });
  },
});
