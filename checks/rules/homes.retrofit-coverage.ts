import { defineRule } from '../types.js';
import { regionPair } from './fact-bounds.js';
import { paramsSchema, SHARE_PARAM, shareEvaluation } from './shared.js';

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
        zh: '已完成改造 {part} 户 ÷ 符合条件且有改造意愿的老年人家庭 {whole} 户 = {measured:pct}，要求 {required:pct}',
        en: '{part} of {whole} eligible households that want a retrofit have had it = {measured:pct}, {required:pct} required',
      },
      noneWilling: {
        zh: '符合条件且有改造意愿的老年人家庭数为 0，不适用',
        en: 'No eligible household has asked for a retrofit; the rule does not apply',
      },
    },
  },
  evaluate({ region }, { share }) {
    return shareEvaluation([regionPair(region, 'retrofit_willing_completed', 'retrofit_willing_households')], {
      required: share,
      messageId: 'arithmetic',
      emptyMessageId: 'noneWilling',
      data: { part: region.retrofit_willing_completed ?? '?', whole: region.retrofit_willing_households ?? '?' },
    });
  },
});
