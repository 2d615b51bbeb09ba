import rule from './workforce.first-aid-share.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import { regionSubject, staffTimes } from '../../test/support/facts.js';
import type { StaffFacts } from '../facts.js';

/** Certified caregivers with the first-aid certificate (`yes`), without (`no`) and blank (`unknown`). */
function roster(yes: number, no: number, unknown = 0): StaffFacts[] {
  return [
    ...staffTimes(yes, { caregiver_level: 'junior', first_aid_certified: true }),
    ...staffTimes(no, { caregiver_level: 'intermediate', first_aid_certified: false }),
    ...staffTimes(unknown, { caregiver_level: 'senior', first_aid_certified: null }),
  ];
}

ruleTester(rule, {
  params: { share: 0.7 },
  due: '2025-12-31',
  asOf: '2026-01-31',
  valid: [
    {
      name: 'exactly at the threshold: 7 of 10',
      subject: regionSubject({}, [], roster(7, 3)),
      measured: 0.7,
      required: 0.7,
      basis: { included: 10, excluded: 0 },
      message: {
        zh: '持救护员证的持证养老护理员 7 人 ÷ 持证养老护理员 10 人（据人员表统计）= 70%，要求 70%，达标',
        en: '7 of 10 certified caregivers (counted from the staff sheet) hold a first-aid certificate = 70%, 70% required, met',
      },
    },
    {
      name: 'uncertified caregivers and other roles do not count, even with the certificate',
      subject: regionSubject({}, [], [
        ...roster(7, 3),
        ...staffTimes(10, { caregiver_level: 'none', first_aid_certified: false }),
        ...staffTimes(2, { role: 'nurse', first_aid_certified: false }),
      ]),
      measured: 0.7,
      basis: { included: 10, excluded: 0 },
    },
    { name: 'Hongdong figure 30%', subject: regionSubject({}, [], roster(3, 7)), params: { share: 0.3 }, measured: 0.3 },
    {
      name: 'no certified caregiver in the staff sheet',
      subject: regionSubject({ certified_caregivers: 100 }, [], staffTimes(4, { caregiver_level: 'none', first_aid_certified: true })),
      status: 'not_applicable',
      message: { zh: '人员表中无持证养老护理员，不适用', en: 'lists no certified caregivers' },
    },
  ],
  invalid: [
    {
      name: 'just below: 13 of 20 is 65%, 5 points short',
      subject: regionSubject({}, [], roster(13, 7)),
      status: 'fail',
      measured: 0.65,
      shortfall: 0.05,
      message: { zh: '= 65%，要求 70%，差 5 个百分点', en: '5 percentage points short' },
    },
    {
      name: 'settled fail with blanks: 6 yes, 4 no, 3 blank is at most 69.23%',
      subject: regionSubject({}, [], roster(6, 4, 3)),
      status: 'fail',
      measured: 0.6,
      range: [6 / 13, 9 / 13],
      shortfall: 0.7 - 9 / 13,
      basis: { included: 10, excluded: 3 },
      message: { zh: '另有 3 人未填，可能范围 46.15%–69.23%，不影响结论，至少差 0.77 个百分点' },
    },
    {
      name: 'unsettled: 7 yes, 3 no, 5 blank could be 46.67%–80%',
      subject: regionSubject({}, [], roster(7, 3, 5)),
      status: 'insufficient_data',
      measured: 0.7,
      range: [7 / 15, 12 / 15],
      basis: { included: 10, excluded: 5 },
    },
    {
      name: 'every answer no is a measured zero',
      subject: regionSubject({}, [], roster(0, 8)),
      status: 'fail',
      measured: 0,
      shortfall: 0.7,
    },
    {
      name: 'every answer blank: no known value',
      subject: regionSubject({}, [], roster(0, 0, 8)),
      status: 'insufficient_data',
      missing: ['first_aid_certified'],
      message: { zh: '持救护员证' },
    },
    {
      name: 'before the due date it is a warning',
      subject: regionSubject({}, [], roster(13, 7)),
      asOf: '2025-12-30',
      status: 'warn',
      shortfall: 0.05,
    },
    { name: 'on the due date itself it fails', subject: regionSubject({}, [], roster(13, 7)), asOf: '2025-12-31', status: 'fail' },
    { name: 'no staff sheet', subject: regionSubject({}, [], null), status: 'insufficient_data', missing: ['staff'] },
  ],
});
