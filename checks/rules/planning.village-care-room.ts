import { defineRule } from '../types.js';
import { regionRatio } from './region-shared.js';
import { paramsSchema, SHARE_PARAM } from './shared.js';

interface Params {
  share: number;
}

export default defineRule<'region', Params>({
  meta: {
    id: 'planning.village-care-room',
    title: { zh: '行政村居家养老服务用房覆盖率', en: 'Administrative villages with a home-care room' },
    subject: 'region',
    unit: 'share',
    comparison: 'gte',
    params: paramsSchema({ share: SHARE_PARAM }),
    messages: {
      arithmetic: {
        zh: '已配置居家养老服务用房的行政村 {numerator} 个 ÷ 行政村 {denominator} 个 = {measured:pct}，要求 {required:pct}',
        en: '{numerator} of {denominator} administrative villages have a home-care room = {measured:pct}, {required:pct} required',
      },
      noVillages: {
        zh: '行政村数为 0，不适用',
        en: 'There are no administrative villages; the rule does not apply',
      },
    },
  },
  evaluate({ region }, { share }) {
    return regionRatio(region, {
      numerator: 'villages_with_care_room',
      denominator: 'villages_total',
      required: share,
      messageId: 'arithmetic',
      zeroMessageId: 'noVillages',
    });
  },
});
