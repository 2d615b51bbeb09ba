import rule from './quality.infection-monitoring.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import { institutionShareTable } from '../../test/support/institution-share-table.js';

ruleTester(
  rule,
  institutionShareTable('infection_monitoring', {
    share: 1,
    due: null,
    passMessage: { zh: '= 100%，要求 100%，达标', en: '= 100%, 100% required, met' },
  }),
);
