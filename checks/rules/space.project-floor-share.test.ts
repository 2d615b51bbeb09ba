import rule from './space.project-floor-share.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import { areaSubject, site } from '../../test/support/facts.js';

const project = (project_floor_area_m2: number | null, service_area_m2: number | null, sites = [] as ReturnType<typeof site>[]) =>
  areaSubject({ development: 'new', project_floor_area_m2, service_area_m2 }, sites);

ruleTester(rule, {
  params: { share: 0.002 },
  due: '2025-12-31',
  asOf: '2026-01-31',
  valid: [
    {
      name: 'exactly at the threshold: 2‰ of 150,000 m² is 300 m²',
      subject: project(150_000, 300),
      measured: 300,
      required: 300,
      message: { zh: '项目总建筑面积 150,000 ㎡ × 2‰ = 300 ㎡，实有 300 ㎡，达标' },
    },
    {
      name: 'blank service area: the site rows are summed',
      subject: project(100_000, null, [site({ floor_area_m2: 120 }), site({ floor_area_m2: 80 })]),
      measured: 200,
      required: 200,
      message: { zh: '（2 处用房合计）', en: '(sum of 2 sites)' },
    },
    {
      name: 'an existing area is not covered',
      subject: areaSubject({ development: 'existing', project_floor_area_m2: null, service_area_m2: null }),
      status: 'not_applicable',
      message: { en: 'Not a new residential area; the rule does not apply' },
    },
  ],
  invalid: [
    {
      name: 'just below the threshold',
      subject: project(150_000, 299),
      status: 'fail',
      measured: 299,
      required: 300,
      shortfall: 1,
      message: {
        zh: '项目总建筑面积 150,000 ㎡ × 2‰ = 300 ㎡，实有 299 ㎡，缺 1 ㎡',
        en: '150,000 m² project floor area × 2‰ = 300 m² required, 299 m² provided, 1 m² short',
      },
    },
    { name: 'a stated 0 m² is a known zero', subject: project(150_000, 0), status: 'fail', shortfall: 300 },
    {
      name: 'blank project floor area',
      subject: project(null, 300),
      status: 'insufficient_data',
      missing: ['project_floor_area_m2'],
    },
    {
      name: 'blank project floor area and no service area at all',
      subject: project(null, null),
      status: 'insufficient_data',
      missing: ['service_area_m2', 'project_floor_area_m2'],
    },
    {
      name: 'before the due date it is a warning',
      subject: project(150_000, 250),
      asOf: '2025-01-01',
      status: 'warn',
      shortfall: 50,
      message: { en: '50 m² short (due 2025-12-31, not yet due)' },
    },
    { name: 'on the due date itself it fails', subject: project(150_000, 250), asOf: '2025-12-31', status: 'fail' },
  ],
});
