import rule from './planning.land-per-capita.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import { regionSubject } from '../../test/support/facts.js';

const land = (elderly_service_land_m2: number | null, population: number | null) =>
  regionSubject({ elderly_service_land_m2, population });

ruleTester(rule, {
  params: { m2PerCapita: 0.1 },
  due: '2025-12-31',
  asOf: '2026-01-31',
  valid: [
    {
      name: 'exactly at the threshold: 10,000 m² for 100,000 residents',
      subject: land(10_000, 100_000),
      measured: 0.1,
      required: 0.1,
      basis: null,
      message: {
        zh: '养老服务设施用地 10,000 ㎡ ÷ 常住人口 100,000 人 = 0.1 ㎡/人，要求 0.1 ㎡/人，达标',
        en: '10,000 m² of land for elderly-service facilities ÷ 100,000 residents = 0.1 m² per resident, 0.1 m² per resident required, met',
      },
    },
    { name: 'above the threshold', subject: land(25_000, 100_000), measured: 0.25 },
    { name: 'Hongdong figure 0.2', subject: land(20_000, 100_000), params: { m2PerCapita: 0.2 }, required: 0.2 },
    { name: 'a zero population is guarded (the contract forbids it)', subject: land(100, 0), status: 'not_applicable', message: { zh: '常住人口为 0' } },
  ],
  invalid: [
    {
      name: 'just below: 9,999 m² for 100,000 residents',
      subject: land(9_999, 100_000),
      status: 'fail',
      measured: 0.09999,
      shortfall: 0.00001,
    },
    {
      name: '0.09 m² per resident, 0.01 short',
      subject: land(9_000, 100_000),
      status: 'fail',
      measured: 0.09,
      shortfall: 0.01,
      message: { zh: '= 0.09 ㎡/人，要求 0.1 ㎡/人，缺 0.01 ㎡/人', en: '0.01 m² per resident short' },
    },
    {
      name: 'before the due date it is a warning',
      subject: land(9_000, 100_000),
      asOf: '2025-06-30',
      status: 'warn',
      shortfall: 0.01,
      message: { zh: '达标期限 2025-12-31，尚未到期', en: 'not yet due' },
    },
    { name: 'on the due date itself it fails', subject: land(9_000, 100_000), asOf: '2025-12-31', status: 'fail' },
    { name: 'zero land is a measured zero', subject: land(0, 100_000), status: 'fail', measured: 0, shortfall: 0.1 },
    {
      name: 'blank land is unknown, not zero',
      subject: land(null, 100_000),
      status: 'insufficient_data',
      missing: ['elderly_service_land_m2'],
      message: { zh: '养老服务设施用地面积' },
    },
    { name: 'blank population', subject: land(10_000, null), status: 'insufficient_data', missing: ['population'] },
    {
      name: 'both blank, named in formula order',
      subject: land(null, null),
      status: 'insufficient_data',
      missing: ['elderly_service_land_m2', 'population'],
    },
  ],
});
