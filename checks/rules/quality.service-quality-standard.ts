import { defineRule } from '../types.js';
import { institutionYesShare } from './region-shared.js';
import { paramsSchema, SHARE_PARAM } from './shared.js';

interface Params {
  share: number;
}

export default defineRule<'region', Params>({
  meta: {
    id: 'quality.service-quality-standard',
    title: {
      zh: '《养老机构服务质量基本规范》达标率',
      en: 'Institutions meeting the service quality standard (GB/T 35796)',
    },
    subject: 'region',
    unit: 'share',
    comparison: 'gte',
    params: paramsSchema({ share: SHARE_PARAM }),
    messages: {
      arithmetic: {
        zh: '达到《养老机构服务质量基本规范》的养老机构 {yes} 家 ÷ 养老机构 {known} 家 = {measured:pct}，要求 {required:pct}',
        en: '{yes} of {known} institutions meet the service quality standard (GB/T 35796) = {measured:pct}, {required:pct} required',
      },
      noInstitutions: {
        zh: '本地区无养老机构，不适用',
        en: 'The region has no institutions; the rule does not apply',
      },
    },
  },
  evaluate(subject, { share }) {
    return institutionYesShare(subject, 'quality_standard_met', share);
  },
});
