// The table shared by region rules that hold one region figure to a minimum (康养联合体 10,
// 智慧养老院 5, 培训 1,125 人次, 适老化改造 29 户 …): the figure met exactly, one short, before
// and on the due date, zero, and a blank. A rule adds the cases where another column bounds
// its blank.
import type { RegionFacts } from '../../checks/facts.js';
import type { RegionNumberField } from '../../checks/rules/fact-bounds.js';
import { regionSubject } from './facts.js';
import type { InvalidCase, RuleTable, ValidCase } from './rule-tester.js';

export function regionCountTable<P extends Record<string, number>>(
  key: RegionNumberField,
  options: {
    params: P;
    minimum: number;
    due: string | null;
    passMessage: { zh: string; en: string };
    valid?: ValidCase<'region', P>[];
    invalid?: InvalidCase<'region', P>[];
  },
): RuleTable<'region', P> {
  const figure = (value: number | null, row: Partial<RegionFacts> = {}) => regionSubject({ ...row, [key]: value });
  const { minimum } = options;
  const due = options.due ?? '2025-12-31';
  return {
    params: options.params,
    due: options.due,
    asOf: '2026-06-30',
    valid: [
      { name: `exactly at the figure: ${minimum}`, subject: figure(minimum), measured: minimum, required: minimum, message: options.passMessage },
      { name: 'more than the figure', subject: figure(minimum + 7), measured: minimum + 7 },
      ...(options.valid ?? []),
    ],
    invalid: [
      { name: 'one short', subject: figure(minimum - 1), status: 'fail', measured: minimum - 1, shortfall: 1 },
      { name: 'before the due date it is a warning', subject: figure(minimum - 1), due, asOf: '2025-06-30', status: 'warn', shortfall: 1 },
      { name: 'on the due date itself it fails', subject: figure(minimum - 1), due, asOf: due, status: 'fail' },
      { name: 'none at all', subject: figure(0), status: 'fail', measured: 0, shortfall: minimum },
      { name: 'a blank figure is unknown, not zero, and nothing bounds it', subject: figure(null), status: 'insufficient_data', missing: [key], range: [0, null], blanks: [`tongxiang.${key}`] },
      ...(options.invalid ?? []),
    ],
  };
}
