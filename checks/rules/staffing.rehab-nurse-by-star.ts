import { defineRule } from '../types.js';
import { countStaff } from './shared.js';
import { STAR_GATE_MESSAGES, STAR_PARAMS, starGate, type StarParams } from './star-gate.js';

export default defineRule<'facility', StarParams>({
  meta: {
    id: 'staffing.rehab-nurse-by-star',
    title: {
      zh: '四星级、五星级养老机构配备康复护士',
      en: 'Four-star and five-star institutions have a rehabilitation nurse',
    },
    subject: 'facility',
    unit: 'persons',
    comparison: 'gte',
    params: STAR_PARAMS,
    messages: {
      arithmetic: {
        zh: '{stars} 星级机构（{minStars} 星及以上）应配康复护士至少 {required} 人，实有 {measured} 人',
        en: '{stars}-star institution ({minStars} stars or more): at least {required} rehabilitation nurse required, {measured} employed',
      },
      ...STAR_GATE_MESSAGES,
    },
  },
  evaluate({ facility, staff }, { minStars }) {
    const gate = starGate(facility, staff, minStars);
    if ('evaluation' in gate) return gate.evaluation;
    return {
      outcome: 'measured',
      measured: countStaff(gate.staff, (member) => member.role === 'rehab_nurse'),
      required: 1,
      messageId: 'arithmetic',
      ...(gate.hinges.length ? { hinges: gate.hinges } : {}),
      data: { stars: gate.stars, minStars },
    };
  },
});
