import { defineRule } from '../types.js';
import { regionRatio } from './region-shared.js';
import { paramsSchema, SHARE_PARAM } from './shared.js';

interface Params {
  share: number;
}

export default defineRule<'region', Params>({
  meta: {
    id: 'network.town-center-coverage',
    title: {
      zh: '乡镇综合养老服务中心覆盖率',
      en: 'Townships with a comprehensive elderly-service centre',
    },
    subject: 'region',
    unit: 'share',
    // The source says 大于: exactly at the figure is not enough.
    comparison: 'gt',
    params: paramsSchema({ share: SHARE_PARAM }),
    messages: {
      arithmetic: {
        zh: '已建综合养老服务中心的乡镇 {numerator} 个 ÷ 乡镇 {denominator} 个 = {measured:pct}，要求 {required:pct}',
        en: '{numerator} of {denominator} townships have a comprehensive elderly-service centre = {measured:pct}, {required:pct} required',
      },
      noTowns: {
        zh: '乡镇数为 0，不适用',
        en: 'There are no townships; the rule does not apply',
      },
    },
  },
  evaluate({ region }, { share }) {
    return regionRatio(region, {
      numerator: 'towns_with_center',
      denominator: 'towns_total',
      required: share,
      messageId: 'arithmetic',
      zeroMessageId: 'noTowns',
    });
  },
});
