// Builders of normalised facts for rule and engine tests: complete, plausible defaults that a
// case overrides only where it matters.
import type {
  AreaFacts,
  FacilityFacts,
  RegionFacts,
  SiteFacts,
  StaffFacts,
  WorkbookFacts,
} from '../../checks/facts.js';
import type { AreaSubject, FacilitySubject, RegionSubject } from '../../checks/types.js';

let counter = 0;
const nextId = (prefix: string) => `${prefix}${++counter}`;

export function facility(overrides: Partial<FacilityFacts> = {}): FacilityFacts {
  return {
    row: 2,
    facility_id: nextId('F'),
    name: '测试养老院',
    jurisdiction: 'tongxiang',
    facility_type: 'institution',
    ownership: 'public',
    level: 'county',
    star_rating: null,
    total_beds: 100,
    nursing_beds: null,
    dementia_beds: null,
    occupied_beds: null,
    residents_fully_disabled: null,
    residents_partially_disabled: null,
    residents_self_care: null,
    has_rehab_room: null,
    medical_integration: null,
    bright_kitchen: null,
    infection_monitoring: null,
    smart_terminal: null,
    quality_standard_met: null,
    safety_standard_met: null,
    ...overrides,
  };
}

export function staff(overrides: Partial<StaffFacts> = {}): StaffFacts {
  const role = overrides.role ?? 'caregiver';
  return {
    row: 2,
    staff_id: nextId('S'),
    facility_id: 'F1',
    role,
    caregiver_level: role === 'caregiver' ? 'none' : null,
    professional_certified: null,
    first_aid_certified: null,
    pre_job_trained: null,
    monthly_allowance_yuan: null,
    ...overrides,
  };
}

/** `n` staff rows alike. */
export function staffTimes(n: number, overrides: Partial<StaffFacts> = {}): StaffFacts[] {
  return Array.from({ length: n }, () => staff(overrides));
}

export function area(overrides: Partial<AreaFacts> = {}): AreaFacts {
  return {
    row: 2,
    area_id: nextId('A'),
    name: '测试小区',
    jurisdiction: 'anji',
    development: 'new',
    households: 1000,
    service_area_m2: null,
    project_floor_area_m2: null,
    service_interior_area_m2: null,
    location: null,
    ...overrides,
  };
}

export function site(overrides: Partial<SiteFacts> = {}): SiteFacts {
  return { row: 2, site_id: nextId('P'), area_id: 'A1', floor_area_m2: 100, ...overrides };
}

export function region(overrides: Partial<RegionFacts> = {}): RegionFacts {
  return {
    row: 2,
    jurisdiction: 'tongxiang',
    as_of: null,
    population: null,
    elderly_population: null,
    elderly_service_land_m2: null,
    villages_total: null,
    villages_with_care_room: null,
    certified_caregivers: null,
    social_workers: null,
    family_care_beds: null,
    special_hardship_disabled: null,
    special_hardship_disabled_centralized: null,
    streets_total: null,
    streets_with_center: null,
    towns_total: null,
    towns_with_center: null,
    institutions_total: null,
    towns_with_care_alliance: null,
    streets_with_care_alliance: null,
    care_alliances: null,
    smart_care_homes: null,
    dementia_care_institutions: null,
    communities_total: null,
    communities_with_care_facility: null,
    villages_with_meal_service: null,
    communities_with_meal_service: null,
    special_hardship_willing: null,
    special_hardship_willing_centralized: null,
    community_facilities_total: null,
    community_facilities_socialized: null,
    community_facilities_by_institution: null,
    training_person_times: null,
    caregiver_training_person_times: null,
    age_friendly_retrofits: null,
    retrofit_willing_households: null,
    retrofit_willing_completed: null,
    ...overrides,
  };
}

export function facilitySubject(f: Partial<FacilityFacts> = {}, members: StaffFacts[] | null = []): FacilitySubject {
  return { kind: 'facility', facility: facility(f), staff: members };
}

export function areaSubject(a: Partial<AreaFacts> = {}, sites: SiteFacts[] = []): AreaSubject {
  return { kind: 'area', area: area(a), sites };
}

export function regionSubject(
  r: Partial<RegionFacts> = {},
  facilities: FacilityFacts[] | null = [],
  members: StaffFacts[] | null = [],
): RegionSubject {
  return { kind: 'region', region: region(r), facilities, staff: members };
}

export function workbookFacts(overrides: Partial<WorkbookFacts> = {}): WorkbookFacts {
  return {
    sheets: { facilities: true, staff: true, residential_areas: true, sites: true, region: true },
    facilities: [],
    staff: [],
    areas: [],
    sites: [],
    regions: [],
    ...overrides,
  };
}
