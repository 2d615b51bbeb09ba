// Normalised facts: what the workbook reader produces and the rules consume.
// Field names are the workbook contract's column keys, so that a finding's `missing`
// list names the same keys a user sees in the template. `null` always means "unknown"
// (a blank cell), never zero.

export const FACILITY_TYPES = ['institution', 'special_support', 'town_center', 'community_center'] as const;
export type FacilityType = (typeof FACILITY_TYPES)[number];

export const OWNERSHIPS = ['public', 'public_private', 'private'] as const;
export type Ownership = (typeof OWNERSHIPS)[number];

export const LEVELS = ['county', 'town', 'village'] as const;
export type Level = (typeof LEVELS)[number];

export const ROLES = [
  'caregiver',
  'social_worker',
  'nurse',
  'rehab_nurse',
  'doctor',
  'rehab_physician',
  'rehab_therapist',
  'manager',
  'other',
] as const;
export type Role = (typeof ROLES)[number];

export const CAREGIVER_LEVELS = ['none', 'junior', 'intermediate', 'senior', 'technician', 'senior_technician'] as const;
export type CaregiverLevel = (typeof CAREGIVER_LEVELS)[number];

export const DEVELOPMENTS = ['new', 'existing'] as const;
export type Development = (typeof DEVELOPMENTS)[number];

export const LOCATIONS = ['urban', 'rural'] as const;
export type Location = (typeof LOCATIONS)[number];

/** Where a fact came from, so findings and reports can point back at the workbook. */
export interface RowOrigin {
  /** Excel row number (1-based) in the fact's sheet. */
  row: number;
}

export interface FacilityFacts extends RowOrigin {
  facility_id: string;
  name: string;
  /** A rulebook id (the reader resolves Chinese names). */
  jurisdiction: string;
  facility_type: FacilityType;
  ownership: Ownership | null;
  level: Level | null;
  star_rating: number | null;
  total_beds: number | null;
  nursing_beds: number | null;
  dementia_beds: number | null;
  occupied_beds: number | null;
  residents_fully_disabled: number | null;
  residents_partially_disabled: number | null;
  residents_self_care: number | null;
  has_rehab_room: boolean | null;
  medical_integration: boolean | null;
  bright_kitchen: boolean | null;
  infection_monitoring: boolean | null;
  smart_terminal: boolean | null;
  quality_standard_met: boolean | null;
  safety_standard_met: boolean | null;
}

export interface StaffFacts extends RowOrigin {
  staff_id: string;
  facility_id: string;
  role: Role;
  /** For caregivers a blank cell reads as `none`; for other roles it stays null. */
  caregiver_level: CaregiverLevel | null;
  professional_certified: boolean | null;
  first_aid_certified: boolean | null;
  pre_job_trained: boolean | null;
  monthly_allowance_yuan: number | null;
}

export interface AreaFacts extends RowOrigin {
  area_id: string;
  name: string;
  jurisdiction: string;
  development: Development;
  households: number;
  service_area_m2: number | null;
  project_floor_area_m2: number | null;
  /** 套内建筑面积 of the service rooms: at most the service area. */
  service_interior_area_m2: number | null;
  /** Blank reads as urban for the rules: the column marks rural projects out. */
  location: Location | null;
}

export interface SiteFacts extends RowOrigin {
  site_id: string;
  area_id: string;
  floor_area_m2: number;
}

export interface RegionFacts extends RowOrigin {
  jurisdiction: string;
  /** ISO date `YYYY-MM-DD`. */
  as_of: string | null;
  population: number | null;
  elderly_population: number | null;
  elderly_service_land_m2: number | null;
  villages_total: number | null;
  villages_with_care_room: number | null;
  certified_caregivers: number | null;
  social_workers: number | null;
  family_care_beds: number | null;
  special_hardship_disabled: number | null;
  special_hardship_disabled_centralized: number | null;
  streets_total: number | null;
  streets_with_center: number | null;
  towns_total: number | null;
  towns_with_center: number | null;
  /** Institutions the jurisdiction has, listed in the workbook or not (blank: the workbook lists them all). */
  institutions_total: number | null;
  towns_with_care_alliance: number | null;
  streets_with_care_alliance: number | null;
  care_alliances: number | null;
  smart_care_homes: number | null;
  dementia_care_institutions: number | null;
  communities_total: number | null;
  communities_with_care_facility: number | null;
  villages_with_meal_service: number | null;
  communities_with_meal_service: number | null;
  special_hardship_willing: number | null;
  special_hardship_willing_centralized: number | null;
  community_facilities_total: number | null;
  community_facilities_socialized: number | null;
  community_facilities_by_institution: number | null;
  training_person_times: number | null;
  caregiver_training_person_times: number | null;
  age_friendly_retrofits: number | null;
  retrofit_willing_households: number | null;
  retrofit_willing_completed: number | null;
}

export const SHEET_KEYS = ['facilities', 'staff', 'residential_areas', 'sites', 'region'] as const;
export type SheetKey = (typeof SHEET_KEYS)[number];

/** Everything one workbook states, after validation. */
export interface WorkbookFacts {
  /** Which contract sheets the workbook has: a rule needing an absent sheet is `insufficient_data`. */
  sheets: Record<SheetKey, boolean>;
  /** Each sheet's name in the workbook and its columns' letters, where the reader found them. */
  places?: Partial<Record<SheetKey, { name: string; columns: Record<string, string> }>>;
  facilities: FacilityFacts[];
  staff: StaffFacts[];
  areas: AreaFacts[];
  sites: SiteFacts[];
  regions: RegionFacts[];
}

export function isInstitution(facility: FacilityFacts): boolean {
  return facility.facility_type === 'institution' || facility.facility_type === 'special_support';
}

/** 持证养老护理员: a caregiver with a skill level other than `none`. */
export function isCertifiedCaregiver(member: StaffFacts): boolean {
  return member.role === 'caregiver' && member.caregiver_level !== null && member.caregiver_level !== 'none';
}

/** 高级以上: senior, technician or senior technician. */
export function isSeniorCaregiver(member: StaffFacts): boolean {
  return (
    member.role === 'caregiver' &&
    (member.caregiver_level === 'senior' ||
      member.caregiver_level === 'technician' ||
      member.caregiver_level === 'senior_technician')
  );
}
