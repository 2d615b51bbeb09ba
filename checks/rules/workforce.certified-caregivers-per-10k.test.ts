import rule from './workforce.certified-caregivers-per-10k.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import { regionSubject, staff, staffTimes } from '../../test/support/facts.js';

/** `n` certified caregivers (junior level) in the staff sheet. */
const certified = (n: number) => staffTimes(n, { caregiver_level: 'junior' });

ruleTester(rule, {
  params: { per10k: 30 },
  due: '2025-12-31',
  asOf: '2026-01-31',
  valid: [
    {
      name: 'exactly at the threshold, region figure: 300 for 100,000 elderly',
      subject: regionSubject({ certified_caregivers: 300, elderly_population: 100_000 }),
      measured: 30,
      required: 30,
      message: {
        zh: '持证养老护理员 300 人（地区表填报）× 10,000 ÷ 老年人口 100,000 = 30 人/万名老年人，要求 30 人/万名老年人，达标',
        en: '300 certified caregivers (as reported in the region sheet) × 10,000 ÷ 100,000 elderly = 30 per 10,000, 30 required, met',
      },
    },
    {
      name: 'exactly at the threshold, counted from staff: 3 certified for 1,000 elderly',
      subject: regionSubject({ elderly_population: 1_000 }, [], [
        staff({ caregiver_level: 'junior' }),
        staff({ caregiver_level: 'senior' }),
        staff({ caregiver_level: 'senior_technician' }),
        ...staffTimes(4, { caregiver_level: 'none' }),
        staff({ caregiver_level: null }),
        staff({ role: 'social_worker' }),
      ]),
      measured: 30,
      message: { zh: '持证养老护理员 3 人（据人员表统计）', en: '3 certified caregivers (counted from the staff sheet)' },
    },
    {
      name: 'the region figure needs no staff sheet',
      subject: regionSubject({ certified_caregivers: 400, elderly_population: 100_000 }, null, null),
      measured: 40,
    },
    { name: 'Hongdong figure 20', subject: regionSubject({ certified_caregivers: 200, elderly_population: 100_000 }), params: { per10k: 20 } },
    {
      name: 'a zero elderly population is guarded (the contract forbids it)',
      subject: regionSubject({ certified_caregivers: 10, elderly_population: 0 }),
      status: 'not_applicable',
      message: { zh: '老年人口为 0，不适用', en: 'The elderly population is 0' },
    },
  ],
  invalid: [
    {
      name: 'the region figure overrides the staff count (280 reported, 400 in staff)',
      subject: regionSubject({ certified_caregivers: 280, elderly_population: 100_000 }, [], certified(400)),
      status: 'fail',
      measured: 28,
      shortfall: 2,
      message: {
        zh: '持证养老护理员 280 人（地区表填报）× 10,000 ÷ 老年人口 100,000 = 28 人/万名老年人，要求 30 人/万名老年人，缺 2 人/万名老年人',
        en: '280 certified caregivers (as reported in the region sheet) × 10,000 ÷ 100,000 elderly = 28 per 10,000, 30 required, 2 per 10,000 elderly short',
      },
    },
    {
      name: 'just below: 299 for 100,000 elderly, 0.1 short',
      subject: regionSubject({ certified_caregivers: 299, elderly_population: 100_000 }),
      status: 'fail',
      measured: 29.9,
      shortfall: 0.1,
    },
    {
      name: 'a region figure of zero is zero, not "count from staff"',
      subject: regionSubject({ certified_caregivers: 0, elderly_population: 1_000 }, [], certified(3)),
      status: 'fail',
      measured: 0,
      shortfall: 30,
      message: { en: 'as reported in the region sheet' },
    },
    {
      name: 'blank region figure counts the staff sheet; uncertified caregivers do not count',
      subject: regionSubject({ elderly_population: 1_000 }, [], [...certified(2), ...staffTimes(5)]),
      status: 'fail',
      measured: 20,
      shortfall: 10,
      message: { zh: '据人员表统计' },
    },
    {
      name: 'an empty staff sheet is a complete roster of nobody',
      subject: regionSubject({ elderly_population: 1_000 }, [], []),
      status: 'fail',
      measured: 0,
    },
    {
      name: 'before the due date it is a warning',
      subject: regionSubject({ certified_caregivers: 280, elderly_population: 100_000 }),
      asOf: '2025-12-30',
      status: 'warn',
      shortfall: 2,
      message: { zh: '达标期限 2025-12-31，尚未到期' },
    },
    {
      name: 'on the due date itself it fails',
      subject: regionSubject({ certified_caregivers: 280, elderly_population: 100_000 }),
      asOf: '2025-12-31',
      status: 'fail',
    },
    {
      name: 'no region figure and no staff sheet: the figure is missing',
      subject: regionSubject({ elderly_population: 100_000 }, [], null),
      status: 'insufficient_data',
      missing: ['certified_caregivers'],
      message: { zh: '缺少：持证养老护理员数' },
    },
    {
      name: 'blank elderly population is unknown, not zero',
      subject: regionSubject({ certified_caregivers: 300 }),
      status: 'insufficient_data',
      missing: ['elderly_population'],
    },
    {
      name: 'both missing, in formula order',
      subject: regionSubject({}, null, null),
      status: 'insufficient_data',
      missing: ['certified_caregivers', 'elderly_population'],
    },
  ],
});
