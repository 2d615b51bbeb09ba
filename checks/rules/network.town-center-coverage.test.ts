import rule from './network.town-center-coverage.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import { regionSubject } from '../../test/support/facts.js';

const towns = (towns_with_center: number | null, towns_total: number | null) =>
  regionSubject({ towns_with_center, towns_total });

ruleTester(rule, {
  params: { share: 0.6 },
  due: '2025-12-31',
  asOf: '2026-01-31',
  valid: [
    {
      name: 'just above the figure: 61 of 100',
      subject: towns(61, 100),
      measured: 0.61,
      required: 0.6,
      message: {
        zh: '已建综合养老服务中心的乡镇 61 个 ÷ 乡镇 100 个 = 61%，要求大于 60%，达标',
        en: '61 of 100 townships have a comprehensive elderly-service centre = 61%, more than 60% required, met',
      },
    },
    { name: 'well above: 7 of 10', subject: towns(7, 10), measured: 0.7 },
    { name: 'a rulebook may override the comparison to ≥: equality then passes', subject: towns(6, 10), comparison: 'gte' },
    {
      name: 'no townships',
      subject: towns(0, 0),
      status: 'not_applicable',
      message: { zh: '乡镇数为 0，不适用', en: 'There are no townships' },
    },
  ],
  invalid: [
    {
      name: '大于: exactly at the figure fails, shortfall 0',
      subject: towns(6, 10),
      status: 'fail',
      measured: 0.6,
      required: 0.6,
      shortfall: 0,
      message: { zh: '= 60%，要求大于 60%，等于要求值，须高于', en: 'more than 60% required, equal to the requirement; must exceed it' },
    },
    {
      name: 'below: 5 of 10, 10 points short',
      subject: towns(5, 10),
      status: 'fail',
      measured: 0.5,
      shortfall: 0.1,
      message: { zh: '差 10 个百分点', en: '10 percentage points short' },
    },
    { name: 'before the due date it is a warning', subject: towns(5, 10), asOf: '2025-12-30', status: 'warn', shortfall: 0.1 },
    { name: 'at equality before the due date: a warning, shortfall 0', subject: towns(6, 10), asOf: '2025-12-30', status: 'warn', shortfall: 0 },
    { name: 'on the due date itself it fails', subject: towns(5, 10), asOf: '2025-12-31', status: 'fail' },
    { name: 'no township with a centre is a measured zero', subject: towns(0, 10), status: 'fail', measured: 0, shortfall: 0.6 },
    {
      name: 'blank towns with a centre is unknown, not zero',
      subject: towns(null, 10),
      status: 'insufficient_data',
      missing: ['towns_with_center'],
      message: { zh: '已建综合养老服务中心的乡镇数' },
    },
    { name: 'blank township total', subject: towns(3, null), status: 'insufficient_data', missing: ['towns_total'] },
  ],
});
