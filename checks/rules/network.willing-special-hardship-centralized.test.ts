import rule from './network.willing-special-hardship-centralized.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import { regionShareTable } from '../../test/support/region-share-table.js';

ruleTester(
  rule,
  regionShareTable('special_hardship_willing_centralized', 'special_hardship_willing', {
    share: 1,
    due: null,
    of: 36,
    passMessage: {
      zh: '已集中供养 36 人 ÷ 有集中供养意愿的特困老年人 36 人 = 100%，要求 100%，达标',
      en: '36 of 36 special-hardship elderly who wish for centralized care receive it = 100%, 100% required, met',
    },
    zeroMessage: { zh: '有集中供养意愿的特困老年人数为 0，不适用' },
  }),
);
