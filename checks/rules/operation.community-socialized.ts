import { defineRule } from '../types.js';
import { regionRatio } from './region-shared.js';
import { paramsSchema, SHARE_PARAM } from './shared.js';

interface Params {
  share: number;
}

export default defineRule<'region', Params>({
  meta: {
    id: 'operation.community-socialized',
    title: {
      zh: '社区养老服务设施社会化运营率',
      en: 'Community elderly-service facilities under social operation (社会化运营)',
    },
    subject: 'region',
    unit: 'share',
    comparison: 'gte',
    params: paramsSchema({ share: SHARE_PARAM }),
    messages: {
      arithmetic: {
        zh: '社会化运营的社区养老服务设施 {numerator} 个 ÷ 社区养老服务设施 {denominator} 个 = {measured:pct}，要求 {required:pct}',
        en: '{numerator} of {denominator} community elderly-service facilities under social operation = {measured:pct}, {required:pct} required',
      },
      noFacilities: {
        zh: '社区养老服务设施数为 0，不适用',
        en: 'There are no community elderly-service facilities; the rule does not apply',
      },
    },
  },
  evaluate({ region }, { share }) {
    // Those run by institutions are socially run: a blank socially-run count is at least theirs.
    return regionRatio(region, {
      numerator: 'community_facilities_socialized',
      denominator: 'community_facilities_total',
      required: share,
      messageId: 'arithmetic',
      zeroMessageId: 'noFacilities',
    });
  },
});
