// The table shared by the region rules that measure the share of institutions answering
// "yes" to one facility field (bright kitchen, infection monitoring, medical integration):
// same arithmetic, different field, figure and words.
import type { FacilityFacts } from '../../checks/facts.js';
import type { RegionSubject } from '../../checks/types.js';
import { facility, regionSubject } from './facts.js';
import type { RuleTable } from './rule-tester.js';

type YesNoField = 'bright_kitchen' | 'infection_monitoring' | 'medical_integration' | 'quality_standard_met' | 'safety_standard_met';

export function institutionShareTable(
  field: YesNoField,
  options: { share: number; due: string | null; passMessage: { zh: string; en: string } },
): RuleTable<'region', { share: number }> {
  const home = (value: boolean | null, overrides: Partial<FacilityFacts> = {}) =>
    facility({ facility_type: 'institution', [field]: value, ...overrides });
  const region = (facilities: FacilityFacts[] | null): RegionSubject => regionSubject({}, facilities);
  // 20 institutions, `yes` of them answering yes: shares in steps of 5 points.
  const twenty = (yes: number) => Array.from({ length: 20 }, (_, i) => home(i < yes));
  const atThreshold = Math.round(options.share * 20);
  return {
    params: { share: options.share },
    due: options.due,
    asOf: '2026-06-30',
    valid: [
      {
        name: `exactly at the threshold: ${atThreshold} of 20`,
        subject: region(twenty(atThreshold)),
        measured: atThreshold / 20,
        required: options.share,
        message: options.passMessage,
      },
      {
        name: 'special-support homes count as institutions; day centres do not',
        subject: region([
          home(true, { facility_type: 'special_support' }),
          home(true),
          home(false, { facility_type: 'town_center' }),
          home(null, { facility_type: 'community_center' }),
        ]),
        measured: 1,
        basis: { included: 2, excluded: 0 },
      },
      {
        name: 'a region without institutions',
        subject: region([home(false, { facility_type: 'town_center' })]),
        status: 'not_applicable',
        message: { zh: '本地区无养老机构，不适用', en: 'The region has no institutions; the rule does not apply' },
      },
    ],
    invalid: [
      {
        name: 'one below the threshold',
        subject: region(twenty(atThreshold - 1)),
        status: 'fail',
        measured: (atThreshold - 1) / 20,
        shortfall: options.share - (atThreshold - 1) / 20,
        message: { zh: '差 5 个百分点', en: '5 percentage points short' },
      },
      {
        name: 'a blank answer is left out, not counted as no',
        subject: region([home(true), home(null), home(false)]),
        status: 'fail',
        measured: 0.5,
        basis: { included: 2, excluded: 1 },
        range: [1 / 3, 2 / 3],
        message: { zh: '另有 1 家未填，可能范围 33.33%–66.67%，不影响结论', en: '1 facility with blanks: the measure can be 33.33%–66.67%, which does not change the verdict' },
      },
      {
        name: 'unsettled: all but one yes and one blank',
        subject: region([...twenty(19).slice(0, 19), home(null, { facility_id: 'Q20' })]),
        params: { share: 1 },
        status: 'insufficient_data',
        measured: 1,
        range: [0.95, 1],
        blanks: ['Q20.' + field],
      },
      {
        name: 'a partial list: institutions the region row counts but the workbook does not list are blanks',
        subject: regionSubject({ institutions_total: 21 }, twenty(20)),
        params: { share: 1 },
        status: 'insufficient_data',
        measured: 1,
        range: [20 / 21, 1],
        message: { zh: '本表列 20 家，地区表填报养老机构 21 家' },
      },
      {
        name: 'every answer blank',
        subject: region([home(null), home(null)]),
        status: 'insufficient_data',
        missing: [field],
      },
      { name: 'without a facilities sheet', subject: region(null), status: 'insufficient_data', missing: ['facilities'] },
    ],
  };
}
