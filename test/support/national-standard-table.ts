// The table of the two national-standard rules (《养老机构服务质量基本规范》 GB/T 35796 and
// 《养老机构服务安全基本规范》 GB 38600): the share of institutions answering yes, at 100 %, with
// no due date; the same cases for either standard, each on its own field and with its own words.
import type { FacilityFacts } from '../../checks/facts.js';
import { facility, regionSubject } from './facts.js';
import { institutionShareTable } from './institution-share-table.js';
import type { RuleTable } from './rule-tester.js';

type StandardField = 'quality_standard_met' | 'safety_standard_met';

export function nationalStandardTable(field: StandardField, passMessage: { zh: string; en: string }): RuleTable<'region', { share: number }> {
  const table = institutionShareTable(field, { share: 1, due: null, passMessage });
  const homes = (...answers: (boolean | null)[]): FacilityFacts[] => answers.map((answer, i) => facility({ facility_id: `J${i + 1}`, [field]: answer }));
  return {
    ...table,
    invalid: [
      ...table.invalid,
      {
        name: '3 yes and 1 blank of 4: 75 %–100 %, unsettled',
        subject: regionSubject({}, homes(true, true, true, null)),
        status: 'insufficient_data',
        range: [0.75, 1],
        blanks: [`J4.${field}`],
      },
      {
        name: '2 yes, 1 no and 1 blank: at most 75 %, a settled fail 25 points short',
        subject: regionSubject({}, homes(true, true, false, null)),
        status: 'fail',
        range: [0.5, 0.75],
        shortfall: 0.25,
      },
      {
        name: 'institutions the region row counts but the workbook does not list count as blanks',
        subject: regionSubject({ institutions_total: 5 }, homes(true, true, true, true)),
        status: 'insufficient_data',
        range: [0.8, 1],
      },
    ],
  };
}
