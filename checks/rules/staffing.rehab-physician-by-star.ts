import { defineRule } from '../types.js';
import { countStaff } from './shared.js';
import { STAR_GATE_MESSAGES, STAR_PARAMS, starGate, type StarParams } from './star-gate.js';

export default defineRule<'facility', StarParams>({
  meta: {
    id: 'staffing.rehab-physician-by-star',
    title: {
      zh: '五星级养老机构配备康复医师或康复治疗师',
      en: 'Five-star institutions have a rehabilitation physician or therapist',
    },
    subject: 'facility',
    unit: 'persons',
    comparison: 'gte',
    params: STAR_PARAMS,
    messages: {
      arithmetic: {
        zh: '{stars} 星级机构（{minStars} 星及以上）应配康复医师或康复治疗师至少 {required} 人，实有康复医师 {physicians} 人、康复治疗师 {therapists} 人，共 {measured} 人',
        en: '{stars}-star institution ({minStars} stars or more): at least {required} rehabilitation physician or therapist required, employed: rehabilitation physicians {physicians}, therapists {therapists}, {measured} in all',
      },
      ...STAR_GATE_MESSAGES,
    },
  },
  evaluate({ facility, staff }, { minStars }) {
    const gate = starGate(facility, staff, minStars);
    if ('evaluation' in gate) return gate.evaluation;
    const physicians = countStaff(gate.staff, (member) => member.role === 'rehab_physician');
    const therapists = countStaff(gate.staff, (member) => member.role === 'rehab_therapist');
    return {
      outcome: 'measured',
      measured: physicians + therapists,
      required: 1,
      messageId: 'arithmetic',
      ...(gate.hinges.length ? { hinges: gate.hinges } : {}),
      data: { stars: gate.stars, minStars, physicians, therapists },
    };
  },
});
