import { isInstitution, type FacilityFacts } from '../facts.js';
import { defineRule } from '../types.js';
import { bedShare } from './region-shared.js';
import { paramsSchema, SHARE_PARAM } from './shared.js';

interface Params {
  share: number;
}

/**
 * 公办 includes 公建民营 (the catalogue's reading). The contract requires `ownership` for every
 * institution, so an institution's ownership is never blank here.
 */
function isPublicInstitution(facility: FacilityFacts): boolean {
  return isInstitution(facility) && (facility.ownership === 'public' || facility.ownership === 'public_private');
}

export default defineRule<'region', Params>({
  meta: {
    id: 'occupancy.public-institutions',
    title: {
      zh: '公办养老机构（含公建民营）入住率',
      en: 'Occupancy of public institutions (incl. publicly built, privately run)',
    },
    subject: 'region',
    unit: 'share',
    comparison: 'gte',
    params: paramsSchema({ share: SHARE_PARAM }),
    messages: {
      arithmetic: {
        zh: '{included} 家公办养老机构（含公建民营）在住 {part} 人 ÷ 床位总数 {whole} 张 = {measured:pct}，要求 {required:pct}',
        en: '{part} residents ÷ {whole} beds in {included} public institutions (incl. publicly built, privately run) = {measured:pct}, {required:pct} required',
      },
      noInstitutions: {
        zh: '本地区无公办养老机构（含公建民营），不适用',
        en: 'The region has no public institutions (incl. publicly built, privately run); the rule does not apply',
      },
      noBeds: {
        zh: '公办养老机构床位总数为 0，不适用',
        en: 'The public institutions have no beds; the rule does not apply',
      },
    },
  },
  evaluate(subject, { share }) {
    return bedShare(subject, isPublicInstitution, 'occupied_beds', {
      required: share,
      messageId: 'arithmetic',
      emptyMessageId: 'noInstitutions',
      noBedsMessageId: 'noBeds',
    });
  },
});
