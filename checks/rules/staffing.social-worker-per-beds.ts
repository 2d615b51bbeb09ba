import { isInstitution } from '../facts.js';
import { countStaff, paramsSchema } from './shared.js';
import { ceiling, exact, quotient } from '../bounds.js';
import { facilitySpot, totalBeds } from './fact-bounds.js';
import { defineRule } from '../types.js';

interface Params {
  bedsPerWorker: number;
}

export default defineRule<'facility', Params>({
  meta: {
    id: 'staffing.social-worker-per-beds',
    title: { zh: '养老机构按床位配备社会工作者', en: 'Social workers per institution beds' },
    subject: 'facility',
    unit: 'persons',
    comparison: 'gte',
    params: paramsSchema({ bedsPerWorker: { type: 'integer', minimum: 1 } }),
    messages: {
      arithmetic: {
        zh: '{beds} 张床位 ÷ {bedsPerWorker} = {quotient}，应配社会工作者 {required} 人，实有 {measured} 人',
        en: '{beds} beds ÷ {bedsPerWorker} = {quotient}: {required} social workers required, {measured} employed',
      },
      arithmeticBlankBeds: {
        zh: '床位总数未填，每 {bedsPerWorker} 张床位应配社会工作者 1 人，实有 {measured} 人',
        en: 'beds blank; 1 social worker required per {bedsPerWorker} beds, {measured} employed',
      },
      notInstitution: { zh: '非养老机构，不适用', en: 'Not an institution; the rule does not apply' },
      noBeds: { zh: '床位总数为 0，不适用', en: 'No beds; the rule does not apply' },
    },
  },
  evaluate({ facility, staff }, { bedsPerWorker }) {
    if (!isInstitution(facility)) return { outcome: 'not_applicable', messageId: 'notInstitution' };
    if (staff === null) return { outcome: 'insufficient_data', missing: ['staff'] };
    if (facility.total_beds === 0) return { outcome: 'not_applicable', messageId: 'noBeds' };
    const beds = totalBeds(facility);
    // A blank bed count may be 0 (the rule would not apply): evaluated as if it applied, with
    // at least 1 bed, and with the beds as the hinge.
    const applying = beds.value === null ? { ...beds, low: Math.max(1, beds.low) } : beds;
    const hinges = beds.value === null && beds.low === 0 ? [{ ...facilitySpot(facility, 'total_beds'), low: 0, high: Infinity }] : [];
    return {
      outcome: 'measured',
      measured: countStaff(staff, (member) => member.role === 'social_worker'),
      // Head-counts are rounded up: 130 beds at 1 per 60 need 3 social workers.
      required: ceiling(quotient(applying, exact(bedsPerWorker))),
      messageId: beds.value === null ? 'arithmeticBlankBeds' : 'arithmetic',
      data: { beds: beds.value ?? '—', bedsPerWorker, quotient: beds.value === null ? '—' : beds.value / bedsPerWorker },
      ...(hinges.length ? { hinges } : {}),
    };
  },
});
