import { defineRule } from '../types.js';
import { regionRatio } from './region-shared.js';
import { paramsSchema, SHARE_PARAM } from './shared.js';

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
        zh: '养老机构承接运营的社区养老服务设施 {numerator} 个 ÷ 社会化运营的社区养老服务设施 {denominator} 个 = {measured:pct}，要求 {required:pct}',
        en: '{numerator} of {denominator} socially operated community facilities run by elder-care institutions = {measured:pct}, {required:pct} required',
      },
      noneSocialized: {
        zh: '社会化运营的社区养老服务设施数为 0，不适用',
        en: 'No community facility is under social operation; the rule does not apply',
      },
    },
  },
  evaluate({ region }, { share }) {
    // 其中 makes the socially run facilities the whole; a blank one is at most all facilities.
    return regionRatio(region, {
      numerator: 'community_facilities_by_institution',
      denominator: 'community_facilities_socialized',
      required: share,
      messageId: 'arithmetic',
      zeroMessageId: 'noneSocialized',
    });
  },
});
