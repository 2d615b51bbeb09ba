// Shapes that several region rules share, written once: a ratio of two region fields, a count
// per 10,000 elderly, a share of bed sums over institutions and a share of institutions with a
// yes/no field. Each rule module still owns its meta (title, unit, params, messages) and calls
// these with its own fields and message ids.
import { isCertifiedCaregiver, type FacilityFacts, type RegionFacts, type StaffFacts } from '../facts.js';
import type { Evaluation, MessageData, RegionSubject } from '../types.js';
import { countStaff, institutionsOf, yesShare } from './shared.js';
import { exact, type Bounds } from '../bounds.js';
import { facilityFlag, unlistedInstitutions, unlistedTotal, type FacilityFlag } from './fact-bounds.js';

export interface Basis {
  included: number;
  excluded: number;
}

/** Numeric fields of the region row (blank = null). */
export type RegionNumberField = Exclude<
  { [K in keyof RegionFacts]-?: RegionFacts[K] extends number | null ? K : never }[keyof RegionFacts],
  'row'
>;

/** Numeric bed fields of a facility row (blank = null). */
export type FacilityBedField = 'total_beds' | 'nursing_beds' | 'dementia_beds' | 'occupied_beds';

/** Yes/no fields of a facility row (blank = null). */
export type FacilityYesNoField = 'has_rehab_room' | 'medical_integration' | 'bright_kitchen' | 'infection_monitoring';

// ---------------------------------------------------------------------------------------------
// Parameter schemas

// ---------------------------------------------------------------------------------------------
// Ratio of two region fields

/**
 * `numerator / denominator` of two region fields against `required`. A blank field is
 * `insufficient_data` naming it (never read as zero); a zero denominator is `not_applicable`
 * (a share over nothing). Templates get `{numerator}` and `{denominator}`.
 */
export function regionRatio(
  region: RegionFacts,
  options: {
    numerator: RegionNumberField;
    denominator: RegionNumberField;
    required: number;
    messageId: string;
    zeroMessageId: string;
    data?: MessageData;
  },
): Evaluation {
  const numerator = region[options.numerator];
  const denominator = region[options.denominator];
  if (numerator === null || denominator === null) {
    return {
      outcome: 'insufficient_data',
      missing: [
        ...(numerator === null ? [options.numerator] : []),
        ...(denominator === null ? [options.denominator] : []),
      ],
    };
  }
  if (denominator === 0) return { outcome: 'not_applicable', messageId: options.zeroMessageId };
  return {
    outcome: 'measured',
    measured: numerator / denominator,
    required: options.required,
    messageId: options.messageId,
    data: { numerator, denominator, ...options.data },
  };
}

// ---------------------------------------------------------------------------------------------
// Per 10,000 elderly

export const PER_10K = 10_000;

/** A count for a per-10k rule and the message that says where it came from, or what is missing. */
export type Tally =
  | { outcome: 'counted'; count: number; messageId: string; basis?: Basis }
  | { outcome: 'missing'; missing: string[] };

/**
 * The region row's own figure when given (message `fromRegion`), else a count of the staff rows
 * matching `predicate` (message `fromStaff`). Neither the figure nor a staff sheet: the figure
 * is what is missing (filling it in the region row is the simplest fix).
 */
export function regionFigureOrStaffCount(
  subject: RegionSubject,
  field: 'certified_caregivers' | 'social_workers',
  predicate: (member: StaffFacts) => boolean,
): Tally {
  const figure = subject.region[field];
  if (figure !== null) return { outcome: 'counted', count: figure, messageId: 'fromRegion' };
  if (subject.staff === null) return { outcome: 'missing', missing: [field] };
  return { outcome: 'counted', count: countStaff(subject.staff, predicate), messageId: 'fromStaff' };
}

/**
 * `count × 10,000 / elderly_population` against `required`. Missing data of the count and a
 * blank elderly population are reported together (count first, as in the formula). Templates
 * get `{count}` and `{elderly}`.
 */
export function per10kElderly(
  region: RegionFacts,
  tally: Tally,
  options: { required: number; zeroMessageId: string },
): Evaluation {
  const elderly = region.elderly_population;
  if (tally.outcome === 'missing' || elderly === null) {
    return {
      outcome: 'insufficient_data',
      missing: [...(tally.outcome === 'missing' ? tally.missing : []), ...(elderly === null ? ['elderly_population'] : [])],
    };
  }
  // The contract requires elderly_population > 0; guard anyway rather than divide by zero.
  if (elderly === 0) return { outcome: 'not_applicable', messageId: options.zeroMessageId };
  return {
    outcome: 'measured',
    measured: (tally.count * PER_10K) / elderly,
    required: options.required,
    messageId: tally.messageId,
    data: { count: tally.count, elderly },
    ...(tally.basis ? { basis: tally.basis } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Share of bed sums over selected facilities

/**
 * `Σ part / Σ total_beds` over the facilities `select` picks, counting only those where both
 * fields are known; the others are left out and counted in the basis. No facilities sheet →
 * `insufficient_data` ['facilities']; none selected → `not_applicable` (`emptyMessageId`);
 * none with both known → `insufficient_data` naming the fields that are blank; no beds among
 * those counted → `not_applicable` (`noBedsMessageId`). Templates get `{part}`, `{whole}`,
 * `{included}`.
 */
export function bedShare(
  facilities: readonly FacilityFacts[] | null,
  select: (facility: FacilityFacts) => boolean,
  part: Exclude<FacilityBedField, 'total_beds'>,
  options: { required: number; messageId: string; emptyMessageId: string; noBedsMessageId: string },
): Evaluation {
  if (facilities === null) return { outcome: 'insufficient_data', missing: ['facilities'] };
  const selected = facilities.filter(select);
  if (selected.length === 0) return { outcome: 'not_applicable', messageId: options.emptyMessageId };
  let partSum = 0;
  let wholeSum = 0;
  let included = 0;
  let partBlank = false;
  let wholeBlank = false;
  for (const facility of selected) {
    const p = facility[part];
    const w = facility.total_beds;
    if (p === null) partBlank = true;
    if (w === null) wholeBlank = true;
    if (p === null || w === null) continue;
    partSum += p;
    wholeSum += w;
    included += 1;
  }
  if (included === 0) {
    return {
      outcome: 'insufficient_data',
      missing: [...(partBlank ? [part] : []), ...(wholeBlank ? ['total_beds'] : [])],
    };
  }
  if (wholeSum === 0) return { outcome: 'not_applicable', messageId: options.noBedsMessageId };
  return {
    outcome: 'measured',
    measured: partSum / wholeSum,
    required: options.required,
    messageId: options.messageId,
    data: { part: partSum, whole: wholeSum, included },
    basis: { included, excluded: selected.length - included },
  };
}

// ---------------------------------------------------------------------------------------------
// Shares among certified caregivers (from the staff sheet only)

/**
 * Share of the certified caregivers in `staff` for which `value` is true, over those where it
 * is known (`knownShare`). Counted from the staff sheet only: the region row's
 * `certified_caregivers` figure says nothing about levels or certificates. No staff sheet →
 * `insufficient_data` ['staff']. Messages: `arithmetic` (`{yes}`, `{known}`) and `noCertified`.
 */
export function certifiedCaregiverShare(
  staff: readonly StaffFacts[] | null,
  value: (member: StaffFacts) => Bounds,
  options: { required: number },
): Evaluation {
  if (staff === null) return { outcome: 'insufficient_data', missing: ['staff'] };
  return yesShare(staff.filter(isCertifiedCaregiver), value, {
    required: options.required,
    messageId: 'arithmetic',
    emptyMessageId: 'noCertified',
  });
}

// ---------------------------------------------------------------------------------------------
// Share of institutions with a yes/no field = yes

/**
 * Share of the region's institutions with `field` = yes, over those where it is known
 * (`knownShare`). Messages: `arithmetic` (`{yes}`, `{known}`) and `noInstitutions`.
 */
export function institutionYesShare(subject: RegionSubject, field: FacilityFlag, required: number): Evaluation {
  if (subject.facilities === null) return { outcome: 'insufficient_data', missing: ['facilities'] };
  // Institutions the region row counts but the workbook does not list answer unknown.
  const unlisted = unlistedTotal(subject, field, 1);
  return yesShare(institutionsOf(subject.facilities), (facility) => facilityFlag(facility, field), {
    required,
    messageId: 'arithmetic',
    emptyMessageId: 'noInstitutions',
    extra: unlisted ? [{ part: unlisted, whole: exact(unlistedInstitutions(subject)) }] : [],
  });
}
