import rule from './planning.village-care-room.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import { regionSubject } from '../../test/support/facts.js';

const villages = (villages_with_care_room: number | null, villages_total: number | null) =>
  regionSubject({ villages_with_care_room, villages_total });

ruleTester(rule, {
  params: { share: 1 },
  due: '2025-12-31',
  asOf: '2026-01-31',
  valid: [
    {
      name: 'exactly at the threshold: every village (120 of 120)',
      subject: villages(120, 120),
      measured: 1,
      required: 1,
      message: {
        zh: '已配置居家养老服务用房的行政村 120 个 ÷ 行政村 120 个 = 100%，要求 100%，达标',
        en: '120 of 120 administrative villages have a home-care room = 100%, 100% required, met',
      },
    },
    { name: 'a lower figure met exactly: 108 of 120 at 90%', subject: villages(108, 120), params: { share: 0.9 }, measured: 0.9 },
    {
      name: 'no administrative villages: a share over nothing',
      subject: villages(0, 0),
      status: 'not_applicable',
      message: { zh: '行政村数为 0，不适用', en: 'no administrative villages' },
    },
  ],
  invalid: [
    {
      name: 'a blank total at least its known part: 100 with a room, total blank could be 100',
      subject: villages(100, null),
      status: 'insufficient_data',
      range: [0, 1],
    },
    {
      name: 'just below: 114 of 120 is 95%, 5 points short',
      subject: villages(114, 120),
      status: 'fail',
      measured: 0.95,
      required: 1,
      shortfall: 0.05,
      message: {
        zh: '已配置居家养老服务用房的行政村 114 个 ÷ 行政村 120 个 = 95%，要求 100%，差 5 个百分点',
        en: '95%, 100% required, 5 percentage points short',
      },
    },
    { name: 'one village short', subject: villages(119, 120), status: 'fail', shortfall: 1 / 120 },
    {
      name: 'before the due date it is a warning',
      subject: villages(114, 120),
      asOf: '2025-12-30',
      status: 'warn',
      shortfall: 0.05,
      message: { zh: '达标期限 2025-12-31' },
    },
    { name: 'on the due date itself it fails', subject: villages(114, 120), asOf: '2025-12-31', status: 'fail', shortfall: 0.05 },
    { name: 'zero villages with a room is a measured zero', subject: villages(0, 120), status: 'fail', measured: 0, shortfall: 1 },
    {
      name: 'blank villages with a room is unknown, not zero',
      subject: villages(null, 120),
      status: 'insufficient_data',
      missing: ['villages_with_care_room'],
    },
    { name: 'blank village total', subject: villages(100, null), status: 'insufficient_data', missing: ['villages_total'] },
  ],
});
