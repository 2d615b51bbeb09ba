import rule from './space.per-100-households.existing.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import { areaSubject, site } from '../../test/support/facts.js';

const existingArea = (households: number, service_area_m2: number | null, sites = [] as ReturnType<typeof site>[]) =>
  areaSubject({ development: 'existing', households, service_area_m2 }, sites);

ruleTester(rule, {
  params: { m2Per100Households: 20 },
  due: '2025-12-31',
  asOf: '2026-01-31',
  valid: [
    {
      name: 'exactly at the threshold: 1,200 households, 240 m²',
      subject: existingArea(1200, 240),
      measured: 240,
      required: 240,
      message: { zh: '1,200 户 × 20 ㎡/100 户，应配 240 ㎡，实有 240 ㎡，达标' },
    },
    {
      name: 'households × P is divided last: 107 × 20 / 100 = 21.4 exactly',
      subject: existingArea(107, 21.4),
      required: 21.4,
    },
    {
      name: 'blank service area: the site rows are summed',
      subject: existingArea(500, null, [site({ floor_area_m2: 60 }), site({ floor_area_m2: 40 })]),
      measured: 100,
      required: 100,
      message: { zh: '（2 处用房合计）', en: '(sum of 2 sites)' },
    },
    {
      name: 'a new area is not covered',
      subject: areaSubject({ development: 'new', households: 1200, service_area_m2: 0 }),
      status: 'not_applicable',
      message: { zh: '非已建居住区，不适用', en: 'Not an existing residential area' },
    },
  ],
  invalid: [
    {
      name: 'short of the requirement',
      subject: existingArea(1200, 200),
      status: 'fail',
      measured: 200,
      required: 240,
      shortfall: 40,
      message: {
        zh: '1,200 户 × 20 ㎡/100 户，应配 240 ㎡，实有 200 ㎡，缺 40 ㎡',
        en: '1,200 households × 20 m²/100 households = 240 m² required, 200 m² provided, 40 m² short',
      },
    },
    { name: 'just below the threshold', subject: existingArea(1200, 239.5), status: 'fail', shortfall: 0.5 },
    { name: 'a stated 0 m² is a known zero', subject: existingArea(800, 0), status: 'fail', shortfall: 160 },
    {
      name: 'blank service area and no site rows',
      subject: existingArea(1200, null),
      status: 'insufficient_data',
      missing: ['service_area_m2'],
    },
    {
      name: 'before the due date it is a warning',
      subject: existingArea(1200, 200),
      asOf: '2025-06-30',
      status: 'warn',
      shortfall: 40,
      message: { zh: '（达标期限 2025-12-31，尚未到期）', en: '(due 2025-12-31, not yet due)' },
    },
    { name: 'on the due date itself it fails', subject: existingArea(1200, 200), asOf: '2025-12-31', status: 'fail' },
    { name: 'without a due date it fails at once', subject: existingArea(1200, 200), due: null, asOf: '2020-01-01', status: 'fail' },
  ],
});
