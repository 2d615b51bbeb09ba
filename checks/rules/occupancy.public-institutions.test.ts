import rule from './occupancy.public-institutions.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import { facility, regionSubject } from '../../test/support/facts.js';
import type { Ownership } from '../facts.js';

const inst = (ownership: Ownership, total_beds: number | null, occupied_beds: number | null) =>
  facility({ ownership, total_beds, occupied_beds });

ruleTester(rule, {
  params: { share: 0.6 },
  due: '2025-12-31',
  asOf: '2026-01-31',
  valid: [
    {
      name: 'exactly at the threshold: 公办 and 公建民营 together, 90 of 150',
      subject: regionSubject({}, [inst('public', 100, 60), inst('public_private', 50, 30)]),
      measured: 0.6,
      required: 0.6,
      basis: { included: 2, excluded: 0 },
      message: {
        zh: '2 家公办养老机构（含公建民营）在住 90 人 ÷ 床位总数 150 张 = 60%，要求 60%，达标',
        en: '90 residents ÷ 150 beds in 2 public institutions (incl. publicly built, privately run) = 60%, 60% required, met',
      },
    },
    {
      name: 'private institutions and public non-institutions are not counted',
      subject: regionSubject({}, [
        inst('public', 100, 60),
        inst('private', 100, 0),
        facility({ facility_type: 'town_center', ownership: 'public', total_beds: 40, occupied_beds: 0 }),
      ]),
      measured: 0.6,
      basis: { included: 1, excluded: 0 },
    },
    {
      name: 'public special-support homes count',
      subject: regionSubject({}, [facility({ facility_type: 'special_support', ownership: 'public', total_beds: 50, occupied_beds: 40 })]),
      measured: 0.8,
    },
    {
      name: 'settled pass with a blank: 90 of 100 and a blank count of a 20-bed home is at least 75%',
      subject: regionSubject({}, [inst('public', 100, 90), inst('public_private', 20, null)]),
      measured: 0.9,
      range: [0.75, 110 / 120],
      message: { en: 'which does not change the verdict, met' },
    },
    {
      name: 'no public institutions',
      subject: regionSubject({}, [inst('private', 100, 10)]),
      status: 'not_applicable',
      message: { zh: '本地区无公办养老机构（含公建民营），不适用', en: 'The region has no public institutions' },
    },
    {
      name: 'public institutions without beds',
      subject: regionSubject({}, [inst('public', 0, 0)]),
      status: 'not_applicable',
      message: { zh: '公办养老机构床位总数为 0，不适用' },
    },
  ],
  invalid: [
    {
      name: 'just below: 55 of 100, 5 points short',
      subject: regionSubject({}, [inst('public', 100, 55)]),
      status: 'fail',
      measured: 0.55,
      shortfall: 0.05,
      message: { zh: '在住 55 人 ÷ 床位总数 100 张 = 55%，要求 60%，差 5 个百分点' },
    },
    {
      name: 'an empty home is a measured zero',
      subject: regionSubject({}, [inst('public_private', 100, 0)]),
      status: 'fail',
      measured: 0,
      shortfall: 0.6,
    },
    {
      name: 'before the due date it is a warning',
      subject: regionSubject({}, [inst('public', 100, 55)]),
      asOf: '2025-12-30',
      status: 'warn',
      shortfall: 0.05,
    },
    { name: 'on the due date itself it fails', subject: regionSubject({}, [inst('public', 100, 55)]), asOf: '2025-12-31', status: 'fail' },
    {
      name: 'every resident count blank: no known value',
      subject: regionSubject({}, [inst('public', 100, null), inst('private', 100, 90)]),
      status: 'insufficient_data',
      missing: ['occupied_beds'],
      range: [0, 1],
      message: { zh: '缺少：在住人数', en: 'missing: Residents' },
    },
    {
      name: 'unsettled: 60 of 100 and a blank count of a 200-bed home: 20%–86.67%',
      subject: regionSubject({}, [inst('public', 100, 60), inst('public_private', 200, null)]),
      status: 'insufficient_data',
      measured: 0.6,
      range: [0.2, 260 / 300],
    },
    { name: 'no facilities sheet', subject: regionSubject({}, null), status: 'insufficient_data', missing: ['facilities'] },
  ],
});
