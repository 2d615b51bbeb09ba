import { defineRule } from '../types.js';
import { regionRatio } from './region-shared.js';
import { paramsSchema, SHARE_PARAM } from './shared.js';

interface Params {
  share: number;
}

export default defineRule<'region', Params>({
  meta: {
    id: 'network.willing-special-hardship-centralized',
    title: {
      zh: '有集中供养意愿的特困老年人集中供养率',
      en: 'Special-hardship elderly who wish for centralized care receive it',
    },
    subject: 'region',
    unit: 'share',
    comparison: 'gte',
    params: paramsSchema({ share: SHARE_PARAM }),
    messages: {
      arithmetic: {
        zh: '已集中供养 {numerator} 人 ÷ 有集中供养意愿的特困老年人 {denominator} 人 = {measured:pct}，要求 {required:pct}',
        en: '{numerator} of {denominator} special-hardship elderly who wish for centralized care receive it = {measured:pct}, {required:pct} required',
      },
      noneWilling: {
        zh: '有集中供养意愿的特困老年人数为 0，不适用',
        en: 'No special-hardship elderly person has asked for centralized care; the rule does not apply',
      },
    },
  },
  evaluate({ region }, { share }) {
    return regionRatio(region, {
      numerator: 'special_hardship_willing_centralized',
      denominator: 'special_hardship_willing',
      required: share,
      messageId: 'arithmetic',
      zeroMessageId: 'noneWilling',
    });
  },
});
