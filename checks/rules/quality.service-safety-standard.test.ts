import rule from './quality.service-safety-standard.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import { institutionShareTable } from '../../test/support/institution-share-table.js';
import { facility, regionSubject } from '../../test/support/facts.js';

const table = institutionShareTable('safety_standard_met', {
  share: 1,
  due: null,
  passMessage: { zh: '达到《养老机构服务安全基本规范》的养老机构 20 家 ÷ 养老机构 20 家 = 100%，要求 100%，达标', en: '20 of 20 institutions meet the service safety standard (GB 38600) = 100%, 100% required, met' },
});
const homes = (...answers: (boolean | null)[]) => answers.map((answer, i) => facility({ facility_id: `J${i + 1}`, safety_standard_met: answer }));

ruleTester(rule, {
  ...table,
  invalid: [
    ...table.invalid,
    {
      name: '3 yes and 1 blank of 4: 75 %–100 %, unsettled',
      subject: regionSubject({}, homes(true, true, true, null)),
      status: 'insufficient_data',
      range: [0.75, 1],
      blanks: ['J4.safety_standard_met'],
    },
    {
      name: '2 yes, 1 no and 1 blank: at most 75 %, a settled fail 25 points short',
      subject: regionSubject({}, homes(true, true, false, null)),
      status: 'fail',
      range: [0.5, 0.75],
      shortfall: 0.25,
    },
    {
      name: 'institutions the region row counts but the workbook does not list count as blanks',
      subject: regionSubject({ institutions_total: 5 }, homes(true, true, true, true)),
      status: 'insufficient_data',
      range: [0.8, 1],
    },
  ],
});
