import rule from './workforce.caregiver-allowance.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import { facilitySubject, staff } from '../../test/support/facts.js';
import type { StaffFacts } from '../facts.js';

const certified = (staff_id: string, monthly_allowance_yuan: number | null): StaffFacts =>
  staff({ staff_id, role: 'caregiver', caregiver_level: 'junior', monthly_allowance_yuan });
const home = (members: StaffFacts[] | null) => facilitySubject({ facility_type: 'institution' }, members);

ruleTester(rule, {
  params: { minYuan: 400 },
  due: '2025-12-31',
  asOf: '2026-01-31',
  valid: [
    {
      name: 'exactly at the threshold: the lowest allowance is 400 yuan',
      subject: home([certified('S-1', 400), certified('S-2', 500)]),
      measured: 400,
      required: 400,
      message: {
        zh: '持证养老护理员 2 人中岗位津贴最低 400 元/月，每人应不低于 400 元/月，达标',
        en: "certified caregivers' lowest monthly post allowance: 400 yuan (2 counted); at least 400 yuan a month each required, met",
      },
    },
    {
      name: 'uncertified caregivers and other roles are not checked',
      subject: home([
        certified('S-1', 450),
        staff({ role: 'caregiver', caregiver_level: 'none', monthly_allowance_yuan: 0 }),
        staff({ role: 'nurse', monthly_allowance_yuan: 0 }),
      ]),
      measured: 450,
    },
    {
      name: 'any facility type with certified caregivers is covered',
      subject: facilitySubject({ facility_type: 'community_center' }, [certified('S-1', 600)]),
    },
    {
      name: 'no certified caregivers',
      subject: home([staff({ role: 'caregiver', caregiver_level: 'none', monthly_allowance_yuan: 100 })]),
      status: 'not_applicable',
      message: { zh: '无持证养老护理员，不适用', en: 'No certified caregivers' },
    },
    { name: 'an empty roster', subject: home([]), status: 'not_applicable' },
  ],
  invalid: [
    {
      name: 'unsettled: one blank allowance, every other one at the figure',
      subject: home([certified('S-1', 400), certified('S-2', null)]),
      status: 'insufficient_data',
      measured: 400,
      range: [0, 400],
      blanks: ['S-2.monthly_allowance_yuan'],
      message: { zh: '结论未定。填写以下空缺即可得出结论：S-2 岗位津贴', en: 'To settle it, fill in: S-2' },
    },
    {
      name: 'settled fail with a blank: a known allowance below the figure fails whatever the blank holds',
      subject: home([certified('S-1', 350), certified('S-2', null)]),
      status: 'fail',
      measured: 350,
      range: [0, 350],
      shortfall: 50,
      message: { zh: '至少缺 50 元' },
    },
    {
      name: 'two caregivers under the minimum are listed',
      subject: home([certified('S-1', 300), certified('S-2', 450), certified('S-3', 350)]),
      status: 'fail',
      measured: 300,
      required: 400,
      shortfall: 100,
      message: {
        zh: '持证养老护理员 3 人中岗位津贴最低 300 元/月，每人应不低于 400 元/月，缺 100 元；低于 400 元的 2 人：S-1（300 元）、S-3（350 元）',
        en: '100 yuan short; 2 below 400 yuan: S-1 (300 yuan), S-3 (350 yuan)',
      },
    },
    {
      name: 'just below the threshold',
      subject: home([certified('S-1', 399.5), certified('S-2', 800)]),
      status: 'fail',
      shortfall: 0.5,
      message: { zh: '低于 400 元的 1 人：S-1（399.5 元）' },
    },
    {
      name: 'a stated 0 yuan is a known zero',
      subject: home([certified('S-1', 0)]),
      status: 'fail',
      measured: 0,
      shortfall: 400,
    },
    {
      name: 'every allowance blank',
      subject: home([certified('S-1', null), certified('S-2', null)]),
      status: 'insufficient_data',
      missing: ['monthly_allowance_yuan'],
    },
    { name: 'no staff sheet', subject: home(null), status: 'insufficient_data', missing: ['staff'] },
    {
      name: 'before the due date it is a warning',
      subject: home([certified('S-1', 300)]),
      asOf: '2025-12-30',
      status: 'warn',
      shortfall: 100,
      message: { en: '100 yuan short (due 2025-12-31, not yet due); 1 below 400 yuan: S-1 (300 yuan)' },
    },
    { name: 'on the due date itself it fails', subject: home([certified('S-1', 300)]), asOf: '2025-12-31', status: 'fail' },
  ],
});
