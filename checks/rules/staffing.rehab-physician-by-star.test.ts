import rule from './staffing.rehab-physician-by-star.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import { facilitySubject, staff, staffTimes } from '../../test/support/facts.js';
import type { StaffFacts } from '../facts.js';

const home = (star_rating: number | null, members: StaffFacts[] | null) =>
  facilitySubject({ facility_type: 'institution', star_rating }, members);

ruleTester(rule, {
  params: { minStars: 5 },
  due: '2025-12-31',
  asOf: '2026-01-31',
  valid: [
    {
      name: 'exactly at the threshold: a five-star home with one rehab physician',
      subject: home(5, [staff({ role: 'rehab_physician' })]),
      measured: 1,
      required: 1,
      message: { zh: '实有康复医师 1 人、康复治疗师 0 人，共 1 人，达标' },
    },
    {
      name: 'a rehab therapist counts as well',
      subject: home(5, [staff({ role: 'rehab_therapist' })]),
      measured: 1,
      message: { en: 'employed: rehabilitation physicians 0, therapists 1, 1 in all, met' },
    },
    {
      name: 'physicians and therapists are added',
      subject: home(5, [staff({ role: 'rehab_physician' }), ...staffTimes(2, { role: 'rehab_therapist' })]),
      measured: 3,
    },
    {
      name: 'a four-star home is not covered',
      subject: home(4, []),
      status: 'not_applicable',
      message: { zh: '星级 4 星，低于 5 星，不适用' },
    },
    { name: '0 stars means not rated', subject: home(0, []), status: 'not_applicable', message: { en: 'Not star-rated' } },
    {
      name: 'a town centre is not an institution',
      subject: facilitySubject({ facility_type: 'town_center', star_rating: 5 }, []),
      status: 'not_applicable',
    },
  ],
  invalid: [
    {
      name: 'a five-star home with a rehab nurse only',
      subject: home(5, [staff({ role: 'rehab_nurse' }), staff({ role: 'doctor' })]),
      status: 'fail',
      measured: 0,
      required: 1,
      shortfall: 1,
      message: {
        zh: '5 星级机构（5 星及以上）应配康复医师或康复治疗师至少 1 人，实有康复医师 0 人、康复治疗师 0 人，共 0 人，缺 1 人',
        en: '5-star institution (5 stars or more): at least 1 rehabilitation physician or therapist required',
      },
    },
    { name: 'blank star rating', subject: home(null, []), status: 'insufficient_data', missing: ['star_rating'] },
    { name: 'no staff sheet', subject: home(5, null), status: 'insufficient_data', missing: ['staff'] },
    {
      name: 'before the due date it is a warning',
      subject: home(5, []),
      asOf: '2025-12-30',
      status: 'warn',
      shortfall: 1,
      message: { en: '1 person short (due 2025-12-31, not yet due)' },
    },
    { name: 'on the due date itself it fails', subject: home(5, []), asOf: '2025-12-31', status: 'fail' },
  ],
});
