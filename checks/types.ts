// The contract between the rule engine and the rule modules (ESLint-style: one module per
// rule, a `meta` block and one `evaluate` function).
import type { AreaFacts, FacilityFacts, RegionFacts, SiteFacts, StaffFacts } from './facts.js';
import type { Blank, Measure } from './bounds.js';

export interface Bilingual {
  zh: string;
  en: string;
}

export type SubjectKind = 'area' | 'facility' | 'region';

export const STATUSES = ['pass', 'warn', 'fail', 'not_applicable', 'insufficient_data'] as const;
export type Status = (typeof STATUSES)[number];

/**
 * The unit that `measured`, `required` and `shortfall` share. `share` is a fraction (0.6);
 * messages show it in per cent and its shortfall in percentage points.
 */
export const UNITS = [
  'm2',
  'm2_per_capita',
  'persons',
  'persons_per_10k',
  'person_times',
  'households',
  'beds',
  'beds_per_10k',
  'yuan',
  'stars',
  'count',
  'share',
] as const;
export type Unit = (typeof UNITS)[number];

/** `gte` for 不低于/不少于/达到/以上, `gt` for 大于/超过. */
export type Comparison = 'gte' | 'gt';

export interface AreaSubject {
  kind: 'area';
  area: AreaFacts;
  /** The area's rows of the `sites` sheet (empty when it has none or the sheet is absent). */
  sites: SiteFacts[];
}

export interface FacilitySubject {
  kind: 'facility';
  facility: FacilityFacts;
  /** The facility's staff rows; `null` when the workbook has no `staff` sheet (roster unknown). */
  staff: StaffFacts[] | null;
}

export interface RegionSubject {
  kind: 'region';
  region: RegionFacts;
  /** Facilities of this jurisdiction; `null` when the workbook has no `facilities` sheet. */
  facilities: FacilityFacts[] | null;
  /** Staff of this jurisdiction's facilities; `null` when the workbook has no `staff` sheet. */
  staff: StaffFacts[] | null;
}

export type Subject = AreaSubject | FacilitySubject | RegionSubject;
export type SubjectOf<K extends SubjectKind> = Extract<Subject, { kind: K }>;

/** Values a message template may interpolate: `{name}` formats a number, `{name:pct}` a share. */
export type MessageData = Record<string, number | string>;

/** A rule's own word on a subject; the engine turns it into a finding with a status. */
export type Evaluation =
  | {
      outcome: 'not_applicable';
      /** Key of `meta.messages` explaining why the rule does not cover this subject. */
      messageId: string;
      data?: MessageData;
    }
  | {
      outcome: 'insufficient_data';
      /** Contract field keys (or sheet keys) that are blank or absent. */
      missing: string[];
      /** The blank cells behind `missing`, where the rule knows them (named in the finding). */
      blanks?: Blank[];
    }
  | {
      outcome: 'measured';
      /**
       * The measure: a number when every entry is known, else a value with its bounds
       * (checks/bounds.ts). The engine settles the status only when every filling of the
       * blanks gives the same one; otherwise the finding is `insufficient_data`.
       */
      measured: Measure;
      /** The requirement; bounds where blanks enter it (a head-count from blank bed numbers). */
      required: Measure;
      /**
       * Blanks on which the rule's applicability hinges (a blank star rating under a 4-star
       * rule): the rule is evaluated as if it applied; a pass stands, anything else is
       * `insufficient_data` naming them.
       */
      hinges?: Blank[];
      /** Key of `meta.messages` whose template states the arithmetic. */
      messageId: string;
      data?: MessageData;
      /** For aggregates: how many subjects were counted and how many were left out (unknown). */
      basis?: { included: number; excluded: number };
      /** Extra detail (e.g. the sites under the minimum), appended to the message. */
      detail?: Bilingual;
    };

export interface RuleMeta {
  id: string;
  title: Bilingual;
  subject: SubjectKind;
  unit: Unit;
  /** The comparison the rule's sentence usually uses; a rulebook entry may override it. */
  comparison: Comparison;
  /** JSON Schema of the rulebook's `params` for this rule (validated with ajv at load). */
  params: Record<string, unknown>;
  /** Message templates, zh and en, by id. Placeholders: `{name}`, `{name:pct}`. */
  messages: Record<string, Bilingual>;
}

export interface EvaluationContext {
  /** The audit's as-of date, `YYYY-MM-DD`. */
  asOf: string;
}

export interface Rule<K extends SubjectKind = SubjectKind, P = Record<string, unknown>> {
  meta: RuleMeta & { subject: K };
  evaluate(subject: SubjectOf<K>, params: P, context: EvaluationContext): Evaluation;
}

/**
 * Helper so that a module's `evaluate` gets the precise subject and parameter types while the
 * registry holds rules of every kind.
 */
export function defineRule<K extends SubjectKind, P>(rule: {
  meta: RuleMeta & { subject: K };
  evaluate(subject: SubjectOf<K>, params: P, context: EvaluationContext): Evaluation;
}): Rule<K, P> {
  return rule;
}
