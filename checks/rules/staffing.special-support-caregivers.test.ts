import rule from './staffing.special-support-caregivers.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import { facilitySubject, staffTimes } from '../../test/support/facts.js';
import type { StaffFacts } from '../facts.js';

const caregivers = (n: number) => staffTimes(n, { role: 'caregiver' });
const home = (full: number | null, partial: number | null, self: number | null, members: StaffFacts[] | null) =>
  facilitySubject(
    {
      facility_type: 'special_support',
      residents_fully_disabled: full,
      residents_partially_disabled: partial,
      residents_self_care: self,
    },
    members,
  );

ruleTester(rule, {
  params: { fullyDisabledPerCaregiver: 3, partiallyDisabledPerCaregiver: 6, selfCarePerCaregiver: 15 },
  due: '2025-12-31',
  asOf: '2026-01-31',
  valid: [
    {
      name: 'settled pass with a blank bounded by the occupied beds: 3 + 6 + at most 15 residents need at most 3',
      subject: facilitySubject({ facility_type: 'special_support', occupied_beds: 24, residents_fully_disabled: 3, residents_partially_disabled: 6, residents_self_care: null }, caregivers(3)),
      measured: 3,
    },
    {
      name: 'exactly at the threshold: 6/3 + 12/6 + 30/15 = 6, 6 caregivers',
      subject: home(6, 12, 30, caregivers(6)),
      measured: 6,
      required: 6,
      message: {
        zh: '完全失能 6 人 ÷ 3 + 部分失能 12 人 ÷ 6 + 自理 30 人 ÷ 15 = 6，应配养老护理员 6 人，实有 6 人，达标',
        en: '6 fully disabled ÷ 3 + 12 partially disabled ÷ 6 + 30 self-care residents ÷ 15 = 6; caregivers: 6 required, 6 employed, met',
      },
    },
    {
      name: 'summed, then rounded up once: 1/3 + 4/6 = 1 caregiver, not 2',
      subject: home(1, 4, 0, caregivers(1)),
      required: 1,
    },
    {
      name: 'exact arithmetic: 1/3 + 14/6 + 5/15 is 3 (the float sum is 3.0000000000000004)',
      subject: home(1, 14, 5, caregivers(3)),
      required: 3,
      message: { zh: '= 3，应配养老护理员 3 人' },
    },
    { name: 'no residents (known zeros) need no caregivers', subject: home(0, 0, 0, []), measured: 0, required: 0 },
    {
      name: 'an ordinary institution is not covered',
      subject: facilitySubject({ facility_type: 'institution', residents_fully_disabled: 30 }, []),
      status: 'not_applicable',
      message: { zh: '非特困供养机构（敬老院），不适用', en: 'Not a special-support home' },
    },
    {
      name: 'a community centre is not covered',
      subject: facilitySubject({ facility_type: 'community_center' }, null),
      status: 'not_applicable',
    },
  ],
  invalid: [
    {
      name: 'unsettled: a blank self-care count could raise the requirement past the 2 caregivers employed',
      subject: home(3, 6, null, caregivers(2)),
      status: 'insufficient_data',
      missing: ['residents_self_care'],
    },
    {
      name: 'settled fail with a blank: 6 fully disabled already need 2, and 1 caregiver falls short whatever the blank holds',
      subject: home(6, 0, null, caregivers(1)),
      status: 'fail',
      shortfall: 1,
      message: { zh: '至少缺 1 人' },
    },
    {
      name: 'just below the threshold: 6 required, 5 employed',
      subject: home(6, 12, 30, caregivers(5)),
      status: 'fail',
      measured: 5,
      required: 6,
      shortfall: 1,
      message: {
        zh: '完全失能 6 人 ÷ 3 + 部分失能 12 人 ÷ 6 + 自理 30 人 ÷ 15 = 6，应配养老护理员 6 人，实有 5 人，缺 1 人',
        en: '6 required, 5 employed, 1 person short',
      },
    },
    {
      name: 'head-counts are rounded up: 7/3 = 2.33 needs 3',
      subject: home(7, 0, 0, caregivers(2)),
      status: 'fail',
      required: 3,
      shortfall: 1,
      message: { zh: '完全失能 7 人 ÷ 3 + 部分失能 0 人 ÷ 6 + 自理 0 人 ÷ 15 = 2.33，应配养老护理员 3 人' },
    },
    {
      name: 'one self-care resident already needs one caregiver',
      subject: home(0, 0, 1, []),
      status: 'fail',
      required: 1,
      shortfall: 1,
    },
    {
      name: 'only staff of role caregiver count',
      subject: home(3, 0, 0, [...staffTimes(2, { role: 'nurse' }), ...staffTimes(1, { role: 'manager' })]),
      status: 'fail',
      measured: 0,
      shortfall: 1,
    },
    {
      name: 'a blank resident count is unknown, not zero',
      subject: home(null, 12, 30, caregivers(10)),
      status: 'insufficient_data',
      missing: ['residents_fully_disabled'],
    },
    {
      name: 'every blank field and the absent staff sheet are named',
      subject: home(null, null, null, null),
      status: 'insufficient_data',
      missing: ['residents_fully_disabled', 'residents_partially_disabled', 'residents_self_care', 'staff'],
    },
    { name: 'no staff sheet', subject: home(6, 12, 30, null), status: 'insufficient_data', missing: ['staff'] },
    {
      name: 'before the due date it is a warning',
      subject: home(6, 12, 30, caregivers(4)),
      asOf: '2025-12-30',
      status: 'warn',
      shortfall: 2,
      message: { zh: '缺 2 人（达标期限 2025-12-31，尚未到期）', en: '2 persons short (due 2025-12-31, not yet due)' },
    },
    { name: 'on the due date itself it fails', subject: home(6, 12, 30, caregivers(4)), asOf: '2025-12-31', status: 'fail' },
  ],
});
