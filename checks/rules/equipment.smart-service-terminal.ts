import { defineRule, type Evaluation } from '../types.js';
import { facilityFlag } from './fact-bounds.js';
import { paramsSchema } from './shared.js';

type Params = Record<string, never>;

export default defineRule<'facility', Params>({
  meta: {
    id: 'equipment.smart-service-terminal',
    title: {
      zh: '乡镇（街道）居家养老服务中心配备智能服务终端',
      en: 'Township and sub-district home-care centres have a smart service terminal',
    },
    subject: 'facility',
    unit: 'count',
    comparison: 'gte',
    params: paramsSchema({}),
    messages: {
      arithmetic: {
        zh: '乡镇（街道）居家养老服务中心应配备智能服务终端 {required} 套，实有 {measured} 套',
        en: 'A township or sub-district home-care centre: {required} smart service terminal required, {measured} in place',
      },
      notTownCenter: {
        zh: '非乡镇（街道）居家养老服务中心，不适用',
        en: 'Not a township or sub-district home-care centre; the rule does not apply',
      },
    },
  },
  evaluate({ facility }): Evaluation {
    if (facility.facility_type !== 'town_center') return { outcome: 'not_applicable', messageId: 'notTownCenter' };
    return {
      outcome: 'measured',
      // A rule of presence measures the count present against 1; a blank is 0 … 1.
      measured: facilityFlag(facility, 'smart_terminal'),
      required: 1,
      messageId: 'arithmetic',
    };
  },
});
