import { defineRule } from '../types.js';
import { regionPair } from './fact-bounds.js';
import { paramsSchema, SHARE_PARAM, shareEvaluation } from './shared.js';

interface Params {
  share: number;
}

export default defineRule<'region', Params>({
  meta: {
    id: 'network.meal-service-coverage',
    title: { zh: '村（社区）助餐、送餐服务覆盖率', en: 'Villages and communities reached by meal help or delivery (助餐、送餐)' },
    subject: 'region',
    unit: 'share',
    comparison: 'gte',
    params: paramsSchema({ share: SHARE_PARAM }),
    messages: {
      arithmetic: {
        zh: '已开展助餐、送餐服务的行政村 {villages} 个、社区 {communities} 个 ÷ 行政村 {villagesTotal} 个、社区 {communitiesTotal} 个 = {measured:pct}，要求 {required:pct}',
        en: '{villages} villages and {communities} communities reached by meal help or delivery of {villagesTotal} villages and {communitiesTotal} communities = {measured:pct}, {required:pct} required',
      },
      noUnits: {
        zh: '行政村数与社区数均为 0，不适用',
        en: 'There are no villages or communities; the rule does not apply',
      },
    },
  },
  evaluate({ region }, { share }) {
    return shareEvaluation(
      [
        regionPair(region, 'villages_with_meal_service', 'villages_total'),
        regionPair(region, 'communities_with_meal_service', 'communities_total'),
      ],
      {
        required: share,
        messageId: 'arithmetic',
        emptyMessageId: 'noUnits',
        allUnits: true,
        data: {
          villages: region.villages_with_meal_service ?? '—',
          villagesTotal: region.villages_total ?? '—',
          communities: region.communities_with_meal_service ?? '—',
          communitiesTotal: region.communities_total ?? '—',
        },
      },
    );
  },
});
