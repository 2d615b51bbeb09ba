import rule from './equipment.smart-service-terminal.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import { facilitySubject } from '../../test/support/facts.js';

const centre = (smart_terminal: boolean | null) => facilitySubject({ facility_type: 'town_center', ownership: null, total_beds: null, smart_terminal });

ruleTester(rule, {
  params: {},
  due: null,
  valid: [
    {
      name: 'a township centre with a terminal: 1 of 1',
      subject: centre(true),
      measured: 1,
      required: 1,
      message: {
        zh: '乡镇（街道）居家养老服务中心应配备智能服务终端 1 套，实有 1 套，达标',
        en: 'A township or sub-district home-care centre: 1 smart service terminal required, 1 in place, met',
      },
    },
    {
      name: 'a village or community centre is not held to it, whatever the cell says',
      subject: facilitySubject({ facility_type: 'community_center', smart_terminal: false }),
      status: 'not_applicable',
      message: { zh: '非乡镇（街道）居家养老服务中心，不适用' },
    },
    { name: 'an institution is not held to it, even blank', subject: facilitySubject({ facility_type: 'institution' }), status: 'not_applicable' },
  ],
  invalid: [
    { name: 'a township centre without a terminal', subject: centre(false), status: 'fail', measured: 0, shortfall: 1 },
    {
      name: 'with a due date still ahead it is a warning',
      subject: centre(false),
      due: '2025-12-31',
      asOf: '2025-06-30',
      status: 'warn',
      shortfall: 1,
    },
    { name: 'a blank answer is yes or no: unsettled', subject: centre(null), status: 'insufficient_data', missing: ['smart_terminal'] },
  ],
});
