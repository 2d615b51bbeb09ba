import rule from './network.community-facility-coverage.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import { regionShareTable } from '../../test/support/region-share-table.js';

ruleTester(
  rule,
  regionShareTable('communities_with_care_facility', 'communities_total', {
    share: 1,
    due: null,
    of: 40,
    passMessage: {
      zh: '已建社区养老服务设施的社区 40 个 ÷ 社区 40 个 = 100%，要求 100%，达标',
      en: '40 of 40 communities have a community elderly-service facility = 100%, 100% required, met',
    },
    zeroMessage: { zh: '社区数为 0，不适用' },
  }),
);
