import rule from './beds.nursing-share.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import { facility, regionSubject } from '../../test/support/facts.js';

const inst = (total_beds: number | null, nursing_beds: number | null, facility_type: 'institution' | 'special_support' = 'institution') =>
  facility({ facility_type, total_beds, nursing_beds });

ruleTester(rule, {
  params: { share: 0.6 },
  due: '2025-12-31',
  asOf: '2026-01-31',
  valid: [
    {
      name: 'exactly at the threshold: 90 of 150 beds over two institutions',
      subject: regionSubject({}, [inst(100, 60), inst(50, 30)]),
      measured: 0.6,
      required: 0.6,
      basis: { included: 2, excluded: 0 },
      message: {
        zh: '2 家养老机构护理型床位 90 张 ÷ 床位总数 150 张 = 60%，要求 60%，达标',
        en: '90 nursing-type beds ÷ 150 beds in 2 institutions = 60%, 60% required, met',
      },
    },
    {
      name: 'beds are summed, not shares averaged (10/100 and 170/200)',
      subject: regionSubject({}, [inst(100, 10), inst(200, 170)]),
      measured: 0.6,
    },
    {
      name: 'special-support homes are institutions; community centres are not counted',
      subject: regionSubject({}, [
        inst(100, 60, 'special_support'),
        facility({ facility_type: 'community_center', total_beds: 100, nursing_beds: 0 }),
      ]),
      measured: 0.6,
      basis: { included: 1, excluded: 0 },
    },
    {
      name: 'settled pass with a blank: 70 of 100 and a blank part of a 10-bed home is at least 63.64%',
      subject: regionSubject({}, [inst(100, 70), inst(10, null)]),
      measured: 0.7,
      range: [70 / 110, 80 / 110],
      message: { zh: '另有 1 家未填，可能范围 63.64%–72.73%，不影响结论，达标' },
    },
    { name: 'Jiaxiang figure 65%', subject: regionSubject({}, [inst(200, 130)]), params: { share: 0.65 } },
    {
      name: 'no institutions in the region',
      subject: regionSubject({}, [facility({ facility_type: 'community_center', nursing_beds: 0 })]),
      status: 'not_applicable',
      message: { zh: '本地区无养老机构，不适用', en: 'The region has no institutions; the rule does not apply' },
    },
    {
      name: 'institutions without beds: a share over nothing',
      subject: regionSubject({}, [inst(0, 0)]),
      status: 'not_applicable',
      message: { zh: '养老机构床位总数为 0，不适用' },
    },
  ],
  invalid: [
    {
      name: 'just below: 55 of 100, 5 points short',
      subject: regionSubject({}, [inst(100, 55)]),
      status: 'fail',
      measured: 0.55,
      shortfall: 0.05,
      message: { zh: '= 55%，要求 60%，差 5 个百分点', en: '55 nursing-type beds ÷ 100 beds in 1 institution' },
    },
    {
      name: 'zero nursing beds is a measured zero',
      subject: regionSubject({}, [inst(100, 0)]),
      status: 'fail',
      measured: 0,
      shortfall: 0.6,
    },
    {
      name: 'before the due date it is a warning',
      subject: regionSubject({}, [inst(100, 55)]),
      asOf: '2025-12-30',
      status: 'warn',
      shortfall: 0.05,
    },
    { name: 'on the due date itself it fails', subject: regionSubject({}, [inst(100, 55)]), asOf: '2025-12-31', status: 'fail' },
    {
      name: 'every nursing-bed figure blank: no known value',
      subject: regionSubject({}, [inst(100, null), inst(50, null)]),
      status: 'insufficient_data',
      missing: ['nursing_beds'],
    },
    {
      name: 'blanks in both fields, named in row order',
      subject: regionSubject({}, [inst(null, 30), inst(50, null)]),
      status: 'insufficient_data',
      missing: ['total_beds', 'nursing_beds'],
    },
    {
      name: 'unsettled: 60 of 100 and a blank part of a 300-bed home: 15%–90%',
      subject: regionSubject({}, [inst(100, 60), inst(300, null)]),
      status: 'insufficient_data',
      measured: 0.6,
      range: [0.15, 0.9],
    },
    {
      name: 'settled fail with a blank: 30 of 100 and a blank part of a 10-bed home is at most 36.36%',
      subject: regionSubject({}, [inst(100, 30), inst(10, null)]),
      status: 'fail',
      range: [30 / 110, 40 / 110],
      shortfall: 0.6 - 40 / 110,
      message: { zh: '不影响结论，至少差 23.64 个百分点' },
    },
    {
      name: 'a blank whole with a blank part can come near 100% but a 100% target still fails for every filling',
      subject: regionSubject({}, [inst(100, 50), inst(null, null)]),
      params: { share: 1 },
      status: 'fail',
      range: [0, 1],
      shortfall: null,
      message: { zh: '差额可无限接近 0', en: 'the gap can come arbitrarily near 0' },
    },
    { name: 'no facilities sheet', subject: regionSubject({}, null), status: 'insufficient_data', missing: ['facilities'] },
  ],
});
