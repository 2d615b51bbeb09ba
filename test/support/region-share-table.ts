// The table shared by region rules that measure one region figure as a share of its whole
// (willing elderly in centralized care, retrofitted households, communities with a facility,
// socially run facilities …): the figure met exactly, one short, before the due date, a whole
// of 0, and each blank. A rule adds its own cases (its words, bounds from other columns).
import type { RegionFacts } from '../../checks/facts.js';
import type { RegionSubject } from '../../checks/types.js';
import type { RegionNumberField } from '../../checks/rules/fact-bounds.js';
import { regionSubject } from './facts.js';
import type { InvalidCase, RuleTable, ValidCase } from './rule-tester.js';

export function regionShareTable(
  part: RegionNumberField,
  whole: RegionNumberField,
  options: {
    share: number;
    due: string | null;
    /** The whole the cases use; `share × whole` must be a whole number. */
    of: number;
    passMessage: { zh: string; en: string };
    zeroMessage: { zh: string };
    /** Other figures of the row (a third column that bounds the pair). */
    row?: Partial<RegionFacts>;
    valid?: ValidCase<'region', { share: number }>[];
    invalid?: InvalidCase<'region', { share: number }>[];
  },
): RuleTable<'region', { share: number }> {
  const pair = (p: number | null, w: number | null): RegionSubject => regionSubject({ ...options.row, [part]: p, [whole]: w });
  const at = Math.round(options.share * options.of);
  const due = options.due ?? '2025-12-31';
  return {
    params: { share: options.share },
    due: options.due,
    asOf: '2026-06-30',
    valid: [
      { name: `exactly at the figure: ${at} of ${options.of}`, subject: pair(at, options.of), measured: at / options.of, required: options.share, message: options.passMessage },
      { name: `a whole of 0: a share over nothing`, subject: pair(0, 0), status: 'not_applicable', message: options.zeroMessage },
      { name: `a blank part of a whole of 0 is 0 of 0 too`, subject: pair(null, 0), status: 'not_applicable' },
      ...(options.valid ?? []),
    ],
    invalid: [
      { name: 'one short of the figure', subject: pair(at - 1, options.of), status: 'fail', measured: (at - 1) / options.of, shortfall: options.share - (at - 1) / options.of },
      { name: 'before the due date it is a warning', subject: pair(at - 1, options.of), due, asOf: '2025-06-30', status: 'warn' },
      { name: 'on the due date itself it fails', subject: pair(at - 1, options.of), due, asOf: due, status: 'fail' },
      { name: 'the part blank: 0 … the whole, unsettled', subject: pair(null, options.of), status: 'insufficient_data', missing: [part], range: [0, 1] },
      { name: 'the whole blank: at least the part, unbounded, unsettled', subject: pair(at, null), status: 'insufficient_data', missing: [whole], range: [0, 1] },
      ...(options.invalid ?? []),
    ],
  };
}
