import rule from './operation.community-institution-run.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import { regionSubject } from '../../test/support/facts.js';
import { regionShareTable } from '../../test/support/region-share-table.js';

const row = (byInstitution: number | null, socialized: number | null, total: number | null) =>
  regionSubject({
    community_facilities_by_institution: byInstitution,
    community_facilities_socialized: socialized,
    community_facilities_total: total,
  });

ruleTester(
  rule,
  regionShareTable('community_facilities_by_institution', 'community_facilities_socialized', {
    share: 0.8,
    due: '2025-12-31',
    of: 200,
    passMessage: {
      zh: '养老机构承接运营的社区养老服务设施 160 个 ÷ 社会化运营的社区养老服务设施 200 个 = 80%，要求 80%，达标',
      en: '160 of 200 socially operated community facilities run by elder-care institutions = 80%, 80% required, met',
    },
    zeroMessage: { zh: '社会化运营的社区养老服务设施数为 0，不适用' },
    valid: [
      {
        name: 'socially run blank, institutions run 160 of all 200: 80 %–100 %, a settled pass',
        subject: row(160, null, 200),
        measured: null,
        range: [0.8, 1],
        blanks: ['tongxiang.community_facilities_socialized'],
        message: { zh: '80%–100%' },
      },
    ],
    invalid: [
      {
        name: 'socially run blank, institutions run 150 of all 200: 75 %–100 %, unsettled',
        subject: row(150, null, 200),
        status: 'insufficient_data',
        missing: ['community_facilities_socialized'],
        range: [0.75, 1],
      },
    ],
  }),
);
