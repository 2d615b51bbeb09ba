import rule from './quality.bright-kitchen.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import { institutionShareTable } from '../../test/support/institution-share-table.js';

ruleTester(
  rule,
  institutionShareTable('bright_kitchen', {
    share: 0.95,
    due: null,
    passMessage: {
      zh: '实行“互联网+明厨亮灶”的养老机构 19 家 ÷ 养老机构 20 家 = 95%，要求 95%，达标',
      en: '19 of 20 institutions have "internet + bright kitchen" = 95%, 95% required, met',
    },
  }),
);
