import rule from './staffing.social-worker-per-beds.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import { facilitySubject, staffTimes } from '../../test/support/facts.js';

const socialWorkers = (n: number) => staffTimes(n, { role: 'social_worker' });

ruleTester(rule, {
  params: { bedsPerWorker: 60 },
  due: '2025-12-31',
  asOf: '2026-01-31',
  valid: [
    { name: 'exactly at the threshold: 120 beds, 2 workers', subject: facilitySubject({ total_beds: 120 }, socialWorkers(2)), measured: 2, required: 2 },
    { name: 'more than required', subject: facilitySubject({ total_beds: 60 }, socialWorkers(3)) },
    { name: 'special-support homes are institutions too', subject: facilitySubject({ facility_type: 'special_support', total_beds: 30 }, socialWorkers(1)) },
    { name: 'a community centre is not an institution', subject: facilitySubject({ facility_type: 'community_center', total_beds: 200 }, []), status: 'not_applicable' },
    { name: 'zero beds', subject: facilitySubject({ total_beds: 0 }, []), status: 'not_applicable' },
  ],
  invalid: [
    {
      name: 'blank beds with 2 workers: the beds could need more, unsettled and unbounded',
      subject: facilitySubject({ facility_id: 'W1', total_beds: null }, socialWorkers(2)),
      status: 'insufficient_data',
      blanks: ['W1.total_beds'],
      message: { zh: '床位总数未填' },
    },
    {
      name: 'blank beds bounded below by 130 nursing beds: 3 required at least, 1 worker fails whatever the blank holds, but the beds are known to be > 0',
      subject: facilitySubject({ total_beds: null, nursing_beds: 130 }, socialWorkers(1)),
      status: 'fail',
      shortfall: 2,
    },
    {
      name: 'the catalogue example: 130 beds, 2 workers (rounded up to 3)',
      subject: facilitySubject({ total_beds: 130 }, socialWorkers(2)),
      status: 'fail',
      measured: 2,
      required: 3,
      shortfall: 1,
      message: { zh: '130 张床位 ÷ 60 = 2.17，应配社会工作者 3 人，实有 2 人，缺 1 人', en: '3 social workers required, 2 employed, 1 person short' },
    },
    { name: 'one bed needs one worker', subject: facilitySubject({ total_beds: 1 }, []), status: 'fail', required: 1, shortfall: 1 },
    { name: 'caregivers are not social workers', subject: facilitySubject({ total_beds: 60 }, staffTimes(5)), status: 'fail', measured: 0 },
    {
      name: 'before the due date it is a warning',
      subject: facilitySubject({ total_beds: 130 }, socialWorkers(2)),
      asOf: '2025-12-30',
      status: 'warn',
      shortfall: 1,
      message: { zh: '达标期限 2025-12-31' },
    },
    { name: 'on the due date itself it fails', subject: facilitySubject({ total_beds: 130 }, socialWorkers(2)), asOf: '2025-12-31', status: 'fail' },
    { name: 'blank beds are unknown, not zero', subject: facilitySubject({ total_beds: null }, []), status: 'insufficient_data', missing: ['total_beds'] },
    { name: 'no staff sheet', subject: facilitySubject({ total_beds: 100 }, null), status: 'insufficient_data', missing: ['staff'] },
  ],
});
