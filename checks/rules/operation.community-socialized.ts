import { defineRule } from '../types.js';
import { regionPair } from './fact-bounds.js';
import { paramsSchema, SHARE_PARAM, shareEvaluation } from './shared.js';

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
        zh: '社会化运营的社区养老服务设施 {part} 个 ÷ 社区养老服务设施 {whole} 个 = {measured:pct}，要求 {required:pct}',
        en: '{part} of {whole} community elderly-service facilities under social operation = {measured:pct}, {required:pct} required',
      },
      noFacilities: {
        zh: '社区养老服务设施数为 0，不适用',
        en: 'There are no community elderly-service facilities; the rule does not apply',
      },
    },
  },
  evaluate({ region }, { share }) {
    // Those run by institutions are socially run: a blank socially-run count is at least theirs.
    const pair = regionPair(region, 'community_facilities_socialized', 'community_facilities_total');
    return shareEvaluation([pair], {
      required: share,
      messageId: 'arithmetic',
      emptyMessageId: 'noFacilities',
      data: { part: region.community_facilities_socialized ?? '?', whole: region.community_facilities_total ?? '?' },
    });
  },
});
