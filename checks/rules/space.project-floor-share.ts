import { defineRule, type Evaluation } from '../types.js';
import { serviceAreaOf } from './shared.js';

interface Params {
  share: number;
}

export default defineRule<'area', Params>({
  meta: {
    id: 'space.project-floor-share',
    title: {
      zh: '新建住宅项目养老服务用房不低于项目总建筑面积的规定比例',
      en: 'New housing project: elderly-service rooms as a share of the project floor area',
    },
    subject: 'area',
    unit: 'm2',
    comparison: 'gte',
    params: {
      type: 'object',
      required: ['share'],
      additionalProperties: false,
      // A fraction: 0.002 is 2‰.
      properties: { share: { type: 'number', exclusiveMinimum: 0, maximum: 1 } },
    },
    messages: {
      arithmetic: {
        zh: '项目总建筑面积 {projectFloor} ㎡ × {permille}‰ = {required} ㎡，实有 {measured} ㎡',
        en: '{projectFloor} m² project floor area × {permille}‰ = {required} m² required, {measured} m² provided',
      },
      arithmeticFromSites: {
        zh: '项目总建筑面积 {projectFloor} ㎡ × {permille}‰ = {required} ㎡，实有 {measured} ㎡（{siteCount} 处用房合计）',
        en: '{projectFloor} m² project floor area × {permille}‰ = {required} m² required, {measured} m² provided (sum of {siteCount} {sitesWord})',
      },
      notNew: { zh: '非新建居住区，不适用', en: 'Not a new residential area; the rule does not apply' },
    },
  },
  evaluate(subject, { share }): Evaluation {
    const { area } = subject;
    if (area.development !== 'new') return { outcome: 'not_applicable', messageId: 'notNew' };
    const provided = serviceAreaOf(subject);
    const projectFloor = area.project_floor_area_m2;
    if (provided === null || projectFloor === null) {
      return {
        outcome: 'insufficient_data',
        missing: [...(provided === null ? ['service_area_m2'] : []), ...(projectFloor === null ? ['project_floor_area_m2'] : [])],
      };
    }
    return {
      outcome: 'measured',
      measured: provided.m2,
      required: share * projectFloor,
      messageId: provided.source === 'sites' ? 'arithmeticFromSites' : 'arithmetic',
      data: {
        projectFloor,
        // The source documents state this ratio in per mille (千分之二), so messages do too.
        permille: share * 1000,
        ...(provided.source === 'sites'
          ? { siteCount: provided.siteCount, sitesWord: provided.siteCount === 1 ? 'site' : 'sites' }
          : {}),
      },
    };
  },
});
