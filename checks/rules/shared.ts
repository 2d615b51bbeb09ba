// Small pieces several rules share, so that the same arithmetic is written once.
import type { FacilityFacts, StaffFacts } from '../facts.js';
import { isInstitution } from '../facts.js';
import type { AreaSubject, Bilingual, Evaluation, MessageData } from '../types.js';
import { exact, isExact, share, unknown, type Bounds, type SharePair } from '../bounds.js';
import { areaSpot, yesPair } from './fact-bounds.js';
import { clean, formatNumber } from '../format.js';

/** A share parameter: a fraction 0..1 (60% is 0.6). */
export const SHARE_PARAM = { type: 'number', minimum: 0, maximum: 1 } as const;
/** A non-negative figure (m² per resident, persons per 10,000 …). */
export const FIGURE_PARAM = { type: 'number', minimum: 0 } as const;

/** The JSON Schema of a rule's params: an object of exactly these properties, all required. */
export function paramsSchema(properties: Record<string, Record<string, unknown>>): Record<string, unknown> {
  return { type: 'object', required: Object.keys(properties), additionalProperties: false, properties };
}


export function countStaff(staff: readonly StaffFacts[], predicate: (member: StaffFacts) => boolean): number {
  let count = 0;
  for (const member of staff) if (predicate(member)) count += 1;
  return count;
}

/** ⌈numerator / denominator⌉ for non-negative integers, exact (no floating-point rounding). */
export function ceilDiv(numerator: number, denominator: number): number {
  return Math.floor((numerator + denominator - 1) / denominator);
}

export function institutionsOf(facilities: readonly FacilityFacts[]): FacilityFacts[] {
  return facilities.filter(isInstitution);
}

/**
 * A share evaluated with its bounds: `Σ part / Σ whole` over `pairs` (checks/bounds.ts
 * `share`), `not_applicable` (`emptyMessageId`) when every whole is 0 for every filling.
 * `allUnits`: the pairs are kinds of unit of one jurisdiction (towns and sub-districts), so the
 * share over the known kinds alone is no measure of it; with a blank the message then shows
 * the range, never the known kinds' share.
 */
export function shareEvaluation(
  pairs: readonly SharePair[],
  options: {
    required: number;
    messageId: string;
    emptyMessageId: string;
    data?: MessageData;
    basis?: { included: number; excluded: number };
    allUnits?: boolean;
  },
): Evaluation {
  const bounds = share(pairs);
  if (bounds === null) return { outcome: 'not_applicable', messageId: options.emptyMessageId };
  const measured = options.allUnits && bounds.blanks.length > 0 ? { ...bounds, value: null } : bounds;
  return {
    outcome: 'measured',
    measured,
    required: options.required,
    messageId: options.messageId,
    ...(options.data ? { data: options.data } : {}),
    ...(options.basis ? { basis: options.basis } : {}),
  };
}

/**
 * Share of `subjects` answering yes (`flagOf`: the subject's yes/no field as bounds, blank
 * 0 … 1), plus `extra` pairs (institutions the region row counts but the workbook does not
 * list). Zero subjects is `not_applicable` (a share over nothing). Templates get `{yes}` and
 * `{known}`, over the subjects whose answer is known.
 */
export function yesShare<T>(
  subjects: readonly T[],
  flagOf: (subject: T) => Bounds,
  options: { required: number; messageId: string; emptyMessageId: string; data?: MessageData; extra?: SharePair[] },
): Evaluation {
  let yes = 0;
  let known = 0;
  // The known answers enter the share as one pair (Σ yes of Σ 1): `share` adds up the same
  // sums as from one pair each, without a pair per member of a region's 20,000 staff.
  let exactYes = 0;
  let exactCount = 0;
  const open: SharePair[] = [];
  for (const subject of subjects) {
    const answer = flagOf(subject);
    if (answer.value !== null) {
      known += 1;
      yes += answer.value;
    }
    if (isExact(answer)) {
      exactYes += answer.low;
      exactCount += 1;
    } else open.push(yesPair(answer));
  }
  const pairs: SharePair[] = [{ part: exact(exactYes), whole: exact(exactCount) }, ...open];
  if (options.extra) pairs.push(...options.extra);
  return shareEvaluation(pairs, {
    required: options.required,
    messageId: options.messageId,
    emptyMessageId: options.emptyMessageId,
    data: { yes, known, ...options.data },
    basis: { included: known, excluded: subjects.length - known },
  });
}

// ---- Area rules -------------------------------------------------------------------------

/**
 * An area's elderly-service floor area. The stated `service_area_m2` wins because the workbook
 * contract makes the site rows a breakdown of it (a mismatch is only a reader warning); the
 * site sum stands in when the figure is blank. `null`: neither is known.
 */
export type ServiceArea =
  | { m2: Bounds; source: 'stated' | 'blank' }
  | { m2: Bounds; source: 'sites'; siteCount: number };

/** The service area; blank (no figure, no sites): at least its known interior area, unbounded above. */
export function serviceAreaOf(subject: AreaSubject): ServiceArea {
  const { area, sites } = subject;
  if (area.service_area_m2 !== null) return { m2: exact(area.service_area_m2), source: 'stated' };
  if (sites.length === 0) {
    return { m2: unknown(areaSpot(area, 'service_area_m2'), area.service_interior_area_m2 ?? 0), source: 'blank' };
  }
  let total = 0;
  for (const s of sites) total += s.floor_area_m2;
  // Cleaned so that 100.1 + 200.2 compares equal to a requirement of 300.3.
  return { m2: exact(clean(total)), source: 'sites', siteCount: sites.length };
}

export interface SiteArea {
  id: string;
  m2: number;
}

/**
 * The separate sites of an area. The contract says an area without site rows counts as one
 * site of its `service_area_m2` (`implicit`), so findings can say so. `null`: neither is known.
 */
export function sitesOf(subject: AreaSubject): { sites: SiteArea[]; implicit: boolean } | null {
  const { area, sites } = subject;
  if (sites.length > 0) return { sites: sites.map((s) => ({ id: s.site_id, m2: s.floor_area_m2 })), implicit: false };
  if (area.service_area_m2 === null) return null;
  return { sites: [{ id: area.area_id, m2: area.service_area_m2 }], implicit: true };
}

// ---- Exact head-count arithmetic ----------------------------------------------------------

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/**
 * ⌈Σ countᵢ / perᵢ⌉ for non-negative integer counts and positive integer ratios, summed over a
 * common denominator so that no floating-point error can push an exact whole number up by one
 * (1/3 + 14/6 + 5/15 is 3, while the float sum is 3.0000000000000004). `sum` is for messages.
 */
export function ceilSumOfRatios(terms: readonly { count: number; per: number }[]): { required: number; sum: number } {
  let denominator = 1;
  for (const { per } of terms) denominator = (denominator / gcd(denominator, per)) * per;
  let numerator = 0;
  for (const { count, per } of terms) numerator += count * (denominator / per);
  const remainder = numerator % denominator;
  const whole = (numerator - remainder) / denominator;
  return { required: remainder === 0 ? whole : whole + 1, sum: numerator / denominator };
}

// ---- Lists in findings --------------------------------------------------------------------

/** `S1（300 元）、S2（350 元）` / `S1 (300 yuan), S2 (350 yuan)`: the items a finding names. */
export function listWithValues(items: readonly { id: string; value: number }[], unit: Bilingual): Bilingual {
  return {
    zh: items.map((item) => `${item.id}（${formatNumber(item.value)} ${unit.zh}）`).join('、'),
    en: items.map((item) => `${item.id} (${formatNumber(item.value)} ${unit.en})`).join(', '),
  };
}
