import { defineRule } from '../types.js';
import { regionPair } from './fact-bounds.js';
import { paramsSchema, SHARE_PARAM, shareEvaluation } from './shared.js';

interface Params {
  share: number;
  /** `towns_and_streets` where the sentence says 乡镇（街道）, `towns` where it says 乡镇 only. */
  scope: 'towns_and_streets' | 'towns';
}

export default defineRule<'region', Params>({
  meta: {
    id: 'network.township-care-alliance-coverage',
    title: {
      zh: '康养联合体乡镇（街道）覆盖率',
      en: 'Townships (and sub-districts) covered by a health-and-care alliance',
    },
    subject: 'region',
    unit: 'share',
    comparison: 'gte',
    params: paramsSchema({ share: SHARE_PARAM, scope: { enum: ['towns_and_streets', 'towns'] } }),
    messages: {
      townsAndStreets: {
        zh: '康养联合体已覆盖乡镇 {towns} 个、街道 {streets} 个 ÷ 乡镇 {townsTotal} 个、街道 {streetsTotal} 个 = {measured:pct}，要求 {required:pct}',
        en: '{towns} townships and {streets} sub-districts covered by a health-and-care alliance of {townsTotal} townships and {streetsTotal} sub-districts = {measured:pct}, {required:pct} required',
      },
      towns: {
        zh: '康养联合体已覆盖乡镇 {towns} 个 ÷ 乡镇 {townsTotal} 个 = {measured:pct}，要求 {required:pct}',
        en: '{towns} of {townsTotal} townships covered by a health-and-care alliance = {measured:pct}, {required:pct} required',
      },
      noUnits: {
        zh: '乡镇（街道）数为 0，不适用',
        en: 'There are no townships or sub-districts to cover; the rule does not apply',
      },
    },
  },
  evaluate({ region }, { share, scope }) {
    const pairs = [regionPair(region, 'towns_with_care_alliance', 'towns_total')];
    if (scope === 'towns_and_streets') pairs.push(regionPair(region, 'streets_with_care_alliance', 'streets_total'));
    return shareEvaluation(pairs, {
      required: share,
      messageId: scope === 'towns' ? 'towns' : 'townsAndStreets',
      emptyMessageId: 'noUnits',
      allUnits: true,
      data: {
        towns: region.towns_with_care_alliance ?? '—',
        townsTotal: region.towns_total ?? '—',
        streets: region.streets_with_care_alliance ?? '—',
        streetsTotal: region.streets_total ?? '—',
      },
    });
  },
});
