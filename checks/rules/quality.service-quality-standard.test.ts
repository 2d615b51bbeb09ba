import rule from './quality.service-quality-standard.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import { nationalStandardTable } from '../../test/support/national-standard-table.js';

ruleTester(
  rule,
  nationalStandardTable('quality_standard_met', {
    zh: '达到《养老机构服务质量基本规范》的养老机构 20 家 ÷ 养老机构 20 家 = 100%，要求 100%，达标',
    en: '20 of 20 institutions meet the service quality standard (GB/T 35796) = 100%, 100% required, met',
  }),
);
