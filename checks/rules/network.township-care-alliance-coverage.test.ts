import rule from './network.township-care-alliance-coverage.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import { regionSubject } from '../../test/support/facts.js';

type N = number | null;
const units = (towns: N, townsTotal: N, streets: N, streetsTotal: N) =>
  regionSubject({
    towns_with_care_alliance: towns,
    towns_total: townsTotal,
    streets_with_care_alliance: streets,
    streets_total: streetsTotal,
  });
const townsOnly = { share: 1, scope: 'towns' as const };

ruleTester(rule, {
  params: { share: 1, scope: 'towns_and_streets' },
  due: '2025-12-31',
  asOf: '2026-01-31',
  valid: [
    {
      name: 'exactly at the figure: every town and sub-district (11 + 4 of 11 + 4)',
      subject: units(11, 11, 4, 4),
      measured: 1,
      required: 1,
      message: {
        zh: '康养联合体已覆盖乡镇 11 个、街道 4 个 ÷ 乡镇 11 个、街道 4 个 = 100%，要求 100%，达标',
        en: '11 townships and 4 sub-districts covered by a health-and-care alliance of 11 townships and 4 sub-districts = 100%',
      },
    },
    { name: 'a lower figure met exactly: 12 of 15 at 80%', subject: units(8, 11, 4, 4), params: { share: 0.8 }, measured: 0.8 },
    {
      name: 'towns only (Hongdong): 16 of 16 towns, the streets left out whatever they say',
      subject: units(16, 16, 0, 4),
      params: townsOnly,
      measured: 1,
      message: { zh: '康养联合体已覆盖乡镇 16 个 ÷ 乡镇 16 个 = 100%', en: '16 of 16 townships covered' },
    },
    { name: 'towns only: blank street columns change nothing', subject: units(16, 16, null, null), params: townsOnly, measured: 1 },
    {
      name: 'no towns and no sub-districts: a share over nothing',
      subject: units(0, 0, 0, 0),
      status: 'not_applicable',
      message: { zh: '乡镇（街道）数为 0，不适用' },
    },
  ],
  invalid: [
    {
      name: 'one town short: 14 of 15',
      subject: units(10, 11, 4, 4),
      status: 'fail',
      measured: 14 / 15,
      shortfall: 1 / 15,
      message: { zh: '= 93.33%，要求 100%，差 6.67 个百分点' },
    },
    { name: 'before the due date it is a warning', subject: units(10, 11, 4, 4), asOf: '2025-12-30', status: 'warn', shortfall: 1 / 15 },
    { name: 'on the due date itself it fails', subject: units(10, 11, 4, 4), asOf: '2025-12-31', status: 'fail' },
    {
      name: 'towns covered blank, 4 of 4 sub-districts: 26.67 %–100 %, unsettled',
      subject: units(null, 11, 4, 4),
      status: 'insufficient_data',
      missing: ['towns_with_care_alliance'],
      measured: null,
      range: [4 / 15, 1],
      blanks: ['tongxiang.towns_with_care_alliance'],
      message: { zh: '26.67%–100%' },
    },
    {
      name: '10 of 11 towns, sub-districts covered blank of 4: at most 93.33 %, a settled fail short by at least 1/15',
      subject: units(10, 11, null, 4),
      status: 'fail',
      measured: null,
      range: [10 / 15, 14 / 15],
      shortfall: 1 / 15,
      message: { zh: '康养联合体已覆盖乡镇 10 个、街道 — 个 ÷ 乡镇 11 个、街道 4 个 = 66.67%–93.33%，要求 100%' },
    },
    { name: 'the same before the due date is a settled warning', subject: units(10, 11, null, 4), asOf: '2025-06-30', status: 'warn', shortfall: 1 / 15 },
    {
      name: 'towns only (Hongdong): 14 of 16 towns fail, the blank streets change nothing',
      subject: units(14, 16, null, null),
      params: townsOnly,
      status: 'fail',
      measured: 14 / 16,
      shortfall: 2 / 16,
    },
    { name: 'a blank town total is unknown', subject: units(11, null, 4, 4), status: 'insufficient_data', missing: ['towns_total'] },
  ],
});
