import { defineRule } from '../types.js';
import { institutionYesShare } from './region-shared.js';
import { paramsSchema, SHARE_PARAM } from './shared.js';

interface Params {
  share: number;
}

export default defineRule<'region', Params>({
  meta: {
    id: 'quality.medical-integration',
    title: {
      zh: '提供医养结合服务的养老机构比例',
      en: 'Institutions offering integrated medical and care services',
    },
    subject: 'region',
    unit: 'share',
    comparison: 'gte',
    params: paramsSchema({ share: SHARE_PARAM }),
    messages: {
      arithmetic: {
        zh: '提供医养结合服务的养老机构 {yes} 家 ÷ 养老机构 {known} 家 = {measured:pct}，要求 {required:pct}',
        en: '{yes} of {known} institutions offer integrated medical and care services = {measured:pct}, {required:pct} required',
      },
      noInstitutions: {
        zh: '本地区无养老机构，不适用',
        en: 'The region has no institutions; the rule does not apply',
      },
    },
  },
  evaluate(subject, { share }) {
    return institutionYesShare(subject, 'medical_integration', share);
  },
});
