import { defineRule } from '../types.js';
import { regionRatio } from './region-shared.js';
import { paramsSchema, SHARE_PARAM } from './shared.js';

interface Params {
  share: number;
}

export default defineRule<'region', Params>({
  meta: {
    id: 'network.street-center-coverage',
    title: {
      zh: '街道综合养老服务中心覆盖率',
      en: 'Sub-districts with a comprehensive elderly-service centre',
    },
    subject: 'region',
    unit: 'share',
    comparison: 'gte',
    params: paramsSchema({ share: SHARE_PARAM }),
    messages: {
      arithmetic: {
        zh: '已建综合养老服务中心的街道 {numerator} 个 ÷ 街道 {denominator} 个 = {measured:pct}，要求 {required:pct}',
        en: '{numerator} of {denominator} sub-districts have a comprehensive elderly-service centre = {measured:pct}, {required:pct} required',
      },
      noStreets: {
        zh: '街道数为 0，不适用',
        en: 'There are no sub-districts (街道); the rule does not apply',
      },
    },
  },
  evaluate({ region }, { share }) {
    return regionRatio(region, {
      numerator: 'streets_with_center',
      denominator: 'streets_total',
      required: share,
      messageId: 'arithmetic',
      zeroMessageId: 'noStreets',
    });
  },
});
