import { defineRule } from '../types.js';
import { HOUSEHOLD_MESSAGES, HOUSEHOLD_PARAMS, roomsPerHundredHouseholds, type HouseholdParams } from './households.js';

export default defineRule<'area', HouseholdParams>({
  meta: {
    id: 'space.per-100-households.new',
    title: {
      zh: '新建居住区按每百户配建养老服务用房',
      en: 'New residential area: elderly-service rooms per 100 households',
    },
    subject: 'area',
    unit: 'm2',
    comparison: 'gte',
    params: HOUSEHOLD_PARAMS,
    messages: {
      ...HOUSEHOLD_MESSAGES,
      notNew: { zh: '非新建居住区，不适用', en: 'Not a new residential area; the rule does not apply' },
    },
  },
  evaluate(subject, params) {
    return roomsPerHundredHouseholds(subject, 'new', params, 'notNew');
  },
});
