// RuleTester, after ESLint's: a rule's tests are tables of valid and invalid cases. Each case
// runs through the real engine step (`toFinding`), so statuses, shortfalls, due dates and the
// rendered messages are what a user would see.
import { describe, expect, it } from 'vitest';
import { toFinding, type Finding } from '../../checks/finding.js';
import type { LoadedRulebook, RulebookRule } from '../../checks/rulebook.js';
import type { Comparison, Rule, Status, SubjectKind, SubjectOf } from '../../checks/types.js';

interface BaseCase<K extends SubjectKind, P> {
  name: string;
  subject: SubjectOf<K>;
  /** Overrides the table's parameters. */
  params?: Partial<P>;
  due?: string | null;
  asOf?: string;
  comparison?: Comparison;
  measured?: number | null;
  required?: number | null;
  basis?: Finding['basis'];
  /**
   * The measure's range where blanks widened it (`[low, high]`, high null: unbounded); `null`
   * asserts that nothing widened it (no `measuredRange`).
   */
  range?: [number, number | null] | null;
  /**
   * The blanks the finding names, as `subject.field` (`F1.dementia_beds`), in order: those that
   * keep an `insufficient_data` finding open, or that a settled verdict was reached with.
   */
  blanks?: string[];
  /** Substrings (or patterns) the messages must contain. */
  message?: { zh?: string | RegExp; en?: string | RegExp };
}

export interface ValidCase<K extends SubjectKind, P> extends BaseCase<K, P> {
  /** Defaults to `pass`. */
  status?: Extract<Status, 'pass' | 'not_applicable'>;
}

export interface InvalidCase<K extends SubjectKind, P> extends BaseCase<K, P> {
  status: Extract<Status, 'fail' | 'warn' | 'insufficient_data'>;
  shortfall?: number | null;
  missing?: string[];
}

export interface RuleTable<K extends SubjectKind, P> {
  params: P;
  due?: string | null;
  asOf?: string;
  valid: ValidCase<K, P>[];
  invalid: InvalidCase<K, P>[];
}

const TEST_BOOK: LoadedRulebook = {
  id: 'test',
  version: 'test',
  names: { zh: '测试县', en: 'Test County' },
  aliases: [],
  province: { zh: '测试省', en: 'Test Province' },
  city: { zh: '测试市', en: 'Test City' },
  seed: 'test.txt',
  document: { title: { zh: '测试文件', en: 'Test document' }, number: null, issued: null },
  status: 'in_force',
  inForce: null,
  rules: [],
  fileHash: '0'.repeat(64),
};

/** Runs one rule on one subject through the engine's `toFinding`, as the tables do. */
export function runFinding<K extends SubjectKind, P>(
  rule: Rule<K, P>,
  subject: SubjectOf<K>,
  params: P,
  options: { due?: string | null; asOf?: string; comparison?: Comparison } = {},
): Finding {
  const asOf = options.asOf ?? '2024-06-30';
  const entry: RulebookRule = {
    rule: rule.meta.id,
    params: params as Record<string, unknown>,
    clause: '一、1',
    due: options.due ?? null,
    quote: '测试引文。',
    ...(options.comparison ? { comparison: options.comparison } : {}),
  };
  const evaluation = rule.evaluate(subject, params, { asOf });
  return toFinding(evaluation, rule.meta, entry, TEST_BOOK, { kind: subject.kind, id: 'X', name: 'X', jurisdiction: 'test' }, asOf);
}

function check<K extends SubjectKind, P>(
  rule: Rule<K, P>,
  table: RuleTable<K, P>,
  testCase: ValidCase<K, P> | InvalidCase<K, P>,
  status: Status,
) {
  const finding = runFinding(rule, testCase.subject, { ...table.params, ...testCase.params } as P, {
    due: testCase.due === undefined ? (table.due ?? null) : testCase.due,
    asOf: testCase.asOf ?? table.asOf ?? '2024-06-30',
    ...(testCase.comparison ? { comparison: testCase.comparison } : {}),
  });
  expect(finding.status, finding.message.en).toBe(status);
  if (testCase.measured === null) expect(finding.measured).toBeNull();
  else if (testCase.measured !== undefined) expect(finding.measured).toBeCloseTo(testCase.measured, 10);
  if (testCase.required !== undefined && testCase.required !== null) expect(finding.required).toBeCloseTo(testCase.required, 10);
  if (testCase.basis !== undefined) expect(finding.basis).toEqual(testCase.basis);
  if (testCase.range === null) expect(finding.measuredRange).toBeUndefined();
  else if (testCase.range !== undefined) {
    expect(finding.measuredRange, 'measuredRange').toBeDefined();
    const [low, high] = finding.measuredRange!;
    expect(low).toBeCloseTo(testCase.range[0], 10);
    if (testCase.range[1] === null) expect(high).toBeNull();
    else expect(high).toBeCloseTo(testCase.range[1], 10);
  }
  if (testCase.blanks !== undefined) {
    expect((finding.blanks ?? []).map((blank) => `${blank.subject}.${blank.field}`)).toEqual(testCase.blanks);
  }
  // A settled verdict never leaves a blank unnamed, and an open one always names what keeps it open.
  if (status === 'insufficient_data' && finding.measuredRange) expect(finding.blanks?.length).toBeGreaterThan(0);
  if ('shortfall' in testCase && testCase.shortfall !== undefined) {
    if (testCase.shortfall === null) expect(finding.shortfall).toBeNull();
    else expect(finding.shortfall).toBeCloseTo(testCase.shortfall, 10);
  }
  if ('missing' in testCase && testCase.missing) expect(finding.missing).toEqual(testCase.missing);
  if (status === 'pass' || status === 'not_applicable' || status === 'insufficient_data') expect(finding.shortfall).toBeNull();
  if (testCase.message?.zh) expect(finding.message.zh).toMatch(testCase.message.zh);
  if (testCase.message?.en) expect(finding.message.en).toMatch(testCase.message.en);
  expect(finding.message.zh).not.toMatch(/\{|undefined|NaN/);
  expect(finding.message.en).not.toMatch(/\{|undefined|NaN/);
}

/** Declares one `describe` per rule with one `it` per case. */
export function ruleTester<K extends SubjectKind, P>(rule: Rule<K, P>, table: RuleTable<K, P>): void {
  describe(rule.meta.id, () => {
    for (const testCase of table.valid) {
      it(`valid: ${testCase.name}`, () => check(rule, table, testCase, testCase.status ?? 'pass'));
    }
    for (const testCase of table.invalid) {
      it(`invalid: ${testCase.name}`, () => check(rule, table, testCase, testCase.status));
    }
  });
}
