import rule from './quality.special-support-grade.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import { facilitySubject } from '../../test/support/facts.js';

const home = (star_rating: number | null) => facilitySubject({ facility_type: 'special_support', star_rating }, null);

ruleTester(rule, {
  params: { minStars: 2 },
  due: '2022-12-31',
  asOf: '2024-06-30',
  valid: [
    {
      name: 'exactly at the threshold: two stars',
      subject: home(2),
      measured: 2,
      required: 2,
      message: { zh: '特困供养机构星级 2 星，应达到 2 星，达标', en: 'star rating 2; 2 required, met' },
    },
    { name: 'above the threshold', subject: home(5), measured: 5 },
    {
      name: 'an ordinary institution is not covered',
      subject: facilitySubject({ facility_type: 'institution', star_rating: 0 }),
      status: 'not_applicable',
      message: { zh: '非特困供养机构（敬老院），不适用' },
    },
  ],
  invalid: [
    {
      name: 'a blank rating is 0–5 stars: unsettled, naming the cell',
      subject: { ...home(null), facility: { ...home(null).facility, facility_id: 'G1' } },
      status: 'insufficient_data',
      range: [0, 5],
      blanks: ['G1.star_rating'],
    },
    {
      name: 'just below the threshold: one star',
      subject: home(1),
      status: 'fail',
      measured: 1,
      required: 2,
      shortfall: 1,
      message: { zh: '特困供养机构星级 1 星，应达到 2 星，缺 1 星', en: '1 star short' },
    },
    {
      name: '0 stars (not rated) is a known value below any grade',
      subject: home(0),
      status: 'fail',
      measured: 0,
      shortfall: 2,
      message: { zh: '未评定星级（按 0 星计），应达到 2 星，缺 2 星', en: 'not star-rated (counted as 0); star rating 2 required, 2 stars short' },
    },
    { name: 'a blank star rating is unknown', subject: home(null), status: 'insufficient_data', missing: ['star_rating'] },
    {
      name: 'before the due date it is a warning',
      subject: home(1),
      asOf: '2022-12-30',
      status: 'warn',
      shortfall: 1,
      message: { zh: '达标期限 2022-12-31，尚未到期' },
    },
    { name: 'on the due date itself it fails', subject: home(1), asOf: '2022-12-31', status: 'fail' },
  ],
});
