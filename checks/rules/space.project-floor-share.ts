import { defineRule, type Evaluation } from '../types.js';
import { serviceAreaOf } from './shared.js';
import { field, scale } from '../bounds.js';
import { areaSpot } from './fact-bounds.js';

interface Params {
  share: number;
}

export default defineRule<'area', Params>({
  meta: {
    id: 'space.project-floor-share',
    title: {
      zh: '城镇新建住宅项目养老服务用房套内建筑面积不低于项目总建筑面积的规定比例',
      en: "New urban housing project: the rooms' interior floor area as a share of the project floor area",
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
        zh: '项目总建筑面积 {projectFloor} ㎡ × {permille}‰，应配套内建筑面积 {required} ㎡，实有套内建筑面积 {measured} ㎡',
        en: '{projectFloor} m² project floor area × {permille}‰ = {required} m² of interior floor area required, {measured} m² provided',
      },
      arithmeticFromGross: {
        zh: '项目总建筑面积 {projectFloor} ㎡ × {permille}‰，应配套内建筑面积 {required} ㎡；套内建筑面积未填，养老服务用房建筑面积 {gross} ㎡，套内建筑面积不超过此数',
        en: '{projectFloor} m² project floor area × {permille}‰ = {required} m² of interior floor area required; the interior area is blank, and it is at most the rooms\' gross {gross} m²',
      },
      notNew: { zh: '非新建居住区，不适用', en: 'Not a new residential area; the rule does not apply' },
      rural: { zh: '农村项目，不适用', en: 'A rural project; the rule does not apply' },
    },
  },
  evaluate(subject, { share }): Evaluation {
    const { area } = subject;
    if (area.development !== 'new') return { outcome: 'not_applicable', messageId: 'notNew' };
    // A blank location reads as urban: the column marks rural projects out.
    if (area.location === 'rural') return { outcome: 'not_applicable', messageId: 'rural' };
    // The rule measures the rooms' 套内建筑面积; blank, it is at most the gross service area,
    // which can still settle a fail (and leaves a would-be pass open).
    const gross = serviceAreaOf(subject).m2;
    const interior = field(area.service_interior_area_m2, areaSpot(area, 'service_interior_area_m2'), 0, gross.high);
    const interiorRange = area.service_interior_area_m2 === null ? { ...interior, blanks: [...interior.blanks, ...gross.blanks] } : interior;
    const projectFloor = field(area.project_floor_area_m2, areaSpot(area, 'project_floor_area_m2'));
    return {
      outcome: 'measured',
      measured: interiorRange,
      required: scale(projectFloor, share),
      messageId: area.service_interior_area_m2 === null ? 'arithmeticFromGross' : 'arithmetic',
      data: {
        projectFloor: projectFloor.value ?? '—',
        // The source documents state this ratio in per mille (千分之二), so messages do too.
        permille: share * 1000,
        gross: gross.value ?? '—',
      },
    };
  },
});
