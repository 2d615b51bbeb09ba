import { defineRule } from '../types.js';
import { institutionYesShare } from './region-shared.js';
import { paramsSchema, SHARE_PARAM } from './shared.js';

interface Params {
  share: number;
}

export default defineRule<'region', Params>({
  meta: {
    id: 'quality.bright-kitchen',
    title: {
      zh: '养老机构“互联网+明厨亮灶”覆盖率',
      en: 'Institutions with "internet + bright kitchen"',
    },
    subject: 'region',
    unit: 'share',
    comparison: 'gte',
    params: paramsSchema({ share: SHARE_PARAM }),
    messages: {
      arithmetic: {
        zh: '实行“互联网+明厨亮灶”的养老机构 {yes} 家 ÷ 养老机构 {known} 家 = {measured:pct}，要求 {required:pct}',
        en: '{yes} of {known} institutions have "internet + bright kitchen" = {measured:pct}, {required:pct} required',
      },
      noInstitutions: {
        zh: '本地区无养老机构，不适用',
        en: 'The region has no institutions; the rule does not apply',
      },
    },
  },
  evaluate(subject, { share }) {
    return institutionYesShare(subject, 'bright_kitchen', share);
  },
});
