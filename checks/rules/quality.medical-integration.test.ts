import rule from './quality.medical-integration.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import { institutionShareTable } from '../../test/support/institution-share-table.js';
import { facility, regionSubject } from '../../test/support/facts.js';

const table = institutionShareTable('medical_integration', {
  share: 1,
  due: '2025-12-31',
  passMessage: { zh: '= 100%，要求 100%，达标', en: '= 100%, 100% required, met' },
});

ruleTester(rule, {
  ...table,
  invalid: [
    ...table.invalid,
    {
      name: 'before the due date a shortfall is a warning',
      subject: regionSubject({}, [facility({ medical_integration: true }), facility({ medical_integration: false })]),
      asOf: '2025-06-30',
      status: 'warn',
      measured: 0.5,
      shortfall: 0.5,
    },
  ],
});
