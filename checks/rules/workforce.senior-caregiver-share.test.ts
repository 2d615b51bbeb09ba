import rule from './workforce.senior-caregiver-share.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import { regionSubject, staff, staffTimes } from '../../test/support/facts.js';
import type { StaffFacts } from '../facts.js';

/** `senior` caregivers of senior level or above (a mix of the three) and `other` junior/intermediate ones. */
function roster(senior: number, other: number): StaffFacts[] {
  const levels = ['senior', 'technician', 'senior_technician'] as const;
  return [
    ...Array.from({ length: senior }, (_, i) => staff({ caregiver_level: levels[i % 3] })),
    ...Array.from({ length: other }, (_, i) => staff({ caregiver_level: i % 2 ? 'junior' : 'intermediate' })),
  ];
}

ruleTester(rule, {
  params: { share: 0.18 },
  due: '2025-12-31',
  asOf: '2026-01-31',
  valid: [
    {
      name: 'exactly at the threshold: 9 of 50 certified caregivers',
      subject: regionSubject({}, [], roster(9, 41)),
      measured: 0.18,
      required: 0.18,
      message: {
        zh: '高级及以上养老护理员 9 人 ÷ 持证养老护理员 50 人（据人员表统计）= 18%，要求 18%，达标',
        en: '9 of 50 certified caregivers (counted from the staff sheet) are senior level or above = 18%, 18% required, met',
      },
    },
    {
      name: 'uncertified caregivers (level none or blank) and other roles are not in the denominator',
      subject: regionSubject({}, [], [
        ...roster(9, 41),
        ...staffTimes(20, { caregiver_level: 'none' }),
        staff({ caregiver_level: null }),
        ...staffTimes(3, { role: 'social_worker' }),
      ]),
      measured: 0.18,
      basis: { included: 50, excluded: 0 },
    },
    {
      name: 'counted from staff only: the region figure of certified caregivers is not used',
      subject: regionSubject({ certified_caregivers: 1_000 }, [], roster(9, 41)),
      measured: 0.18,
    },
    { name: 'Hongdong figure 10%', subject: regionSubject({}, [], roster(1, 9)), params: { share: 0.1 }, measured: 0.1 },
    {
      name: 'no certified caregiver in the staff sheet: a share over nobody',
      subject: regionSubject({ certified_caregivers: 300 }, [], [...staffTimes(5, { caregiver_level: 'none' }), ...staffTimes(2, { role: 'nurse' })]),
      status: 'not_applicable',
      message: {
        zh: '人员表中无持证养老护理员，不适用',
        en: 'The staff sheet lists no certified caregivers; the rule does not apply',
      },
    },
  ],
  invalid: [
    {
      name: 'just below: 8 of 50 is 16%, 2 points short',
      subject: regionSubject({}, [], roster(8, 42)),
      status: 'fail',
      measured: 0.16,
      shortfall: 0.02,
      message: {
        zh: '高级及以上养老护理员 8 人 ÷ 持证养老护理员 50 人（据人员表统计）= 16%，要求 18%，差 2 个百分点',
        en: '16%, 18% required, 2 percentage points short',
      },
    },
    {
      name: 'no senior caregiver at all is a measured zero',
      subject: regionSubject({}, [], roster(0, 10)),
      status: 'fail',
      measured: 0,
      shortfall: 0.18,
    },
    {
      name: 'before the due date it is a warning',
      subject: regionSubject({}, [], roster(8, 42)),
      asOf: '2025-12-30',
      status: 'warn',
      shortfall: 0.02,
      message: { zh: '达标期限 2025-12-31' },
    },
    { name: 'on the due date itself it fails', subject: regionSubject({}, [], roster(8, 42)), asOf: '2025-12-31', status: 'fail' },
    {
      name: 'no staff sheet, even with a region figure',
      subject: regionSubject({ certified_caregivers: 300 }, [], null),
      status: 'insufficient_data',
      missing: ['staff'],
      message: { zh: '缺少：人员表', en: 'missing: the Staff sheet' },
    },
  ],
});
