import rule from './space.project-floor-share.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import { areaSubject, site } from '../../test/support/facts.js';
import type { AreaFacts } from '../facts.js';

const project = (
  project_floor_area_m2: number | null,
  service_interior_area_m2: number | null,
  service_area_m2: number | null = 400,
  overrides: Partial<AreaFacts> = {},
  sites = [] as ReturnType<typeof site>[],
) => areaSubject({ area_id: 'P1', development: 'new', project_floor_area_m2, service_interior_area_m2, service_area_m2, ...overrides }, sites);

ruleTester(rule, {
  params: { share: 0.002 },
  due: '2025-12-31',
  asOf: '2026-01-31',
  valid: [
    {
      name: 'exactly at the threshold: 2‰ of 150,000 m² is 300 m² of interior area',
      subject: project(150_000, 300),
      measured: 300,
      required: 300,
      range: null,
      message: { zh: '项目总建筑面积 150,000 ㎡ × 2‰，应配套内建筑面积 300 ㎡，实有套内建筑面积 300 ㎡，达标' },
    },
    {
      name: 'a blank location reads as urban',
      subject: project(150_000, 320, 400, { location: null }),
      measured: 320,
    },
    {
      name: 'a rural project is not covered',
      subject: project(150_000, 10, 400, { location: 'rural' }),
      status: 'not_applicable',
      message: { zh: '农村项目，不适用' },
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
      name: 'the gross area passes but the interior area fails: the interior decides',
      subject: project(150_000, 299, 400),
      status: 'fail',
      measured: 299,
      required: 300,
      shortfall: 1,
      message: {
        zh: '项目总建筑面积 150,000 ㎡ × 2‰，应配套内建筑面积 300 ㎡，实有套内建筑面积 299 ㎡，缺 1 ㎡',
        en: '150,000 m² project floor area × 2‰ = 300 m² of interior floor area required, 299 m² provided, 1 m² short',
      },
    },
    {
      name: 'interior blank, gross 400 m²: would pass on gross, open on interior',
      subject: project(150_000, null, 400),
      status: 'insufficient_data',
      range: [0, 400],
      blanks: ['P1.service_interior_area_m2'],
      message: { zh: '可能范围 0–400 ㎡，结论未定。填写以下空缺即可得出结论：P1 养老服务用房套内建筑面积（0–400）' },
    },
    {
      name: 'interior blank, gross 250 m² settles a fail: the interior is at most the gross',
      subject: project(150_000, null, 250),
      status: 'fail',
      range: [0, 250],
      shortfall: 50,
      message: { zh: '至少缺 50 ㎡' },
    },
    {
      name: 'interior blank, gross from the site rows: 200 m² settles a fail',
      subject: project(150_000, null, null, {}, [site({ floor_area_m2: 120 }), site({ floor_area_m2: 80 })]),
      status: 'fail',
      range: [0, 200],
      shortfall: 100,
    },
    { name: 'a stated 0 m² is a known zero', subject: project(150_000, 0), status: 'fail', shortfall: 300 },
    {
      name: 'blank project floor area: the requirement is unbounded',
      subject: project(null, 300),
      status: 'insufficient_data',
      missing: ['project_floor_area_m2'],
    },
    {
      name: 'blank project floor area and no area at all',
      subject: project(null, null, null),
      status: 'insufficient_data',
      missing: ['service_interior_area_m2', 'service_area_m2', 'project_floor_area_m2'],
    },
    {
      name: 'before the due date it is a warning',
      subject: project(150_000, 250),
      asOf: '2025-01-01',
      status: 'warn',
      shortfall: 50,
      message: { en: '50 m² short (due 2025-12-31, not yet due)' },
    },
  ],
});
