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
import equipmentSmartServiceTerminal from './rules/equipment.smart-service-terminal.js';
import networkTownshipCareAllianceCoverage from './rules/network.township-care-alliance-coverage.js';
import networkCareAlliances from './rules/network.care-alliances.js';
import networkSmartCareHomes from './rules/network.smart-care-homes.js';
import networkDementiaCareInstitution from './rules/network.dementia-care-institution.js';
import networkMealServiceCoverage from './rules/network.meal-service-coverage.js';
import networkCommunityFacilityCoverage from './rules/network.community-facility-coverage.js';
import networkWillingSpecialHardshipCentralized from './rules/network.willing-special-hardship-centralized.js';
import operationCommunitySocialized from './rules/operation.community-socialized.js';
import operationCommunityInstitutionRun from './rules/operation.community-institution-run.js';
import qualityServiceQualityStandard from './rules/quality.service-quality-standard.js';
import qualityServiceSafetyStandard from './rules/quality.service-safety-standard.js';
import workforceTrainingPersonTimes from './rules/workforce.training-person-times.js';
import workforceCaregiverTrainingPersonTimes from './rules/workforce.caregiver-training-person-times.js';
import homesAgeFriendlyRetrofits from './rules/homes.age-friendly-retrofits.js';
import homesRetrofitCoverage from './rules/homes.retrofit-coverage.js';

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
  equipmentSmartServiceTerminal,
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
  networkTownshipCareAllianceCoverage,
  networkCareAlliances,
  networkSmartCareHomes,
  networkDementiaCareInstitution,
  networkMealServiceCoverage,
  networkCommunityFacilityCoverage,
  networkWillingSpecialHardshipCentralized,
  operationCommunitySocialized,
  operationCommunityInstitutionRun,
  qualityServiceQualityStandard,
  qualityServiceSafetyStandard,
  workforceTrainingPersonTimes,
  workforceCaregiverTrainingPersonTimes,
  homesAgeFriendlyRetrofits,
  homesRetrofitCoverage,
] as unknown as readonly AnyRule[];

const byId = new Map(RULES.map((rule) => [rule.meta.id, rule]));

export function ruleById(id: string): AnyRule | undefined {
  return byId.get(id);
}
