// A value with its bounds: the arithmetic that lets a rule say pass, warn or fail only when
// every value its blanks could take gives the same status (the catalogue's "a verdict only
// where the data settles it"). A rule builds its measure (and, where blanks enter it, its
// requirement) from these; the engine settles the status from the two ranges in `settle`.
//
// A blank is unknown, never zero: it enters the arithmetic as the interval of values the
// workbook contract allows it (a count 0 … its whole, unbounded above where the contract gives
// no bound; yes/no as 0 … 1), and it is remembered, so that an unsettled finding can name
// every blank that keeps it open (subject id, field, cell) and say what would settle it.
import type { SheetKey } from './facts.js';
import type { Comparison } from './types.js';

/** Where a blank cell is: its sheet and Excel row, the id of the row's subject and the field. */
export interface BlankSpot {
  sheet: SheetKey;
  /** Excel row number (the fact's `row`). */
  row: number;
  /** The row's id: facility_id, staff_id, area_id, site_id or (region) the jurisdiction. */
  subject: string;
  /** The contract's column key. */
  field: string;
  /**
   * This blank stands for so many unlisted subjects (institutions the `region` row counts in
   * `institutions_total` that the workbook does not list); absent for one cell.
   */
  unlisted?: number;
}

/** One blank that widens a measure, with the values the contract lets it take. */
export interface Blank extends BlankSpot {
  low: number;
  /** `Infinity` when the contract gives no upper bound. */
  high: number;
  /** The field is yes/no (its interval is 0 … 1). */
  yesNo?: boolean;
}

/**
 * A measure with its bounds. `value` is the measure over the known entries only (what the
 * message's arithmetic shows; null when nothing is known); every filling of the blanks lies
 * in `low` … `high` (`high` may be `Infinity`). An open end is approached but never reached
 * (a share whose blank denominator can grow without bound comes near 0, never to it).
 */
export interface Bounds {
  value: number | null;
  low: number;
  high: number;
  lowOpen: boolean;
  highOpen: boolean;
  /** The blanks that widen this measure (none when it is exact). */
  blanks: readonly Blank[];
}

export type Measure = number | Bounds;

// Bounds are values: nothing changes one once made (each function builds its own list of
// blanks), so every known figure shares one empty list, and yes/no answers share two bounds;
// a county's check makes a few hundred thousand of them.
const NO_BLANKS: readonly Blank[] = Object.freeze([]);

/** A known figure. */
export function exact(value: number): Bounds {
  return { value, low: value, high: value, lowOpen: false, highOpen: false, blanks: NO_BLANKS };
}

const YES = Object.freeze(exact(1));
const NO = Object.freeze(exact(0));

/** A blank that may take any value from `low` to `high` (default: 0 … unbounded). */
export function unknown(spot: BlankSpot, low = 0, high = Infinity): Bounds {
  if (high === low) return { ...exact(low), value: null };
  return { value: null, low, high, lowOpen: false, highOpen: false, blanks: [{ ...spot, low, high }] };
}

/** A nullable number field: exact when given, else a blank in `low … high`. */
export function field(value: number | null, spot: BlankSpot, low = 0, high = Infinity): Bounds {
  return value === null ? unknown(spot, low, high) : exact(value);
}

/** A yes/no field as a count of 1 or 0; blank: 0 … 1. */
export function flag(value: boolean | null, spot: BlankSpot): Bounds {
  if (value !== null) return answer(value);
  return { value: null, low: 0, high: 1, lowOpen: false, highOpen: false, blanks: [{ ...spot, low: 0, high: 1, yesNo: true }] };
}

/** A known yes/no answer as a count of 1 or 0. */
export function answer(value: boolean): Bounds {
  return value ? YES : NO;
}

export function toBounds(measure: Measure): Bounds {
  return typeof measure === 'number' ? exact(measure) : measure;
}

export function isExact(bounds: Bounds): boolean {
  return bounds.low === bounds.high && bounds.blanks.length === 0;
}

/** Whether a blank widened the measure (the finding then carries `measuredRange`). */
export function isWidened(bounds: Bounds): boolean {
  return bounds.low !== bounds.high || bounds.lowOpen || bounds.highOpen;
}

/** 0 × ∞ is 0 here: a term multiplied by zero contributes nothing, however large it could be. */
function times(a: number, b: number): number {
  return a === 0 || b === 0 ? 0 : a * b;
}

function sumOfValues(terms: readonly Bounds[]): number | null {
  let total: number | null = null;
  for (const term of terms) if (term.value !== null) total = (total ?? 0) + term.value;
  return total;
}

/** Σ terms: the value sums the known terms (null when none is known). */
export function sum(terms: readonly Bounds[]): Bounds {
  let low = 0;
  let high = 0;
  let lowOpen = false;
  let highOpen = false;
  const blanks: Blank[] = [];
  for (const term of terms) {
    low += term.low;
    high += term.high;
    lowOpen ||= term.lowOpen;
    highOpen ||= term.highOpen;
    for (const blank of term.blanks) blanks.push(blank);
  }
  return { value: sumOfValues(terms), low, high, lowOpen, highOpen: highOpen && high !== Infinity, blanks };
}

/** `bounds × factor` for a known factor ≥ 0. */
export function scale(bounds: Bounds, factor: number): Bounds {
  return {
    value: bounds.value === null ? null : bounds.value * factor,
    low: times(bounds.low, factor),
    high: times(bounds.high, factor),
    lowOpen: bounds.lowOpen && factor !== 0,
    highOpen: bounds.highOpen && factor !== 0,
    blanks: factor === 0 ? [] : bounds.blanks,
  };
}

/**
 * `numerator / denominator` of two measures that do not constrain each other (a count of
 * caregivers over the elderly population), with denominator.low > 0. Where a part and its
 * whole are tied (part ≤ whole), use `share`, which is exact for that case.
 */
export function quotient(numerator: Bounds, denominator: Bounds): Bounds {
  if (!(denominator.low > 0)) throw new Error('quotient: the denominator must be positive for every filling');
  const low = denominator.high === Infinity ? 0 : numerator.low / denominator.high;
  const high = numerator.high === Infinity ? Infinity : numerator.high / denominator.low;
  return {
    value: numerator.value !== null && denominator.value !== null ? numerator.value / denominator.value : null,
    low,
    high,
    // n / ∞ only comes near 0; with a numerator that can itself be 0, 0 is reached.
    lowOpen: (denominator.high === Infinity && numerator.low > 0) || numerator.lowOpen || denominator.highOpen,
    highOpen: high !== Infinity && (numerator.highOpen || denominator.lowOpen),
    blanks: [...numerator.blanks, ...denominator.blanks],
  };
}

/** `⌈bounds⌉`, for a head-count required of a figure with blanks. */
export function ceiling(bounds: Bounds): Bounds {
  return {
    value: bounds.value === null ? null : Math.ceil(bounds.value),
    low: Math.ceil(bounds.low),
    high: Math.ceil(bounds.high),
    lowOpen: false,
    highOpen: false,
    blanks: bounds.blanks,
  };
}

/** The least of several measures (the lowest allowance): every filling's minimum lies in between. */
export function lowest(items: readonly Bounds[]): Bounds {
  if (items.length === 0) throw new Error('lowest: no items');
  let low = Infinity;
  let high = Infinity;
  let value: number | null = null;
  const blanks: Blank[] = [];
  for (const item of items) {
    low = Math.min(low, item.low);
    high = Math.min(high, item.high);
    if (item.value !== null) value = value === null ? item.value : Math.min(value, item.value);
  }
  // Only a blank that could go below the best known item changes the minimum.
  for (const item of items) if (item.low < high) for (const blank of item.blanks) blanks.push(blank);
  return { value, low, high, lowOpen: false, highOpen: false, blanks };
}

/** One subject's contribution to a share: a part that is at most its whole. */
export interface SharePair {
  part: Bounds;
  whole: Bounds;
}

/**
 * `Σ part / Σ whole` where each subject's part is at most its whole (nursing beds ≤ beds, a
 * yes ≤ 1, villages with a room ≤ villages): exact bounds, not the looser interval division.
 * The least share takes every part at its least and every whole at its most; the greatest
 * takes each whole as near its part's greatest as it may be and the part up to it. `value` is
 * the share over the subjects whose part and whole are both known. `null` when every whole is
 * 0 for every filling (a share over nothing: the rule's `not_applicable`).
 */
export function share(pairs: readonly SharePair[]): Bounds | null {
  let partLow = 0;
  let wholeHigh = 0;
  let partMax = 0;
  let wholeAtMax = 0;
  let toOne = false; // some subject's part and whole can grow together without bound
  let knownPart = 0;
  let knownWhole = 0;
  let anyKnown = false;
  const blanks: Blank[] = [];
  for (const { part, whole } of pairs) {
    partLow += part.low;
    wholeHigh += whole.high;
    const wholeLeast = Math.max(whole.low, part.low);
    const w = Math.min(Math.max(part.high, wholeLeast), whole.high);
    if (w === Infinity) toOne = true;
    else {
      wholeAtMax += w;
      partMax += Math.min(part.high, w);
    }
    if (part.value !== null && whole.value !== null && isExact(part) && isExact(whole)) {
      knownPart += part.value;
      knownWhole += whole.value;
      anyKnown = true;
    }
    for (const blank of part.blanks) blanks.push(blank);
    for (const blank of whole.blanks) blanks.push(blank);
  }
  if (wholeHigh === 0) return null;
  const low = wholeHigh === Infinity ? 0 : partLow / wholeHigh;
  const lowOpen = wholeHigh === Infinity && partLow > 0;
  let high: number;
  let highOpen = false;
  if (toOne) {
    high = 1;
    // Reached only if the known subjects already share 100 %.
    highOpen = partMax < wholeAtMax;
  } else if (wholeAtMax === 0) {
    // The greatest filling leaves no whole: any subject whose whole can be positive can hold
    // a part as large as that whole.
    high = 1;
  } else high = partMax / wholeAtMax;
  return {
    value: anyKnown && knownWhole > 0 ? knownPart / knownWhole : null,
    low,
    high,
    lowOpen,
    highOpen,
    blanks: blanks.filter((blank) => blank.low !== blank.high),
  };
}

/** How a measure settles against a requirement. */
export type Settlement =
  | { status: 'pass' }
  /** Every filling falls short; `shortfall` is the least any filling leaves, null when it can come arbitrarily near 0. */
  | { status: 'short'; shortfall: number | null }
  /** Some fillings meet the requirement and some do not. */
  | { status: 'open' };

/**
 * Settles `measured` against `required` under ≥ (`gte`) or > (`gt`): pass or short only when
 * every filling of the blanks of both gives it; else open. Meeting is monotone in the measure,
 * so the ends of the two ranges decide.
 */
export function settle(measured: Bounds, required: Bounds, comparison: Comparison): Settlement {
  const m = measured;
  const r = required;
  const allMeet =
    comparison === 'gte'
      ? m.low > r.high || (m.low === r.high && r.high !== Infinity)
      : m.low > r.high || (m.low === r.high && r.high !== Infinity && (m.lowOpen || r.highOpen));
  if (allMeet) return { status: 'pass' };
  const allShort =
    comparison === 'gte'
      ? m.high < r.low || (m.high === r.low && (m.highOpen || r.lowOpen))
      : m.high < r.low || (m.high === r.low && m.high !== Infinity);
  if (!allShort) return { status: 'open' };
  const gap = r.low - m.high;
  // At equality an open end leaves a gap that comes arbitrarily near 0: no least shortfall.
  // A strict rule missed at a reachable equality falls short by 0.
  if (gap === 0 && (comparison === 'gte' || m.highOpen || r.lowOpen)) return { status: 'short', shortfall: null };
  return { status: 'short', shortfall: gap };
}
