import rule from './network.care-alliances.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import { regionCountTable } from '../../test/support/region-count-table.js';

ruleTester(
  rule,
  regionCountTable('care_alliances', {
    params: { minCount: 10 },
    minimum: 10,
    due: '2025-12-31',
    passMessage: { zh: '已建成康养联合体 10 家，要求 10 家，达标', en: '10 health-and-care alliances built, 10 required, met' },
  }),
);
