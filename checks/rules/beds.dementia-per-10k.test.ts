import rule from './beds.dementia-per-10k.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import { facility, regionSubject } from '../../test/support/facts.js';

const withBeds = (...beds: (number | null)[]) => beds.map((dementia_beds) => facility({ dementia_beds, total_beds: 300 }));
const elderly = (elderly_population: number | null) => ({ elderly_population });

ruleTester(rule, {
  params: { per10k: 20 },
  due: '2025-12-31',
  asOf: '2026-01-31',
  valid: [
    {
      name: 'exactly at the threshold: 120 + 80 beds for 100,000 elderly',
      subject: regionSubject(elderly(100_000), withBeds(120, 80)),
      measured: 20,
      required: 20,
      range: null,
      message: {
        zh: '认知障碍照护床位 200 张 × 10,000 ÷ 老年人口 100,000 = 20 张/万名老年人，要求 20 张/万名老年人，达标',
        en: '200 dementia-care beds × 10,000 ÷ 100,000 elderly = 20 beds per 10,000, 20 required, met',
      },
    },
    {
      name: 'settled with a blank: 200 known beds already meet the target, the blank 300-bed home cannot undo it',
      subject: regionSubject(elderly(100_000), [...withBeds(120, 80), facility({ facility_id: 'B1', dementia_beds: null, total_beds: 300 })]),
      measured: 20,
      range: [20, 50],
      blanks: ['B1.dementia_beds'],
      message: { zh: '另有 1 家未填，可能范围 20–50 张/万名老年人，不影响结论，达标', en: '1 facility with blanks: the measure can be 20–50 beds per 10,000 elderly, which does not change the verdict, met' },
    },
    {
      name: 'a blank total and dementia count is unbounded above, which cannot undo a pass',
      subject: regionSubject(elderly(100_000), [...withBeds(120, 80), facility({ facility_id: 'B2', facility_type: 'town_center', total_beds: null, dementia_beds: null })]),
      measured: 20,
      range: [20, null],
      blanks: ['B2.dementia_beds'],
    },
    {
      name: 'a partial list that already meets the target is a settled pass',
      subject: regionSubject({ ...elderly(100_000), institutions_total: 5 }, withBeds(200)),
      measured: 20,
      range: [20, null],
    },
    {
      name: 'a known 0-bed day centre adds nothing and widens nothing',
      subject: regionSubject(elderly(100_000), [...withBeds(120, 80), facility({ facility_type: 'town_center', total_beds: 0, dementia_beds: null })]),
      measured: 20,
      range: null,
    },
    {
      name: 'every facility type counts, not institutions only',
      subject: regionSubject(elderly(10_000), [
        facility({ facility_type: 'community_center', dementia_beds: 10, total_beds: 20 }),
        facility({ facility_type: 'town_center', dementia_beds: 10, total_beds: 20 }),
      ]),
      measured: 20,
    },
    {
      name: 'a zero elderly population is guarded (the contract forbids it)',
      subject: regionSubject(elderly(0), withBeds(10)),
      status: 'not_applicable',
      message: { zh: '老年人口为 0，不适用' },
    },
  ],
  invalid: [
    {
      name: 'just below: 199 beds for 100,000 elderly',
      subject: regionSubject(elderly(100_000), withBeds(119, 80)),
      status: 'fail',
      measured: 19.9,
      shortfall: 0.1,
      message: { zh: '= 19.9 张/万名老年人，要求 20 张/万名老年人，缺 0.1 张/万名老年人', en: '0.1 beds per 10,000 elderly short' },
    },
    {
      name: 'unsettled: 10 known beds and a blank 300-bed home that could hold the rest',
      subject: regionSubject(elderly(10_000), [facility({ dementia_beds: 10, total_beds: 10 }), facility({ facility_id: 'B3', dementia_beds: null, total_beds: 300 })]),
      status: 'insufficient_data',
      measured: 10,
      range: [10, 310],
      blanks: ['B3.dementia_beds'],
      missing: ['dementia_beds'],
      message: { zh: '结论未定。填写以下空缺即可得出结论：B3 认知障碍照护床位数（0–300）', en: 'To settle it, fill in: B3 Dementia-care beds (0–300)' },
    },
    {
      name: 'settled fail with a blank: the blank 30-bed home cannot reach the target, shortfall the least it leaves',
      subject: regionSubject(elderly(100_000), [facility({ dementia_beds: 150, total_beds: 150 }), facility({ facility_id: 'B4', dementia_beds: null, total_beds: 30 })]),
      status: 'fail',
      measured: 15,
      range: [15, 18],
      shortfall: 2,
      blanks: ['B4.dementia_beds'],
      message: { zh: '另有 1 家未填，可能范围 15–18 张/万名老年人，不影响结论，至少缺 2 张/万名老年人' },
    },
    {
      name: 'zero dementia beds is a measured zero',
      subject: regionSubject(elderly(100_000), withBeds(0, 0)),
      status: 'fail',
      measured: 0,
      shortfall: 20,
    },
    {
      name: 'before the due date it is a warning',
      subject: regionSubject(elderly(100_000), withBeds(150)),
      asOf: '2025-12-30',
      status: 'warn',
      shortfall: 5,
    },
    { name: 'on the due date itself it fails', subject: regionSubject(elderly(100_000), withBeds(150)), asOf: '2025-12-31', status: 'fail' },
    {
      name: 'every dementia-bed figure blank: no known value',
      subject: regionSubject(elderly(100_000), withBeds(null, null)),
      status: 'insufficient_data',
      missing: ['dementia_beds'],
      message: { zh: '认知障碍照护床位数' },
    },
    {
      name: 'no facilities of this jurisdiction: the workbook is the complete list, a known zero',
      subject: regionSubject(elderly(100_000), []),
      status: 'fail',
      measured: 0,
      shortfall: 20,
      message: { zh: '按本表所列 0 家机构统计' },
    },
    {
      name: 'a partial list (institutions_total 5, 1 listed) settles nothing short of the target',
      subject: regionSubject({ ...elderly(100_000), institutions_total: 5 }, withBeds(150)),
      status: 'insufficient_data',
      measured: 15,
      range: [15, null],
      message: { zh: '本表列 1 家，地区表填报养老机构 5 家' },
    },
    {
      name: 'no facilities sheet',
      subject: regionSubject(elderly(100_000), null),
      status: 'insufficient_data',
      missing: ['facilities'],
      message: { zh: '缺少：机构表', en: 'missing: the Facilities sheet' },
    },
    {
      name: 'blank elderly population is unknown, not zero',
      subject: regionSubject(elderly(null), withBeds(200)),
      status: 'insufficient_data',
      missing: ['elderly_population'],
    },
    {
      name: 'both missing, in formula order',
      subject: regionSubject(elderly(null), null),
      status: 'insufficient_data',
      missing: ['facilities', 'elderly_population'],
    },
  ],
});
