import rule from './quality.service-safety-standard.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import { nationalStandardTable } from '../../test/support/national-standard-table.js';

ruleTester(
  rule,
  nationalStandardTable('safety_standard_met', {
    zh: '达到《养老机构服务安全基本规范》的养老机构 20 家 ÷ 养老机构 20 家 = 100%，要求 100%，达标',
    en: '20 of 20 institutions meet the service safety standard (GB 38600) = 100%, 100% required, met',
  }),
);
