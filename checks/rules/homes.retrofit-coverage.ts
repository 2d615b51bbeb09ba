import { defineRule } from '../types.js';
import { regionRatio } from './region-shared.js';
import { paramsSchema, SHARE_PARAM } from './shared.js';

interface Params {
  share: number;
}

export default defineRule<'region', Params>({
  meta: {
    id: 'homes.retrofit-coverage',
    title: {
      zh: '符合条件且有改造意愿的老年人家庭适老化改造覆盖率',
      en: 'Eligible households that want a home retrofit have had it',
    },
    subject: 'region',
    unit: 'share',
    comparison: 'gte',
    params: paramsSchema({ share: SHARE_PARAM }),
    messages: {
      arithmetic: {
        zh: '已完成改造 {numerator} 户 ÷ 符合条件且有改造意愿的老年人家庭 {denominator} 户 = {measured:pct}，要求 {required:pct}',
        en: '{numerator} of {denominator} eligible households that want a retrofit have had it = {measured:pct}, {required:pct} required',
      },
      noneWilling: {
        zh: '符合条件且有改造意愿的老年人家庭数为 0，不适用',
        en: 'No eligible household has asked for a retrofit; the rule does not apply',
      },
    },
  },
  evaluate({ region }, { share }) {
    return regionRatio(region, {
      numerator: 'retrofit_willing_completed',
      denominator: 'retrofit_willing_households',
      required: share,
      messageId: 'arithmetic',
      zeroMessageId: 'noneWilling',
    });
  },
});
