import { defineRule } from '../types.js';
import { HOUSEHOLD_MESSAGES, HOUSEHOLD_PARAMS, roomsPerHundredHouseholds, type HouseholdParams } from './households.js';

export default defineRule<'area', HouseholdParams>({
  meta: {
    id: 'space.per-100-households.existing',
    title: {
      zh: '已建居住区按每百户配置养老服务用房',
      en: 'Existing residential area: elderly-service rooms per 100 households',
    },
    subject: 'area',
    unit: 'm2',
    comparison: 'gte',
    params: HOUSEHOLD_PARAMS,
    messages: {
      ...HOUSEHOLD_MESSAGES,
      notExisting: { zh: '非已建居住区，不适用', en: 'Not an existing residential area; the rule does not apply' },
    },
  },
  evaluate(subject, params) {
    return roomsPerHundredHouseholds(subject, 'existing', params, 'notExisting');
  },
});
