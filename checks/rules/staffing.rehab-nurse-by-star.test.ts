import rule from './staffing.rehab-nurse-by-star.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import { facilitySubject, staffTimes } from '../../test/support/facts.js';
import type { StaffFacts } from '../facts.js';

const rehabNurses = (n: number) => staffTimes(n, { role: 'rehab_nurse' });
const home = (star_rating: number | null, members: StaffFacts[] | null) =>
  facilitySubject({ facility_type: 'institution', star_rating }, members);

ruleTester(rule, {
  params: { minStars: 4 },
  due: '2025-12-31',
  asOf: '2026-01-31',
  valid: [
    {
      name: 'a blank star rating with a rehab nurse: a pass stands whether or not the rule applies',
      subject: home(null, rehabNurses(1)),
      measured: 1,
    },
    {
      name: 'exactly at the threshold: a four-star home with one rehab nurse',
      subject: home(4, rehabNurses(1)),
      measured: 1,
      required: 1,
      message: { zh: '4 星级机构（4 星及以上）应配康复护士至少 1 人，实有 1 人，达标' },
    },
    { name: 'five-star homes are held to it too (cumulative levels)', subject: home(5, rehabNurses(2)), measured: 2 },
    {
      name: 'special-support homes are institutions too',
      subject: facilitySubject({ facility_type: 'special_support', star_rating: 4 }, rehabNurses(1)),
    },
    {
      name: 'a three-star home is not covered',
      subject: home(3, []),
      status: 'not_applicable',
      message: { zh: '星级 3 星，低于 4 星，不适用', en: '3 stars, below 4; the rule does not apply' },
    },
    {
      name: '0 stars means not rated (known), so not covered',
      subject: home(0, null),
      status: 'not_applicable',
      message: { zh: '未评定星级，不适用' },
    },
    { name: 'below the threshold the absent staff sheet does not matter', subject: home(2, null), status: 'not_applicable' },
    {
      name: 'a community centre is not an institution',
      subject: facilitySubject({ facility_type: 'community_center', star_rating: 5 }, []),
      status: 'not_applicable',
      message: { en: 'Not an institution' },
    },
  ],
  invalid: [
    {
      name: 'a four-star home with nurses but no rehab nurse',
      subject: home(4, staffTimes(3, { role: 'nurse' })),
      status: 'fail',
      measured: 0,
      required: 1,
      shortfall: 1,
      message: {
        zh: '4 星级机构（4 星及以上）应配康复护士至少 1 人，实有 0 人，缺 1 人',
        en: '4-star institution (4 stars or more): at least 1 rehabilitation nurse required, 0 employed, 1 person short',
      },
    },
    { name: 'an empty roster is zero staff', subject: home(5, []), status: 'fail', measured: 0 },
    {
      name: 'blank star rating and no rehab nurse: would fail if covered, so it hinges on the rating',
      subject: home(null, []),
      status: 'insufficient_data',
      missing: ['star_rating'],
      message: { zh: '本规则是否适用取决于空缺数据，未达标的结论暂不成立' },
    },
    {
      name: 'blank star rating and no staff sheet',
      subject: home(null, null),
      status: 'insufficient_data',
      missing: ['star_rating', 'staff'],
    },
    { name: 'no staff sheet', subject: home(4, null), status: 'insufficient_data', missing: ['staff'] },
    {
      name: 'before the due date it is a warning',
      subject: home(4, []),
      asOf: '2025-12-30',
      status: 'warn',
      shortfall: 1,
      message: { zh: '达标期限 2025-12-31' },
    },
    { name: 'on the due date itself it fails', subject: home(4, []), asOf: '2025-12-31', status: 'fail' },
  ],
});
