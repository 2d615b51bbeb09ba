import { isInstitution } from '../facts.js';
import { defineRule, type Evaluation } from '../types.js';
import { paramsSchema, yesShare } from './shared.js';
import { staffFlag } from './fact-bounds.js';

interface Params {
  share: number;
}

export default defineRule<'facility', Params>({
  meta: {
    id: 'staffing.professional-certification',
    title: {
      zh: '养老机构专业岗位人员持证上岗',
      en: 'Staff of institutions in professional roles hold their certificates',
    },
    subject: 'facility',
    unit: 'share',
    comparison: 'gte',
    params: paramsSchema({ share: { type: 'number', minimum: 0, maximum: 1 } }),
    messages: {
      arithmetic: {
        zh: '专业岗位人员（管理人员、其他人员除外）{known} 人中持证上岗 {yes} 人，占 {measured:pct}，应达 {required:pct}',
        en: '{yes} of {known} staff in professional roles (managers and other staff aside) hold their certificates, {measured:pct}; {required:pct} required',
      },
      notInstitution: { zh: '非养老机构，不适用', en: 'Not an institution; the rule does not apply' },
      noProfessionalStaff: {
        zh: '无专业岗位人员（管理人员、其他人员除外），不适用',
        en: 'No staff in professional roles (managers and other staff aside); the rule does not apply',
      },
    },
  },
  evaluate({ facility, staff }, { share }): Evaluation {
    if (!isInstitution(facility)) return { outcome: 'not_applicable', messageId: 'notInstitution' };
    if (staff === null) return { outcome: 'insufficient_data', missing: ['staff'] };
    // Managers and "other" staff hold no professional post, so no certificate is asked of them.
    const professionals = staff.filter((member) => member.role !== 'manager' && member.role !== 'other');
    return yesShare(professionals, (member) => staffFlag(member, 'professional_certified'), {
      required: share,
      messageId: 'arithmetic',
      emptyMessageId: 'noProfessionalStaff',
    });
  },
});
