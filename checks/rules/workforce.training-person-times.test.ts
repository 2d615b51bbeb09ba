import rule from './workforce.training-person-times.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import { regionSubject } from '../../test/support/facts.js';
import { regionCountTable } from '../../test/support/region-count-table.js';

const blankWithCaregivers = (caregivers: number) =>
  regionSubject({ training_person_times: null, caregiver_training_person_times: caregivers });

ruleTester(
  rule,
  regionCountTable('training_person_times', {
    params: { minPersonTimes: 1125 },
    minimum: 1125,
    due: '2025-12-31',
    passMessage: {
      zh: '2021 年以来养老服务领域专业培训 1,125 人次，要求 1,125 人次，达标',
      en: '1,125 person-times of professional elder-care training since 2021, 1,125 required, met',
    },
    valid: [
      {
        name: 'blank, but 1,200 caregiver trainings are part of it: at least 1,200, a settled pass',
        subject: blankWithCaregivers(1200),
        measured: null,
        range: [1200, null],
        blanks: ['tongxiang.training_person_times'],
        message: { zh: '1,200 及以上（无上限）' },
      },
      { name: 'blank with exactly 1,125 caregiver trainings: a settled pass at the figure', subject: blankWithCaregivers(1125) },
    ],
    invalid: [
      {
        name: 'blank with 700 caregiver trainings: 700 or more, unsettled',
        subject: blankWithCaregivers(700),
        status: 'insufficient_data',
        missing: ['training_person_times'],
        range: [700, null],
      },
    ],
  }),
);
