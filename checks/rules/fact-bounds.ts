// The workbook's facts as values with bounds (checks/bounds.ts): what a blank cell may hold
// under the contract (../shared/spec/workbook.md), both ways: a part is at most its whole, a
// blank whole is at least its known parts. Rules read facts through these so that every rule
// gets the same bounds for the same blank.
import { answer, exact, field, flag, unknown, type BlankSpot, type Bounds, type SharePair } from '../bounds.js';
import { isInstitution, type AreaFacts, type FacilityFacts, type RegionFacts, type StaffFacts } from '../facts.js';
import type { RegionSubject } from '../types.js';

// ---- Where a blank is ---------------------------------------------------------------------

export function facilitySpot(facility: FacilityFacts, key: string): BlankSpot {
  return { sheet: 'facilities', row: facility.row, subject: facility.facility_id, field: key };
}

export function staffSpot(member: StaffFacts, key: string): BlankSpot {
  return { sheet: 'staff', row: member.row, subject: member.staff_id, field: key };
}

export function areaSpot(area: AreaFacts, key: string): BlankSpot {
  return { sheet: 'residential_areas', row: area.row, subject: area.area_id, field: key };
}

export function regionSpot(region: RegionFacts, key: string): BlankSpot {
  return { sheet: 'region', row: region.row, subject: region.jurisdiction, field: key };
}

// ---- Facilities ---------------------------------------------------------------------------

/** Bed fields that are parts of `total_beds`. */
export type BedPart = 'nursing_beds' | 'dementia_beds' | 'occupied_beds';

/** Yes/no fields of a facility row. */
export type FacilityFlag = {
  [K in keyof FacilityFacts]-?: FacilityFacts[K] extends boolean | null ? K : never;
}[keyof FacilityFacts];

function residents(facility: FacilityFacts): number {
  return (facility.residents_fully_disabled ?? 0) + (facility.residents_partially_disabled ?? 0) + (facility.residents_self_care ?? 0);
}

/** `total_beds`; blank: at least each known part (beds of a kind, residents), unbounded above. */
export function totalBeds(facility: FacilityFacts): Bounds {
  const least = Math.max(
    0,
    facility.nursing_beds ?? 0,
    facility.dementia_beds ?? 0,
    facility.occupied_beds ?? 0,
    residents(facility),
  );
  return field(facility.total_beds, facilitySpot(facility, 'total_beds'), least);
}

/** A bed part; blank: 0 … `total_beds` (unbounded when that is blank too); occupied beds at least the residents. */
export function bedPart(facility: FacilityFacts, part: BedPart): Bounds {
  const least = part === 'occupied_beds' ? residents(facility) : 0;
  return field(facility[part], facilitySpot(facility, part), least, facility.total_beds ?? Infinity);
}

/** A yes/no field as 1 or 0; blank: 0 … 1. */
export function facilityFlag(facility: FacilityFacts, key: FacilityFlag): Bounds {
  const value = facility[key];
  // A spot only for a blank: most answers are known.
  return value === null ? flag(null, facilitySpot(facility, key)) : answer(value);
}

/** One facility's part of a bed share: the part and its whole, tied (part ≤ whole). */
export function bedPair(facility: FacilityFacts, part: BedPart): SharePair {
  return { part: bedPart(facility, part), whole: totalBeds(facility) };
}

/** One subject's yes/no answer as its part of a share of subjects. */
export function yesPair(value: Bounds): SharePair {
  return { part: value, whole: exact(1) };
}

// ---- Staff --------------------------------------------------------------------------------

export type StaffFlag = 'professional_certified' | 'first_aid_certified' | 'pre_job_trained';

export function staffFlag(member: StaffFacts, key: StaffFlag): Bounds {
  const value = member[key];
  // A spot only for a blank: most of a county's 100,000 answers are known.
  return value === null ? flag(null, staffSpot(member, key)) : answer(value);
}

// ---- Region row ---------------------------------------------------------------------------

/** Numeric fields of the region row (blank = null). */
export type RegionNumberField = Exclude<
  { [K in keyof RegionFacts]-?: RegionFacts[K] extends number | null ? K : never }[keyof RegionFacts],
  'row'
>;

/**
 * The contract's part-of relations between region fields (`villages_with_care_room` ≤
 * `villages_total`): a blank part is 0 … its whole, a blank whole at least its known parts.
 * A new region column with such a relation adds its line here.
 */
export const REGION_PART_OF: Partial<Record<RegionNumberField, RegionNumberField>> = {
  villages_with_care_room: 'villages_total',
  special_hardship_disabled_centralized: 'special_hardship_disabled',
  streets_with_center: 'streets_total',
  towns_with_center: 'towns_total',
  towns_with_care_alliance: 'towns_total',
  streets_with_care_alliance: 'streets_total',
  smart_care_homes: 'institutions_total',
  dementia_care_institutions: 'institutions_total',
  communities_with_care_facility: 'communities_total',
  villages_with_meal_service: 'villages_total',
  communities_with_meal_service: 'communities_total',
  special_hardship_willing_centralized: 'special_hardship_willing',
  community_facilities_socialized: 'community_facilities_total',
  community_facilities_by_institution: 'community_facilities_socialized',
  caregiver_training_person_times: 'training_person_times',
  retrofit_willing_completed: 'retrofit_willing_households',
};

/** Fields the contract requires to be > 0 when given: a blank one is at least 1. */
const POSITIVE: ReadonlySet<RegionNumberField> = new Set<RegionNumberField>(['population', 'elderly_population']);

/** A region field with its bounds from the contract's relations. */
export function regionValue(region: RegionFacts, key: RegionNumberField): Bounds {
  const value = region[key];
  if (value !== null) return exact(value);
  const whole = REGION_PART_OF[key];
  let least = POSITIVE.has(key) ? 1 : 0;
  for (const [part, of] of Object.entries(REGION_PART_OF) as [RegionNumberField, RegionNumberField][]) {
    if (of === key) least = Math.max(least, region[part] ?? 0);
  }
  const most = whole ? (region[whole] ?? Infinity) : Infinity;
  return unknown(regionSpot(region, key), least, most);
}

/** A region share `part / whole` of two tied fields (part ≤ whole) as one share pair. */
export function regionPair(region: RegionFacts, part: RegionNumberField, whole: RegionNumberField): SharePair {
  return { part: regionValue(region, part), whole: regionValue(region, whole) };
}

// ---- Whole jurisdiction or part of it -----------------------------------------------------

/**
 * Institutions the region row counts (`institutions_total`) that the workbook does not list:
 * 0 when the row does not say (the workbook is then the jurisdiction's complete list).
 */
export function unlistedInstitutions(subject: RegionSubject): number {
  const total = subject.region.institutions_total;
  if (total === null || subject.facilities === null) return 0;
  return Math.max(0, total - subject.facilities.filter(isInstitution).length);
}

/**
 * The unlisted institutions as one blank standing for all of them: each may hold any value of
 * a field that is `low … high` per institution (a yes: 0 … 1; beds: 0 … unbounded).
 */
export function unlistedTotal(subject: RegionSubject, key: string, perInstitutionHigh: number): Bounds | null {
  const count = unlistedInstitutions(subject);
  if (count === 0) return null;
  const spot: BlankSpot = { ...regionSpot(subject.region, 'institutions_total'), field: key, unlisted: count };
  return unknown(spot, 0, perInstitutionHigh === Infinity ? Infinity : perInstitutionHigh * count);
}
