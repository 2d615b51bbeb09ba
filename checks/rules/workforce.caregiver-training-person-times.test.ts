import rule from './workforce.caregiver-training-person-times.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import { regionSubject } from '../../test/support/facts.js';
import { regionCountTable } from '../../test/support/region-count-table.js';

const blankOfTotal = (total: number) => regionSubject({ caregiver_training_person_times: null, training_person_times: total });

ruleTester(
  rule,
  regionCountTable('caregiver_training_person_times', {
    params: { minPersonTimes: 750 },
    minimum: 750,
    due: '2025-12-31',
    passMessage: {
      zh: '2021 年以来养老护理员培训 750 人次，要求 750 人次，达标',
      en: '750 person-times of caregiver training since 2021, 750 required, met',
    },
    invalid: [
      {
        name: 'blank within a total of 700: at most 700, a settled fail at least 50 short',
        subject: blankOfTotal(700),
        status: 'fail',
        measured: null,
        range: [0, 700],
        shortfall: 50,
        blanks: ['tongxiang.caregiver_training_person_times'],
      },
      { name: 'the same before the due date is a settled warning', subject: blankOfTotal(700), asOf: '2025-06-30', status: 'warn', shortfall: 50 },
      {
        name: 'blank within a total of 800: 0 … 800, unsettled',
        subject: blankOfTotal(800),
        status: 'insufficient_data',
        missing: ['caregiver_training_person_times'],
        range: [0, 800],
      },
    ],
  }),
);
