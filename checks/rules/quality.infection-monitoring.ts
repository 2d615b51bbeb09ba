import { defineRule } from '../types.js';
import { institutionYesShare } from './region-shared.js';
import { paramsSchema, SHARE_PARAM } from './shared.js';

interface Params {
  share: number;
}

export default defineRule<'region', Params>({
  meta: {
    id: 'quality.infection-monitoring',
    title: {
      zh: '养老机构接入传染病监测预警系统比例',
      en: 'Institutions on the infectious-disease early-warning system',
    },
    subject: 'region',
    unit: 'share',
    comparison: 'gte',
    params: paramsSchema({ share: SHARE_PARAM }),
    messages: {
      arithmetic: {
        zh: '接入传染病监测预警系统的养老机构 {yes} 家 ÷ 养老机构 {known} 家 = {measured:pct}，要求 {required:pct}',
        en: '{yes} of {known} institutions are on the infectious-disease early-warning system = {measured:pct}, {required:pct} required',
      },
      noInstitutions: {
        zh: '本地区无养老机构，不适用',
        en: 'The region has no institutions; the rule does not apply',
      },
    },
  },
  evaluate(subject, { share }) {
    return institutionYesShare(subject, 'infection_monitoring', share);
  },
});
