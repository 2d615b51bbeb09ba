import rule from './network.dementia-care-institution.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import { regionSubject } from '../../test/support/facts.js';
import { regionCountTable } from '../../test/support/region-count-table.js';

ruleTester(
  rule,
  regionCountTable('dementia_care_institutions', {
    params: { minCount: 2 },
    minimum: 2,
    due: '2025-12-31',
    passMessage: {
      zh: '已建成专业认知障碍集中照护机构 2 家，要求 2 家，达标',
      en: '2 dedicated dementia-care institutions built, 2 required, met',
    },
    valid: [{ name: 'Tongxiang’s figure: at least 1', subject: regionSubject({ dementia_care_institutions: 1 }), params: { minCount: 1 }, measured: 1 }],
    invalid: [
      {
        name: 'blank where the row states no institution at all: 0, a settled fail',
        subject: regionSubject({ dementia_care_institutions: null, institutions_total: 0 }),
        status: 'fail',
        shortfall: 2,
      },
    ],
  }),
);
