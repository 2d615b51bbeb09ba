import rule from './workforce.social-workers-per-10k.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import { regionSubject, staffTimes } from '../../test/support/facts.js';

const socialWorkers = (n: number) => staffTimes(n, { role: 'social_worker' });

ruleTester(rule, {
  params: { per10k: 25 },
  due: '2025-12-31',
  asOf: '2026-01-31',
  valid: [
    {
      name: 'exactly at the threshold, region figure: 250 for 100,000 elderly',
      subject: regionSubject({ social_workers: 250, elderly_population: 100_000 }),
      measured: 25,
      required: 25,
      message: {
        zh: '社会工作者 250 人（地区表填报）× 10,000 ÷ 老年人口 100,000 = 25 人/万名老年人，要求 25 人/万名老年人，达标',
        en: '250 social workers (as reported in the region sheet) × 10,000 ÷ 100,000 elderly = 25 per 10,000, 25 required, met',
      },
    },
    {
      name: 'exactly at the threshold, counted from staff: 5 for 2,000 elderly',
      subject: regionSubject({ elderly_population: 2_000 }, [], [...socialWorkers(5), ...staffTimes(10)]),
      measured: 25,
      message: { zh: '社会工作者 5 人（据人员表统计）', en: '5 social workers (counted from the staff sheet)' },
    },
    {
      name: 'Jiaxiang: 1 per 1,000 elderly is 10 per 10,000',
      subject: regionSubject({ social_workers: 50, elderly_population: 50_000 }),
      params: { per10k: 10 },
      measured: 10,
    },
    {
      name: 'the region figure needs no staff sheet',
      subject: regionSubject({ social_workers: 300, elderly_population: 100_000 }, null, null),
    },
    {
      name: 'a zero elderly population is guarded (the contract forbids it)',
      subject: regionSubject({ social_workers: 1, elderly_population: 0 }),
      status: 'not_applicable',
      message: { en: 'The elderly population is 0; the rule does not apply' },
    },
  ],
  invalid: [
    {
      name: 'the region figure overrides the staff count (20 reported, 30 in staff)',
      subject: regionSubject({ social_workers: 20, elderly_population: 10_000 }, [], socialWorkers(30)),
      status: 'fail',
      measured: 20,
      shortfall: 5,
      message: {
        zh: '社会工作者 20 人（地区表填报）× 10,000 ÷ 老年人口 10,000 = 20 人/万名老年人，要求 25 人/万名老年人，缺 5 人/万名老年人',
        en: '5 per 10,000 elderly short',
      },
    },
    {
      name: 'just below: 249 for 100,000 elderly',
      subject: regionSubject({ social_workers: 249, elderly_population: 100_000 }),
      status: 'fail',
      measured: 24.9,
      shortfall: 0.1,
    },
    {
      name: 'a region figure of zero is zero, not "count from staff"',
      subject: regionSubject({ social_workers: 0, elderly_population: 2_000 }, [], socialWorkers(5)),
      status: 'fail',
      measured: 0,
      shortfall: 25,
    },
    {
      name: 'caregivers are not social workers',
      subject: regionSubject({ elderly_population: 2_000 }, [], staffTimes(20, { caregiver_level: 'senior' })),
      status: 'fail',
      measured: 0,
    },
    {
      name: 'before the due date it is a warning',
      subject: regionSubject({ social_workers: 200, elderly_population: 100_000 }),
      asOf: '2025-06-30',
      status: 'warn',
      shortfall: 5,
    },
    {
      name: 'on the due date itself it fails',
      subject: regionSubject({ social_workers: 200, elderly_population: 100_000 }),
      asOf: '2025-12-31',
      status: 'fail',
      shortfall: 5,
    },
    {
      name: 'no region figure and no staff sheet: the figure is missing',
      subject: regionSubject({ elderly_population: 100_000 }, [], null),
      status: 'insufficient_data',
      missing: ['social_workers'],
      message: { zh: '缺少：社会工作者数', en: 'missing: Social workers' },
    },
    {
      name: 'blank elderly population is unknown, not zero',
      subject: regionSubject({ social_workers: 10 }),
      status: 'insufficient_data',
      missing: ['elderly_population'],
    },
  ],
});
