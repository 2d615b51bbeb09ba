// Shapes that several region rules share, written once: a ratio of two region fields, a count
// per 10,000 elderly, a share of bed sums over institutions and a share of institutions or
// certified caregivers answering yes. Each rule module still owns its meta (title, unit,
// params, messages) and calls these with its own fields and message ids. Every figure is a
// value with its bounds (checks/bounds.ts), so blanks and unlisted institutions widen it and
// the engine settles a verdict only where they cannot change it.
import { isCertifiedCaregiver, isInstitution, type FacilityFacts, type StaffFacts } from '../facts.js';
import type { Bilingual, Evaluation, MessageData, RegionSubject } from '../types.js';
import { institutionsOf, shareEvaluation, yesShare } from './shared.js';
import { exact, isExact, quotient, scale, sum, type Bounds, type SharePair } from '../bounds.js';
import {
  bedPair,
  facilityFlag,
  REGION_PART_OF,
  regionPair,
  regionValue,
  unlistedInstitutions,
  unlistedTotal,
  type BedPart,
  type FacilityFlag,
  type RegionNumberField,
} from './fact-bounds.js';

export type { RegionNumberField } from './fact-bounds.js';

/** A figure for a template: the known value, or `—` where it is blank. */
export function shown(bounds: Bounds): number | string {
  return bounds.value ?? '—';
}

// ---------------------------------------------------------------------------------------------
// Whole jurisdiction or part of it

/**
 * What a count over the workbook's rows covers: `（按本表所列 2 家机构统计）` when the region row
 * does not state `institutions_total` (the workbook is then the complete list),
 * `（本表列 2 家，地区表填报养老机构 120 家）` when it lists fewer; nothing when it lists them all.
 */
export function listedNote(subject: RegionSubject): Bilingual | undefined {
  if (subject.facilities === null) return undefined;
  const listed = subject.facilities.filter(isInstitution).length;
  const total = subject.region.institutions_total;
  if (total === null) {
    return {
      zh: `（按本表所列 ${listed} 家机构统计）`,
      en: ` (counted over the ${listed} ${listed === 1 ? 'institution' : 'institutions'} this workbook lists)`,
    };
  }
  if (total <= listed) return undefined;
  return {
    zh: `（本表列 ${listed} 家，地区表填报养老机构 ${total} 家）`,
    en: ` (this workbook lists ${listed} of the ${total} institutions the region row reports)`,
  };
}

/** The unlisted institutions' part and whole of a share, both unknown and unbounded. */
function unlistedPair(subject: RegionSubject, part: string, whole: string): SharePair[] {
  const p = unlistedTotal(subject, part, Infinity);
  const w = unlistedTotal(subject, whole, Infinity);
  return p && w ? [{ part: p, whole: w }] : [];
}

// ---------------------------------------------------------------------------------------------
// Parameter schemas

// ---------------------------------------------------------------------------------------------
// Ratio of two region fields

/**
 * `numerator / denominator` of two region fields against `required`. Tied fields (a part of
 * its whole, REGION_PART_OF) make a share with exact bounds; others (land per resident) a
 * quotient. A known zero denominator is `not_applicable` (a share over nothing). Templates get
 * `{numerator}` and `{denominator}` (`—` where blank).
 */
export function regionRatio(
  region: RegionSubject['region'],
  options: {
    numerator: RegionNumberField;
    denominator: RegionNumberField;
    required: number;
    messageId: string;
    zeroMessageId: string;
    data?: MessageData;
  },
): Evaluation {
  if (region[options.denominator] === 0) return { outcome: 'not_applicable', messageId: options.zeroMessageId };
  const numerator = regionValue(region, options.numerator);
  const denominator = regionValue(region, options.denominator);
  const data = { numerator: shown(numerator), denominator: shown(denominator), ...options.data };
  if (REGION_PART_OF[options.numerator] === options.denominator) {
    return shareEvaluation([regionPair(region, options.numerator, options.denominator)], {
      required: options.required,
      messageId: options.messageId,
      emptyMessageId: options.zeroMessageId,
      data,
    });
  }
  return { outcome: 'measured', measured: quotient(numerator, denominator), required: options.required, messageId: options.messageId, data };
}

// ---------------------------------------------------------------------------------------------
// Per 10,000 elderly

export const PER_10K = 10_000;

/** A count for a per-10k rule, the message that says where it came from, and what it covers. */
export interface Tally {
  count: Bounds;
  messageId: string;
  note?: Bilingual;
}

/**
 * The region row's own figure when given (message `fromRegion`), else `countOf` the staff rows
 * (message `fromStaff`), where unlisted institutions' staff are unknown.
 * Neither the figure nor a staff sheet: the figure itself is the blank (filling it in the
 * region row is the simplest fix).
 */
export function regionFigureOrStaffCount(
  subject: RegionSubject,
  key: 'certified_caregivers' | 'social_workers',
  countOf: (staff: readonly StaffFacts[]) => number,
): Tally {
  if (subject.region[key] !== null || subject.staff === null) return { count: regionValue(subject.region, key), messageId: 'fromRegion' };
  const counted = exact(countOf(subject.staff));
  const unlisted = unlistedTotal(subject, 'staff', Infinity);
  const note = listedNote(subject);
  return { count: unlisted ? sum([counted, unlisted]) : counted, messageId: 'fromStaff', ...(note ? { note } : {}) };
}

/**
 * `count × 10,000 / elderly_population` against `required`. Templates get `{count}` and
 * `{elderly}` (`—` where blank).
 */
export function per10kElderly(
  region: RegionSubject['region'],
  tally: Tally,
  options: { required: number; zeroMessageId: string },
): Evaluation {
  // The contract requires elderly_population > 0; guard anyway rather than divide by zero.
  if (region.elderly_population === 0) return { outcome: 'not_applicable', messageId: options.zeroMessageId };
  const elderly = regionValue(region, 'elderly_population');
  return {
    outcome: 'measured',
    measured: quotient(scale(tally.count, PER_10K), elderly),
    required: options.required,
    messageId: tally.messageId,
    data: { count: shown(tally.count), elderly: shown(elderly) },
    ...(tally.note ? { detail: tally.note } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Share of bed sums over selected facilities

/**
 * `Σ part / Σ total_beds` over the facilities `select` picks, each part at most its beds, with
 * unlisted institutions as unknown. No facilities sheet → `insufficient_data` ['facilities'];
 * none selected (and none unlisted) → `not_applicable` (`emptyMessageId`); no beds for any
 * filling → `not_applicable` (`noBedsMessageId`). Templates get `{part}`, `{whole}`,
 * `{included}` over the facilities whose part and beds are both known.
 */
export function bedShare(
  subject: RegionSubject,
  select: (facility: FacilityFacts) => boolean,
  part: BedPart,
  options: { required: number; messageId: string; emptyMessageId: string; noBedsMessageId: string },
): Evaluation {
  if (subject.facilities === null) return { outcome: 'insufficient_data', missing: ['facilities'] };
  const selected = subject.facilities.filter(select);
  const extra = unlistedPair(subject, part, 'total_beds');
  if (selected.length === 0 && extra.length === 0) return { outcome: 'not_applicable', messageId: options.emptyMessageId };
  let partSum = 0;
  let wholeSum = 0;
  let included = 0;
  const pairs = selected.map((facility) => bedPair(facility, part));
  for (const pair of pairs) {
    if (!isExact(pair.part) || !isExact(pair.whole)) continue;
    partSum += pair.part.low;
    wholeSum += pair.whole.low;
    included += 1;
  }
  const evaluation = shareEvaluation([...pairs, ...extra], {
    required: options.required,
    messageId: options.messageId,
    emptyMessageId: options.noBedsMessageId,
    data: { part: partSum, whole: wholeSum, included },
    basis: { included, excluded: selected.length - included },
  });
  const note = listedNote(subject);
  return evaluation.outcome === 'measured' && note ? { ...evaluation, detail: note } : evaluation;
}

// ---------------------------------------------------------------------------------------------
// Shares among certified caregivers (from the staff sheet only)

const certifiedByStaff = new WeakMap<readonly StaffFacts[], readonly StaffFacts[]>();

/**
 * The certified caregivers of a roster, in its order, found once per roster: four region rules
 * count or share over them, and a region's roster is 20,000 rows.
 */
export function certifiedCaregiversOf(staff: readonly StaffFacts[]): readonly StaffFacts[] {
  let certified = certifiedByStaff.get(staff);
  if (certified === undefined) {
    certified = staff.filter(isCertifiedCaregiver);
    certifiedByStaff.set(staff, certified);
  }
  return certified;
}

/**
 * Share of the certified caregivers in the staff sheet answering yes (`value`), blank answers
 * 0 … 1. Counted from the staff sheet only: the region row's `certified_caregivers` figure says
 * nothing about levels or certificates. Unlisted institutions' caregivers are unknown. No staff
 * sheet → `insufficient_data` ['staff']. Messages: `arithmetic` (`{yes}`, `{known}`) and `noCertified`.
 */
export function certifiedCaregiverShare(
  subject: RegionSubject,
  value: (member: StaffFacts) => Bounds,
  options: { required: number },
): Evaluation {
  if (subject.staff === null) return { outcome: 'insufficient_data', missing: ['staff'] };
  const evaluation = yesShare(certifiedCaregiversOf(subject.staff), value, {
    required: options.required,
    messageId: 'arithmetic',
    emptyMessageId: 'noCertified',
    extra: unlistedPair(subject, 'staff', 'staff'),
  });
  const note = listedNote(subject);
  return evaluation.outcome === 'measured' && note ? { ...evaluation, detail: note } : evaluation;
}

// ---------------------------------------------------------------------------------------------
// Share of institutions with a yes/no field = yes

/**
 * Share of the region's institutions with `field` = yes, blanks 0 … 1 and the institutions the
 * region row counts but the workbook does not list as blanks too. Messages: `arithmetic`
 * (`{yes}`, `{known}`) and `noInstitutions`.
 */
export function institutionYesShare(subject: RegionSubject, field: FacilityFlag, required: number): Evaluation {
  if (subject.facilities === null) return { outcome: 'insufficient_data', missing: ['facilities'] };
  const unlisted = unlistedTotal(subject, field, 1);
  const evaluation = yesShare(institutionsOf(subject.facilities), (facility) => facilityFlag(facility, field), {
    required,
    messageId: 'arithmetic',
    emptyMessageId: 'noInstitutions',
    extra: unlisted ? [{ part: unlisted, whole: exact(unlistedInstitutions(subject)) }] : [],
  });
  const note = listedNote(subject);
  return evaluation.outcome === 'measured' && note ? { ...evaluation, detail: note } : evaluation;
}
