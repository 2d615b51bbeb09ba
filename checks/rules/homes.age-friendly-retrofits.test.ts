import rule from './homes.age-friendly-retrofits.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import { regionCountTable } from '../../test/support/region-count-table.js';

ruleTester(
  rule,
  regionCountTable('age_friendly_retrofits', {
    params: { minHouseholds: 29 },
    minimum: 29,
    due: '2025-12-31',
    passMessage: {
      zh: '2021 年以来完成特殊困难老年人家庭适老化改造 29 户，要求 29 户，达标',
      en: '29 households of elderly people in special difficulty adapted since 2021, 29 required, met',
    },
  }),
);
