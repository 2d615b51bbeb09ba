import rule from './beds.family-care-beds.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import { regionSubject } from '../../test/support/facts.js';

const beds = (family_care_beds: number | null) => regionSubject({ family_care_beds });

// The rule has no not_applicable case: a county's family care beds are always its own business.
ruleTester(rule, {
  params: { minBeds: 200 },
  due: '2025-12-31',
  asOf: '2026-01-31',
  valid: [
    {
      name: 'exactly at the threshold: 200 beds',
      subject: beds(200),
      measured: 200,
      required: 200,
      message: { zh: '家庭养老床位 200 张，要求 200 张，达标', en: '200 family care beds, 200 required, met' },
    },
    { name: 'above the threshold', subject: beds(350) },
    { name: 'no facilities sheet needed', subject: regionSubject({ family_care_beds: 200 }, null, null) },
  ],
  invalid: [
    {
      name: 'just below: 199 beds, 1 short',
      subject: beds(199),
      status: 'fail',
      measured: 199,
      shortfall: 1,
      message: { zh: '家庭养老床位 199 张，要求 200 张，缺 1 张', en: '199 family care beds, 200 required, 1 bed short' },
    },
    {
      name: 'before the due date it is a warning',
      subject: beds(150),
      asOf: '2025-12-30',
      status: 'warn',
      shortfall: 50,
      message: { zh: '缺 50 张（达标期限 2025-12-31，尚未到期）' },
    },
    { name: 'on the due date itself it fails', subject: beds(150), asOf: '2025-12-31', status: 'fail', shortfall: 50 },
    { name: 'zero beds is a measured zero', subject: beds(0), status: 'fail', measured: 0, shortfall: 200 },
    {
      name: 'blank is unknown, not zero',
      subject: beds(null),
      status: 'insufficient_data',
      missing: ['family_care_beds'],
      message: { zh: '数据不足，缺少：家庭养老床位数', en: 'missing: Family care beds' },
    },
  ],
});
