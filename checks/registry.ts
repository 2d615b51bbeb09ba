// Every rule the engine knows, by id. A rule is code; which rules a jurisdiction applies, and
// with which figures, is its rulebook's business (checks/rulebooks/*.json).
import type { Rule, SubjectKind } from './types.js';
import spacePer100HouseholdsNew from './rules/space.per-100-households.new.js';
import spacePer100HouseholdsExisting from './rules/space.per-100-households.existing.js';
import spaceSiteMinimum from './rules/space.site-minimum.js';
import spaceProjectFloorShare from './rules/space.project-floor-share.js';
import staffingSpecialSupportCaregivers from './rules/staffing.special-support-caregivers.js';
import staffingSocialWorkerPerBeds from './rules/staffing.social-worker-per-beds.js';
import equipmentRehabRoom from './rules/equipment.rehab-room.js';
import staffingRehabNurseByStar from './rules/staffing.rehab-nurse-by-star.js';
import staffingRehabPhysicianByStar from './rules/staffing.rehab-physician-by-star.js';
import qualitySpecialSupportGrade from './rules/quality.special-support-grade.js';
import staffingPreJobTraining from './rules/staffing.pre-job-training.js';
import staffingProfessionalCertification from './rules/staffing.professional-certification.js';
import workforceCaregiverAllowance from './rules/workforce.caregiver-allowance.js';
import planningLandPerCapita from './rules/planning.land-per-capita.js';
import planningVillageCareRoom from './rules/planning.village-care-room.js';
import workforceCertifiedCaregiversPer10k from './rules/workforce.certified-caregivers-per-10k.js';
import workforceSeniorCaregiverShare from './rules/workforce.senior-caregiver-share.js';
import workforceFirstAidShare from './rules/workforce.first-aid-share.js';
import workforceSocialWorkersPer10k from './rules/workforce.social-workers-per-10k.js';
import bedsNursingShare from './rules/beds.nursing-share.js';
import bedsDementiaPer10k from './rules/beds.dementia-per-10k.js';
import bedsFamilyCareBeds from './rules/beds.family-care-beds.js';
import occupancyPublicInstitutions from './rules/occupancy.public-institutions.js';
import networkSpecialHardshipCentralized from './rules/network.special-hardship-centralized.js';
import networkCountySpecialSupportHome from './rules/network.county-special-support-home.js';
import networkStreetCenterCoverage from './rules/network.street-center-coverage.js';
import networkTownCenterCoverage from './rules/network.town-center-coverage.js';
import qualityBrightKitchen from './rules/quality.bright-kitchen.js';
import qualityInfectionMonitoring from './rules/quality.infection-monitoring.js';
import qualityMedicalIntegration from './rules/quality.medical-integration.js';

export type AnyRule = Rule<SubjectKind, never>;

export const RULES: readonly AnyRule[] = [
  spacePer100HouseholdsNew,
  spacePer100HouseholdsExisting,
  spaceSiteMinimum,
  spaceProjectFloorShare,
  staffingSpecialSupportCaregivers,
  staffingSocialWorkerPerBeds,
  equipmentRehabRoom,
  staffingRehabNurseByStar,
  staffingRehabPhysicianByStar,
  qualitySpecialSupportGrade,
  staffingPreJobTraining,
  staffingProfessionalCertification,
  workforceCaregiverAllowance,
  planningLandPerCapita,
  planningVillageCareRoom,
  workforceCertifiedCaregiversPer10k,
  workforceSeniorCaregiverShare,
  workforceFirstAidShare,
  workforceSocialWorkersPer10k,
  bedsNursingShare,
  bedsDementiaPer10k,
  bedsFamilyCareBeds,
  occupancyPublicInstitutions,
  networkSpecialHardshipCentralized,
  networkCountySpecialSupportHome,
  networkStreetCenterCoverage,
  networkTownCenterCoverage,
  qualityBrightKitchen,
  qualityInfectionMonitoring,
  qualityMedicalIntegration,
] as unknown as readonly AnyRule[];

const byId = new Map(RULES.map((rule) => [rule.meta.id, rule]));

export function ruleById(id: string): AnyRule | undefined {
  return byId.get(id);
}
