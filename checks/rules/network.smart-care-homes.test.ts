import rule from './network.smart-care-homes.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import { regionSubject } from '../../test/support/facts.js';
import { regionCountTable } from '../../test/support/region-count-table.js';

ruleTester(
  rule,
  regionCountTable('smart_care_homes', {
    params: { minCount: 5 },
    minimum: 5,
    due: '2025-12-31',
    passMessage: { zh: '已建成智慧养老院 5 家，要求 5 家，达标', en: '5 smart elderly-care homes built, 5 required, met' },
    invalid: [
      {
        name: 'blank, but the row states only 3 institutions: at most 3, a settled fail',
        subject: regionSubject({ smart_care_homes: null, institutions_total: 3 }),
        status: 'fail',
        range: [0, 3],
        shortfall: 2,
      },
      {
        name: 'blank with 120 institutions stated: 0 … 120, unsettled',
        subject: regionSubject({ smart_care_homes: null, institutions_total: 120 }),
        status: 'insufficient_data',
        missing: ['smart_care_homes'],
        range: [0, 120],
      },
    ],
  }),
);
