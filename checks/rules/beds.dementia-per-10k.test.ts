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
      basis: { included: 2, excluded: 0 },
      message: {
        zh: '认知障碍照护床位 200 张 × 10,000 ÷ 老年人口 100,000 = 20 张/万名老年人，要求 20 张/万名老年人，达标',
        en: '200 dementia-care beds × 10,000 ÷ 100,000 elderly = 20 beds per 10,000, 20 required, met',
      },
    },
    {
      name: 'a facility with blank dementia beds is left out and the basis says so',
      subject: regionSubject(elderly(100_000), withBeds(120, null, 80)),
      measured: 20,
      basis: { included: 2, excluded: 1 },
      message: { zh: '依据 3 项中的 2 项，1 项数据空缺未计入', en: 'based on 2 of 3; 1 left out for blank data' },
    },
    {
      name: 'a day centre without beds is neither counted nor left out',
      subject: regionSubject(elderly(100_000), [...withBeds(120, 80), facility({ facility_type: 'town_center', total_beds: null, dementia_beds: null })]),
      measured: 20,
      basis: { included: 2, excluded: 0 },
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
      name: 'a left-out facility is not counted as zero, and the shortfall stands',
      subject: regionSubject(elderly(100_000), withBeds(150, null)),
      status: 'fail',
      measured: 15,
      shortfall: 5,
      basis: { included: 1, excluded: 1 },
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
      name: 'no facilities of this jurisdiction: no known value',
      subject: regionSubject(elderly(100_000), []),
      status: 'insufficient_data',
      missing: ['dementia_beds'],
    },
    {
      name: 'no facilities sheet',
      subject: regionSubject(elderly(100_000), null),
      status: 'insufficient_data',
      missing: ['facilities'],
      message: { zh: '缺少：机构', en: 'missing: Facilities' },
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
