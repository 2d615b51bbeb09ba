import rule from './staffing.professional-certification.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import { facilitySubject, staff, staffTimes } from '../../test/support/facts.js';
import type { StaffFacts } from '../facts.js';

const certified = (n: number, role: StaffFacts['role'] = 'caregiver') => staffTimes(n, { role, professional_certified: true });
const uncertified = (n: number, role: StaffFacts['role'] = 'nurse') => staffTimes(n, { role, professional_certified: false });
const home = (members: StaffFacts[] | null) => facilitySubject({ facility_type: 'institution' }, members);

ruleTester(rule, {
  params: { share: 1 },
  due: '2025-12-31',
  asOf: '2026-01-31',
  valid: [
    {
      name: 'exactly at the threshold: every professional certified',
      subject: home([...certified(2), ...certified(1, 'nurse'), ...certified(1, 'rehab_therapist')]),
      measured: 1,
      required: 1,
      message: { zh: '专业岗位人员（管理人员、其他人员除外）4 人中持证上岗 4 人，占 100%，应达 100%，达标' },
    },
    {
      name: 'managers and "other" staff are not professionals',
      subject: home([...certified(2), ...uncertified(1, 'manager'), ...uncertified(1, 'other')]),
      measured: 1,
    },
    {
      name: 'exactly at a lower target: 3 of 4 against 75%',
      subject: home([...certified(3), ...uncertified(1)]),
      params: { share: 0.75 },
      measured: 0.75,
    },
    {
      name: 'only managers and other staff',
      subject: home([...uncertified(2, 'manager'), ...uncertified(1, 'other')]),
      status: 'not_applicable',
      message: { zh: '无专业岗位人员（管理人员、其他人员除外），不适用' },
    },
    { name: 'an empty roster has no professional staff', subject: home([]), status: 'not_applicable' },
    {
      name: 'a community centre is not an institution',
      subject: facilitySubject({ facility_type: 'community_center' }, uncertified(3)),
      status: 'not_applicable',
      message: { en: 'Not an institution; the rule does not apply' },
    },
  ],
  invalid: [
    {
      name: 'one professional of four uncertified',
      subject: home([...certified(3), ...uncertified(1, 'social_worker')]),
      status: 'fail',
      measured: 0.75,
      required: 1,
      shortfall: 0.25,
      message: {
        zh: '专业岗位人员（管理人员、其他人员除外）4 人中持证上岗 3 人，占 75%，应达 100%，差 25 个百分点',
        en: '3 of 4 staff in professional roles (managers and other staff aside) hold their certificates, 75%; 100% required, 25 percentage points short',
      },
    },
    {
      name: 'just below a lower target: 2 of 3 against 70%',
      subject: home([...certified(2), ...uncertified(1)]),
      params: { share: 0.7 },
      status: 'fail',
      measured: 2 / 3,
      shortfall: 0.7 - 2 / 3,
    },
    {
      name: 'blank answers are left out and the basis says so',
      subject: home([...certified(1), ...uncertified(1), staff({ role: 'doctor', professional_certified: null })]),
      status: 'fail',
      measured: 0.5,
      basis: { included: 2, excluded: 1 },
      message: { en: '1 staff member with blanks: the measure can be 33.33%–66.67%, which does not change the verdict, at least 33.33 percentage points short' },
    },
    {
      name: 'every answer blank',
      subject: home(staffTimes(2, { role: 'nurse', professional_certified: null })),
      status: 'insufficient_data',
      missing: ['professional_certified'],
    },
    { name: 'no staff sheet', subject: home(null), status: 'insufficient_data', missing: ['staff'] },
    {
      name: 'before the due date it is a warning',
      subject: home([...certified(1), ...uncertified(1)]),
      asOf: '2025-12-30',
      status: 'warn',
      shortfall: 0.5,
      message: { zh: '达标期限 2025-12-31' },
    },
    { name: 'on the due date itself it fails', subject: home([...certified(1), ...uncertified(1)]), asOf: '2025-12-31', status: 'fail' },
  ],
});
