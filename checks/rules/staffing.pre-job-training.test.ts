import rule from './staffing.pre-job-training.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import { facilitySubject, staffTimes } from '../../test/support/facts.js';
import type { StaffFacts } from '../facts.js';

/** `yes` trained, `no` untrained and `blank` unknown caregivers. */
const caregivers = (yes: number, no: number, blank = 0): StaffFacts[] => [
  ...staffTimes(yes, { role: 'caregiver', pre_job_trained: true }),
  ...staffTimes(no, { role: 'caregiver', pre_job_trained: false }),
  ...staffTimes(blank, { role: 'caregiver', pre_job_trained: null }),
];
const home = (members: StaffFacts[] | null) => facilitySubject({ facility_type: 'institution' }, members);

ruleTester(rule, {
  params: { share: 1 },
  due: '2025-12-31',
  asOf: '2026-01-31',
  valid: [
    {
      name: 'exactly at the threshold: every caregiver trained',
      subject: home(caregivers(3, 0)),
      measured: 1,
      required: 1,
      message: { zh: '养老护理员 3 人中完成岗前培训 3 人，占 100%，应达 100%，达标' },
    },
    { name: 'exactly at a lower target: 4 of 5 against 80%', subject: home(caregivers(4, 1)), params: { share: 0.8 }, measured: 0.8 },
    {
      name: 'other roles are not counted',
      subject: home([...caregivers(2, 0), ...staffTimes(3, { role: 'manager', pre_job_trained: false })]),
      measured: 1,
    },
    {
      name: 'any facility type is covered',
      subject: facilitySubject({ facility_type: 'community_center' }, caregivers(1, 0)),
    },
    {
      name: 'no caregivers: a share over nothing',
      subject: home(staffTimes(2, { role: 'nurse' })),
      status: 'not_applicable',
      message: { zh: '无养老护理员，不适用', en: 'No caregivers; the rule does not apply' },
    },
    { name: 'an empty roster is zero caregivers', subject: home([]), status: 'not_applicable' },
  ],
  invalid: [
    {
      name: 'one caregiver of five untrained',
      subject: home(caregivers(4, 1)),
      status: 'fail',
      measured: 0.8,
      required: 1,
      shortfall: 0.2,
      message: {
        zh: '养老护理员 5 人中完成岗前培训 4 人，占 80%，应达 100%，差 20 个百分点',
        en: '4 of 5 caregivers have completed pre-job training, 80%; 100% required, 20 percentage points short',
      },
    },
    {
      name: 'just below a lower target: 3 of 4 against 80%',
      subject: home(caregivers(3, 1)),
      params: { share: 0.8 },
      status: 'fail',
      measured: 0.75,
      shortfall: 0.05,
    },
    {
      name: 'a "no" is a known zero',
      subject: home(caregivers(0, 2)),
      status: 'fail',
      measured: 0,
      shortfall: 1,
    },
    {
      name: 'blank answers are left out and the basis says so',
      subject: home(caregivers(2, 1, 1)),
      status: 'fail',
      measured: 2 / 3,
      basis: { included: 3, excluded: 1 },
      message: { zh: '另有 1 人未填，可能范围 50%–75%，不影响结论，至少差 25 个百分点', en: '1 staff member with blanks: the measure can be 50%–75%, which does not change the verdict, at least 25 percentage points short' },
    },
    {
      name: 'every answer blank',
      subject: home(caregivers(0, 0, 3)),
      status: 'insufficient_data',
      missing: ['pre_job_trained'],
    },
    { name: 'no staff sheet', subject: home(null), status: 'insufficient_data', missing: ['staff'] },
    {
      name: 'before the due date it is a warning',
      subject: home(caregivers(4, 1)),
      asOf: '2025-12-30',
      status: 'warn',
      shortfall: 0.2,
      message: { zh: '差 20 个百分点（达标期限 2025-12-31，尚未到期）' },
    },
    { name: 'on the due date itself it fails', subject: home(caregivers(4, 1)), asOf: '2025-12-31', status: 'fail' },
  ],
});
