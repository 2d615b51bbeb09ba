import rule from './equipment.rehab-room.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import { facilitySubject } from '../../test/support/facts.js';

const home = (total_beds: number | null, has_rehab_room: boolean | null) =>
  facilitySubject({ facility_type: 'institution', total_beds, has_rehab_room }, null);

ruleTester(rule, {
  params: { minBeds: 100 },
  due: '2025-12-31',
  asOf: '2026-01-31',
  valid: [
    {
      name: 'blank beds with a room: a pass stands whether or not the rule applies',
      subject: home(null, true),
      message: { zh: '床位总数未填（按达到 100 张计）', en: 'beds blank (taken as 100 or more)' },
    },
    {
      name: 'exactly at the threshold: 100 beds, a rehab room',
      subject: home(100, true),
      measured: 1,
      required: 1,
      message: { zh: '床位总数 100 张，达到 100 张，应设康复室 1 个，实有 1 个，达标' },
    },
    {
      name: 'special-support homes are institutions too',
      subject: facilitySubject({ facility_type: 'special_support', total_beds: 150, has_rehab_room: true }),
    },
    {
      name: 'just below the bed threshold the rule does not apply',
      subject: home(99, false),
      status: 'not_applicable',
      message: { zh: '床位总数 99 张，不足 100 张，不适用', en: '99 beds, fewer than 100; the rule does not apply' },
    },
    { name: 'below the threshold a blank room does not matter', subject: home(40, null), status: 'not_applicable' },
    { name: 'zero beds (known) is below the threshold', subject: home(0, null), status: 'not_applicable' },
    {
      name: 'a town centre is not an institution',
      subject: facilitySubject({ facility_type: 'town_center', total_beds: 200, has_rehab_room: false }),
      status: 'not_applicable',
      message: { zh: '非养老机构，不适用' },
    },
  ],
  invalid: [
    {
      name: '100 beds without a rehab room',
      subject: home(100, false),
      status: 'fail',
      measured: 0,
      required: 1,
      shortfall: 1,
      message: {
        zh: '床位总数 100 张，达到 100 张，应设康复室 1 个，实有 0 个，缺 1 个',
        en: '100 beds, at least 100: 1 rehabilitation room required, 0 provided, 1 short',
      },
    },
    { name: 'blank has_rehab_room is unknown, not "no"', subject: home(150, null), status: 'insufficient_data', missing: ['has_rehab_room'] },
    {
      name: 'blank beds and no room: would fail if the rule applies, so it hinges on the beds',
      subject: home(null, false),
      status: 'insufficient_data',
      missing: ['total_beds'],
      message: { zh: '本规则是否适用取决于空缺数据', en: 'whether the rule applies depends on blank data' },
    },
    {
      name: 'blank beds and blank room',
      subject: home(null, null),
      status: 'insufficient_data',
      missing: ['has_rehab_room', 'total_beds'],
    },
    {
      name: 'before the due date it is a warning',
      subject: home(120, false),
      asOf: '2025-12-30',
      status: 'warn',
      shortfall: 1,
      message: { zh: '达标期限 2025-12-31', en: 'not yet due' },
    },
    { name: 'on the due date itself it fails', subject: home(120, false), asOf: '2025-12-31', status: 'fail' },
  ],
});
