import rule from './operation.community-socialized.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import { regionSubject } from '../../test/support/facts.js';
import { regionShareTable } from '../../test/support/region-share-table.js';

const row = (socialized: number | null, total: number | null, byInstitution: number | null) =>
  regionSubject({
    community_facilities_socialized: socialized,
    community_facilities_total: total,
    community_facilities_by_institution: byInstitution,
  });

ruleTester(
  rule,
  regionShareTable('community_facilities_socialized', 'community_facilities_total', {
    share: 1,
    due: '2025-12-31',
    of: 210,
    passMessage: {
      zh: '社会化运营的社区养老服务设施 210 个 ÷ 社区养老服务设施 210 个 = 100%，要求 100%，达标',
      en: '210 of 210 community elderly-service facilities under social operation = 100%, 100% required, met',
    },
    zeroMessage: { zh: '社区养老服务设施数为 0，不适用' },
    valid: [
      {
        name: 'socially run blank, but institutions run every facility: a settled pass',
        subject: row(null, 200, 200),
        // The blank can only be 200: the finding is exact, with no range.
        measured: null,
        range: null,
        message: { zh: '社会化运营的社区养老服务设施 — 个 ÷ 社区养老服务设施 200 个 = 100%，要求 100%，达标' },
      },
    ],
    invalid: [
      {
        name: 'socially run blank, institutions run 160 of 200: 80 %–100 %, unsettled',
        subject: row(null, 200, 160),
        status: 'insufficient_data',
        missing: ['community_facilities_socialized'],
        range: [0.8, 1],
        message: { zh: '80%–100%' },
      },
    ],
  }),
);
