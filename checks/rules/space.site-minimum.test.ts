import rule from './space.site-minimum.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import { areaSubject, site } from '../../test/support/facts.js';
import type { SiteFacts } from '../facts.js';

const sitesNamed = (...areas: [string, number][]): SiteFacts[] =>
  areas.map(([site_id, floor_area_m2]) => site({ site_id, floor_area_m2 }));
const newArea = (service_area_m2: number | null, sites: SiteFacts[] = []) =>
  areaSubject({ development: 'new', households: 1000, service_area_m2 }, sites);

ruleTester(rule, {
  params: { minSiteM2: 350 },
  due: '2025-12-31',
  asOf: '2026-01-31',
  valid: [
    {
      name: 'the smallest site exactly at the threshold',
      subject: newArea(null, sitesNamed(['P-1', 500], ['P-2', 350])),
      measured: 350,
      required: 350,
      message: { zh: '2 处用房中最小的 P-2 为 350 ㎡，每处应不少于 350 ㎡，达标', en: 'smallest site P-2 (2 in all) has 350 m²' },
    },
    {
      name: 'the site rows are checked even when a service area is stated',
      subject: newArea(1000, sitesNamed(['P-1', 400], ['P-2', 360])),
      measured: 360,
    },
    {
      name: 'no site rows: the area counts as one site of its service area',
      subject: newArea(350),
      measured: 350,
      message: { zh: '未填报用房明细，按 1 处用房计，面积 350 ㎡', en: 'no site rows, so counted as one site of 350 m²' },
    },
    {
      name: 'an existing area is not covered',
      subject: areaSubject({ development: 'existing', service_area_m2: 100 }),
      status: 'not_applicable',
      message: { zh: '非新建居住区，不适用' },
    },
  ],
  invalid: [
    {
      name: 'every site under the minimum is listed',
      subject: newArea(null, sitesNamed(['P-1', 200], ['P-2', 500], ['P-3', 300])),
      status: 'fail',
      measured: 200,
      required: 350,
      shortfall: 150,
      message: {
        zh: '3 处用房中最小的 P-1 为 200 ㎡，每处应不少于 350 ㎡，缺 150 ㎡；不足 350 ㎡ 的用房 2 处：P-1（200 ㎡）、P-3（300 ㎡）',
        en: '150 m² short; 2 sites under 350 m²: P-1 (200 m²), P-3 (300 m²)',
      },
    },
    {
      name: 'just below the threshold',
      subject: newArea(null, sitesNamed(['P-1', 349.9], ['P-2', 800])),
      status: 'fail',
      shortfall: 0.1,
      message: { en: '; 1 site under 350 m²: P-1 (349.9 m²)' },
    },
    {
      name: 'one implicit site under the minimum',
      subject: newArea(300),
      status: 'fail',
      measured: 300,
      shortfall: 50,
      message: { zh: '按 1 处用房计，面积 300 ㎡，每处应不少于 350 ㎡，缺 50 ㎡' },
    },
    { name: 'a stated 0 m² is a known zero', subject: newArea(0), status: 'fail', measured: 0, shortfall: 350 },
    {
      name: 'blank service area and no site rows',
      subject: newArea(null),
      status: 'insufficient_data',
      missing: ['service_area_m2'],
    },
    {
      name: 'before the due date it is a warning',
      subject: newArea(null, sitesNamed(['P-1', 300])),
      asOf: '2025-12-30',
      status: 'warn',
      shortfall: 50,
      message: { zh: '达标期限 2025-12-31' },
    },
    { name: 'on the due date itself it fails', subject: newArea(300), asOf: '2025-12-31', status: 'fail' },
  ],
});
