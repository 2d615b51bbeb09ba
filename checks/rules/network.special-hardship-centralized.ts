import { defineRule } from '../types.js';
import { regionRatio } from './region-shared.js';
import { paramsSchema, SHARE_PARAM } from './shared.js';

interface Params {
  share: number;
}

export default defineRule<'region', Params>({
  meta: {
    id: 'network.special-hardship-centralized',
    title: {
      zh: '失能特困老年人集中供养率',
      en: 'Disabled special-hardship elderly in centralized care',
    },
    subject: 'region',
    unit: 'share',
    comparison: 'gte',
    params: paramsSchema({ share: SHARE_PARAM }),
    messages: {
      arithmetic: {
        zh: '集中供养的失能特困老年人 {numerator} 人 ÷ 失能特困老年人 {denominator} 人 = {measured:pct}，要求 {required:pct}',
        en: '{numerator} of {denominator} disabled special-hardship elderly are in centralized care = {measured:pct}, {required:pct} required',
      },
      noDisabled: {
        zh: '失能特困老年人数为 0，不适用',
        en: 'There are no disabled special-hardship elderly; the rule does not apply',
      },
    },
  },
  evaluate({ region }, { share }) {
    return regionRatio(region, {
      numerator: 'special_hardship_disabled_centralized',
      denominator: 'special_hardship_disabled',
      required: share,
      messageId: 'arithmetic',
      zeroMessageId: 'noDisabled',
    });
  },
});
