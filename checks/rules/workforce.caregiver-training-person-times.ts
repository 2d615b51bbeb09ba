import { defineRule } from '../types.js';
import { regionValue } from './fact-bounds.js';
import { paramsSchema } from './shared.js';

interface Params {
  minPersonTimes: number;
}

export default defineRule<'region', Params>({
  meta: {
    id: 'workforce.caregiver-training-person-times',
    title: { zh: '养老护理员培训人次', en: 'Caregiver training, person-times (人次)' },
    subject: 'region',
    unit: 'person_times',
    comparison: 'gte',
    params: paramsSchema({ minPersonTimes: { type: 'integer', minimum: 1 } }),
    messages: {
      arithmetic: {
        zh: '2021 年以来养老护理员培训 {measured} 人次，要求 {required} 人次',
        en: '{measured} person-times of caregiver training since 2021, {required} required',
      },
    },
  },
  evaluate({ region }, { minPersonTimes }) {
    // Part of the total: a blank figure is at most the training of the whole sector.
    return {
      outcome: 'measured',
      measured: regionValue(region, 'caregiver_training_person_times'),
      required: minPersonTimes,
      messageId: 'arithmetic',
    };
  },
});
