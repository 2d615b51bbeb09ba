import rule from './network.special-hardship-centralized.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import { regionSubject } from '../../test/support/facts.js';

const hardship = (special_hardship_disabled_centralized: number | null, special_hardship_disabled: number | null) =>
  regionSubject({ special_hardship_disabled_centralized, special_hardship_disabled });

ruleTester(rule, {
  params: { share: 0.6 },
  due: '2025-12-31',
  asOf: '2026-01-31',
  valid: [
    {
      name: 'exactly at the threshold: 60 of 100',
      subject: hardship(60, 100),
      measured: 0.6,
      required: 0.6,
      message: {
        zh: '集中供养的失能特困老年人 60 人 ÷ 失能特困老年人 100 人 = 60%，要求 60%，达标',
        en: '60 of 100 disabled special-hardship elderly are in centralized care = 60%, 60% required, met',
      },
    },
    { name: 'everyone in centralized care', subject: hardship(35, 35), measured: 1 },
    {
      name: 'no disabled special-hardship elderly',
      subject: hardship(0, 0),
      status: 'not_applicable',
      message: { zh: '失能特困老年人数为 0，不适用', en: 'does not apply' },
    },
  ],
  invalid: [
    {
      name: 'just below: 55 of 100, 5 points short',
      subject: hardship(55, 100),
      status: 'fail',
      measured: 0.55,
      shortfall: 0.05,
      message: { zh: '= 55%，要求 60%，差 5 个百分点', en: '5 percentage points short' },
    },
    { name: 'one person short of 60%', subject: hardship(59, 100), status: 'fail', shortfall: 0.01 },
    { name: 'before the due date it is a warning', subject: hardship(55, 100), asOf: '2025-01-01', status: 'warn', shortfall: 0.05 },
    { name: 'on the due date itself it fails', subject: hardship(55, 100), asOf: '2025-12-31', status: 'fail' },
    { name: 'nobody in centralized care is a measured zero', subject: hardship(0, 40), status: 'fail', measured: 0, shortfall: 0.6 },
    {
      name: 'blank centralized count is unknown, not zero',
      subject: hardship(null, 40),
      status: 'insufficient_data',
      missing: ['special_hardship_disabled_centralized'],
      message: { zh: '其中集中供养人数', en: 'Of whom in centralized care' },
    },
    {
      name: 'both blank',
      subject: hardship(null, null),
      status: 'insufficient_data',
      missing: ['special_hardship_disabled_centralized', 'special_hardship_disabled'],
    },
  ],
});
