import { defineRule } from '../types.js';
import { regionValue } from './fact-bounds.js';
import { paramsSchema } from './shared.js';

interface Params {
  minPersonTimes: number;
}

export default defineRule<'region', Params>({
  meta: {
    id: 'workforce.training-person-times',
    title: { zh: '养老服务领域专业培训人次', en: 'Professional training in the elder-care sector, person-times (人次)' },
    subject: 'region',
    unit: 'person_times',
    comparison: 'gte',
    params: paramsSchema({ minPersonTimes: { type: 'integer', minimum: 1 } }),
    messages: {
      arithmetic: {
        zh: '2021 年以来养老服务领域专业培训 {measured} 人次，要求 {required} 人次',
        en: '{measured} person-times of professional elder-care training since 2021, {required} required',
      },
    },
  },
  evaluate({ region }, { minPersonTimes }) {
    // Caregiver training is part of the total: a blank total is at least the caregivers' figure.
    return {
      outcome: 'measured',
      measured: regionValue(region, 'training_person_times'),
      required: minPersonTimes,
      messageId: 'arithmetic',
    };
  },
});
