import rule from './network.street-center-coverage.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import { regionSubject } from '../../test/support/facts.js';

const streets = (streets_with_center: number | null, streets_total: number | null) =>
  regionSubject({ streets_with_center, streets_total });

ruleTester(rule, {
  params: { share: 1 },
  due: '2025-12-31',
  asOf: '2026-01-31',
  valid: [
    {
      name: 'exactly at the threshold: every street (8 of 8)',
      subject: streets(8, 8),
      measured: 1,
      required: 1,
      message: {
        zh: '已建综合养老服务中心的街道 8 个 ÷ 街道 8 个 = 100%，要求 100%，达标',
        en: '8 of 8 sub-districts have a comprehensive elderly-service centre = 100%, 100% required, met',
      },
    },
    {
      name: 'a county without streets (towns only)',
      subject: streets(0, 0),
      status: 'not_applicable',
      message: { zh: '街道数为 0，不适用', en: 'There are no sub-districts (街道); the rule does not apply' },
    },
    { name: 'a lower figure met exactly', subject: streets(3, 4), params: { share: 0.75 }, measured: 0.75 },
  ],
  invalid: [
    {
      name: 'just below: 19 of 20 is 95%, 5 points short',
      subject: streets(19, 20),
      status: 'fail',
      measured: 0.95,
      shortfall: 0.05,
      message: { zh: '= 95%，要求 100%，差 5 个百分点', en: '19 of 20 sub-districts' },
    },
    {
      name: 'before the due date it is a warning',
      subject: streets(19, 20),
      asOf: '2025-12-30',
      status: 'warn',
      shortfall: 0.05,
      message: { en: '(due 2025-12-31, not yet due)' },
    },
    { name: 'on the due date itself it fails', subject: streets(19, 20), asOf: '2025-12-31', status: 'fail' },
    { name: 'no street with a centre is a measured zero', subject: streets(0, 5), status: 'fail', measured: 0, shortfall: 1 },
    {
      name: 'blank streets with a centre is unknown, not zero',
      subject: streets(null, 5),
      status: 'insufficient_data',
      missing: ['streets_with_center'],
    },
    { name: 'blank street total', subject: streets(5, null), status: 'insufficient_data', missing: ['streets_total'] },
  ],
});
