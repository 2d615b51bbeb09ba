import { defineRule, type Evaluation } from '../types.js';
import { ceilSumOfRatios, countStaff, paramsSchema } from './shared.js';
import { field, type Bounds } from '../bounds.js';
import type { FacilityFacts } from '../facts.js';
import { facilitySpot } from './fact-bounds.js';

const RESIDENT_FIELDS = ['residents_fully_disabled', 'residents_partially_disabled', 'residents_self_care'] as const;

/**
 * The three resident counts; a blank one is 0 … what the occupied beds leave after the known
 * counts (the contract: their sum is at most occupied_beds), unbounded where that is blank.
 */
function residentCounts(facility: FacilityFacts): Bounds[] {
  const known = RESIDENT_FIELDS.reduce((total, key) => total + (facility[key] ?? 0), 0);
  const room = facility.occupied_beds === null ? Infinity : Math.max(0, facility.occupied_beds - known);
  return RESIDENT_FIELDS.map((key) => field(facility[key], facilitySpot(facility, key), 0, room));
}

interface Params {
  fullyDisabledPerCaregiver: number;
  partiallyDisabledPerCaregiver: number;
  selfCarePerCaregiver: number;
}

const ratio = { type: 'integer', minimum: 1 } as const;

export default defineRule<'facility', Params>({
  meta: {
    id: 'staffing.special-support-caregivers',
    title: {
      zh: '特困供养机构按老年人照护等级配备养老护理员',
      en: "Caregivers in a special-support home by residents' care level",
    },
    subject: 'facility',
    unit: 'persons',
    comparison: 'gte',
    params: paramsSchema({
        fullyDisabledPerCaregiver: ratio,
        partiallyDisabledPerCaregiver: ratio,
        selfCarePerCaregiver: ratio,
      }),
    messages: {
      arithmetic: {
        zh:
          '完全失能 {fullyDisabled} 人 ÷ {fullyDisabledPerCaregiver} + 部分失能 {partiallyDisabled} 人 ÷ {partiallyDisabledPerCaregiver}' +
          ' + 自理 {selfCare} 人 ÷ {selfCarePerCaregiver} = {sum}，应配养老护理员 {required} 人，实有 {measured} 人',
        en:
          '{fullyDisabled} fully disabled ÷ {fullyDisabledPerCaregiver} + {partiallyDisabled} partially disabled ÷ {partiallyDisabledPerCaregiver}' +
          ' + {selfCare} self-care residents ÷ {selfCarePerCaregiver} = {sum}; caregivers: {required} required, {measured} employed',
      },
      notSpecialSupport: {
        zh: '非特困供养机构（敬老院），不适用',
        en: 'Not a special-support home; the rule does not apply',
      },
    },
  },
  evaluate({ facility, staff }, params): Evaluation {
    if (facility.facility_type !== 'special_support') return { outcome: 'not_applicable', messageId: 'notSpecialSupport' };
    if (staff === null) {
      // Without the roster nothing settles it: name every blank that will be needed too.
      return { outcome: 'insufficient_data', missing: [...RESIDENT_FIELDS.filter((key) => facility[key] === null), 'staff'] };
    }
    const counts = residentCounts(facility);
    const pers = [params.fullyDisabledPerCaregiver, params.partiallyDisabledPerCaregiver, params.selfCarePerCaregiver];
    // The catalogue's reading: the three ratios are summed, then rounded up once, so that
    // 1 fully disabled (⅓) and 4 partially disabled (⅔) residents need 1 caregiver, not 2.
    // The head-count grows with every count, so the ends of the blanks give its ends.
    const least = ceilSumOfRatios(counts.map((count, i) => ({ count: count.low, per: pers[i]! })));
    const most = counts.some((count) => count.high === Infinity)
      ? { required: Infinity, sum: Infinity }
      : ceilSumOfRatios(counts.map((count, i) => ({ count: count.high, per: pers[i]! })));
    const required: Bounds = {
      value: counts.every((count) => count.value !== null) ? least.required : null,
      low: least.required,
      high: most.required,
      lowOpen: false,
      highOpen: false,
      blanks: counts.flatMap((count) => count.blanks),
    };
    const [fullyDisabled, partiallyDisabled, selfCare] = counts.map((count) => count.value ?? '—');
    return {
      outcome: 'measured',
      measured: countStaff(staff, (member) => member.role === 'caregiver'),
      required,
      messageId: 'arithmetic',
      data: { fullyDisabled: fullyDisabled!, partiallyDisabled: partiallyDisabled!, selfCare: selfCare!, ...params, sum: required.value === null ? '—' : least.sum },
    };
  },
});
