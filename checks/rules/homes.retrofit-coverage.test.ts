import rule from './homes.retrofit-coverage.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import { regionShareTable } from '../../test/support/region-share-table.js';

ruleTester(
  rule,
  regionShareTable('retrofit_willing_completed', 'retrofit_willing_households', {
    share: 1,
    due: null,
    of: 120,
    passMessage: {
      zh: '已完成改造 120 户 ÷ 符合条件且有改造意愿的老年人家庭 120 户 = 100%，要求 100%，达标',
      en: '120 of 120 eligible households that want a retrofit have had it = 100%, 100% required, met',
    },
    zeroMessage: { zh: '符合条件且有改造意愿的老年人家庭数为 0，不适用' },
  }),
);
