import { isInstitution } from '../facts.js';
import { defineRule } from '../types.js';
import { bedShare } from './region-shared.js';
import { paramsSchema, SHARE_PARAM } from './shared.js';

interface Params {
  share: number;
}

export default defineRule<'region', Params>({
  meta: {
    id: 'beds.nursing-share',
    title: { zh: '养老机构护理型床位占比', en: 'Nursing-type beds among institution beds' },
    subject: 'region',
    unit: 'share',
    comparison: 'gte',
    params: paramsSchema({ share: SHARE_PARAM }),
    messages: {
      arithmetic: {
        zh: '{included} 家养老机构护理型床位 {part} 张 ÷ 床位总数 {whole} 张 = {measured:pct}，要求 {required:pct}',
        en: '{part} nursing-type beds ÷ {whole} beds in {included} institutions = {measured:pct}, {required:pct} required',
      },
      noInstitutions: {
        zh: '本地区无养老机构，不适用',
        en: 'The region has no institutions; the rule does not apply',
      },
      noBeds: {
        zh: '养老机构床位总数为 0，不适用',
        en: 'The institutions have no beds; the rule does not apply',
      },
    },
  },
  evaluate(subject, { share }) {
    return bedShare(subject, isInstitution, 'nursing_beds', {
      required: share,
      messageId: 'arithmetic',
      emptyMessageId: 'noInstitutions',
      noBedsMessageId: 'noBeds',
    });
  },
});
