import { defineRule } from '../types.js';
import { regionPair } from './fact-bounds.js';
import { paramsSchema, SHARE_PARAM, shareEvaluation } from './shared.js';

interface Params {
  share: number;
}

export default defineRule<'region', Params>({
  meta: {
    id: 'operation.community-institution-run',
    title: {
      zh: '社区养老服务设施养老机构承接比例',
      en: 'Socially operated community facilities run by elder-care institutions (养老机构承接)',
    },
    subject: 'region',
    unit: 'share',
    comparison: 'gte',
    params: paramsSchema({ share: SHARE_PARAM }),
    messages: {
      arithmetic: {
        zh: '养老机构承接运营的社区养老服务设施 {part} 个 ÷ 社会化运营的社区养老服务设施 {whole} 个 = {measured:pct}，要求 {required:pct}',
        en: '{part} of {whole} socially operated community facilities run by elder-care institutions = {measured:pct}, {required:pct} required',
      },
      noneSocialized: {
        zh: '社会化运营的社区养老服务设施数为 0，不适用',
        en: 'No community facility is under social operation; the rule does not apply',
      },
    },
  },
  evaluate({ region }, { share }) {
    // 其中 makes the socially run facilities the whole; a blank one is at most all facilities.
    const pair = regionPair(region, 'community_facilities_by_institution', 'community_facilities_socialized');
    return shareEvaluation([pair], {
      required: share,
      messageId: 'arithmetic',
      emptyMessageId: 'noneSocialized',
      data: { part: region.community_facilities_by_institution ?? '?', whole: region.community_facilities_socialized ?? '?' },
    });
  },
});
