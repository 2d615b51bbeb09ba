import rule from './space.per-100-households.new.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import { areaSubject, site } from '../../test/support/facts.js';

const newArea = (households: number, service_area_m2: number | null, sites = [] as ReturnType<typeof site>[]) =>
  areaSubject({ development: 'new', households, service_area_m2 }, sites);

ruleTester(rule, {
  params: { m2Per100Households: 30 },
  due: '2025-12-31',
  asOf: '2026-01-31',
  valid: [
    {
      name: 'exactly at the threshold: 1,200 households, 360 m²',
      subject: newArea(1200, 360),
      measured: 360,
      required: 360,
      message: { zh: '1,200 户 × 30 ㎡/100 户，应配 360 ㎡，实有 360 ㎡，达标', en: '360 m² required, 360 m² provided, met' },
    },
    { name: 'more than required', subject: newArea(1000, 500), measured: 500, required: 300 },
    {
      name: 'households × P is divided last: 113 × 20 / 100 = 22.6 exactly',
      subject: newArea(113, 22.6),
      params: { m2Per100Households: 20 },
      required: 22.6,
    },
    {
      name: 'blank service area: the site rows are summed (100.1 + 200.2 meets 300.3)',
      subject: newArea(1001, null, [site({ floor_area_m2: 100.1 }), site({ floor_area_m2: 200.2 })]),
      measured: 300.3,
      required: 300.3,
      message: { zh: '实有 300.3 ㎡（2 处用房合计）', en: '300.3 m² provided (sum of 2 sites)' },
    },
    {
      name: 'a stated service area wins over the site rows',
      subject: newArea(1200, 360, [site({ floor_area_m2: 100 })]),
      measured: 360,
    },
    {
      name: 'an existing area is not covered',
      subject: areaSubject({ development: 'existing', households: 1200, service_area_m2: 0 }),
      status: 'not_applicable',
      message: { zh: '非新建居住区，不适用', en: 'Not a new residential area' },
    },
  ],
  invalid: [
    {
      name: 'the catalogue example: 1,200 households, 320 m²',
      subject: newArea(1200, 320),
      status: 'fail',
      measured: 320,
      required: 360,
      shortfall: 40,
      message: {
        zh: '1,200 户 × 30 ㎡/100 户，应配 360 ㎡，实有 320 ㎡，缺 40 ㎡',
        en: '1,200 households × 30 m²/100 households = 360 m² required, 320 m² provided, 40 m² short',
      },
    },
    { name: 'just below the threshold', subject: newArea(1200, 359.9), status: 'fail', shortfall: 0.1 },
    { name: 'a stated 0 m² is a known zero', subject: newArea(1200, 0), status: 'fail', measured: 0, shortfall: 360 },
    {
      name: 'one site row short of the requirement',
      subject: newArea(1200, null, [site({ floor_area_m2: 300 })]),
      status: 'fail',
      shortfall: 60,
      message: { zh: '（1 处用房合计）', en: '(sum of 1 site)' },
    },
    {
      name: 'blank service area and no site rows: unknown, not zero',
      subject: newArea(1200, null),
      status: 'insufficient_data',
      missing: ['service_area_m2'],
    },
    {
      name: 'before the due date it is a warning',
      subject: newArea(1200, 320),
      asOf: '2025-12-30',
      status: 'warn',
      shortfall: 40,
      message: { zh: '达标期限 2025-12-31，尚未到期', en: 'not yet due' },
    },
    { name: 'on the due date itself it fails', subject: newArea(1200, 320), asOf: '2025-12-31', status: 'fail' },
  ],
});
