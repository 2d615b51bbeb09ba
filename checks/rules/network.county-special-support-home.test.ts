import rule from './network.county-special-support-home.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import { facility, regionSubject } from '../../test/support/facts.js';
import type { FacilityFacts } from '../facts.js';

const home = (overrides: Partial<FacilityFacts>) =>
  facility({ facility_type: 'special_support', level: 'county', star_rating: 2, ...overrides });
const region = (facilities: FacilityFacts[] | null) => regionSubject({}, facilities);

ruleTester(rule, {
  params: { minCount: 1, minStars: 2 },
  due: null,
  asOf: '2026-06-30',
  valid: [
    {
      name: 'settled with a blank: one qualifying home already meets the count',
      subject: region([home({}), home({ facility_id: 'H2', level: null, star_rating: null })]),
      measured: 1,
      range: [1, 2],
      blanks: ['H2.level', 'H2.star_rating'],
    },
    {
      name: 'exactly at the threshold: one county home of exactly two stars',
      subject: region([home({}), home({ level: 'town', star_rating: 4 })]),
      measured: 1,
      required: 1,
      message: {
        zh: '县级且 2 星及以上的特困供养机构 1 个（共列特困供养机构 2 个），要求 1 个，达标',
        en: '1 county-level special-support home of 2 stars or more (special-support homes listed: 2), 1 required, met',
      },
    },
    { name: 'more stars count too', subject: region([home({ star_rating: 5 })]), measured: 1 },
    {
      name: 'a home already ruled out by a known field does not need the blank one',
      subject: region([home({}), home({ level: 'town', star_rating: null })]),
      measured: 1,
      basis: { included: 2, excluded: 0 },
    },
    {
      name: 'a home of unknown stars is left out, and a qualifying one still passes',
      subject: region([home({}), home({ star_rating: null })]),
      measured: 1,
      basis: { included: 1, excluded: 1 },
    },
  ],
  invalid: [
    {
      name: 'unsettled: no known qualifying home, and a blank level could make one count',
      subject: region([home({ facility_id: 'H1', level: null }), home({ level: 'town' })]),
      status: 'insufficient_data',
      measured: 0,
      range: [0, 1],
      blanks: ['H1.level'],
    },
    {
      name: 'a partial list with no qualifying home listed: an unlisted institution could be one',
      subject: regionSubject({ institutions_total: 3 }, [home({ level: 'town' })]),
      status: 'insufficient_data',
      range: [0, 2],
      message: { zh: '本表列 1 家，地区表填报养老机构 3 家' },
    },
    {
      name: 'one star short: a county home of one star',
      subject: region([home({ star_rating: 1 })]),
      status: 'fail',
      measured: 0,
      shortfall: 1,
    },
    {
      name: 'a two-star institution is not a special-support home',
      subject: region([facility({ facility_type: 'institution', level: 'county', star_rating: 3 })]),
      status: 'fail',
      measured: 0,
      message: { zh: '（共列特困供养机构 0 个）' },
    },
    { name: 'a town-level home does not count', subject: region([home({ level: 'town' })]), status: 'fail', measured: 0 },
    {
      name: 'every home of unknown level and stars',
      subject: region([home({ level: null, star_rating: null })]),
      status: 'insufficient_data',
      missing: ['level', 'star_rating'],
    },
    { name: 'without a facilities sheet', subject: region(null), status: 'insufficient_data', missing: ['facilities'] },
    {
      name: 'two required, one present',
      subject: region([home({})]),
      params: { minCount: 2 },
      status: 'fail',
      measured: 1,
      required: 2,
      shortfall: 1,
    },
  ],
});
