import { defineRule, type Evaluation } from '../types.js';
import { formatNumber } from '../format.js';
import { listWithValues, paramsSchema, serviceAreaOf, sitesOf } from './shared.js';

interface Params {
  minSiteM2: number;
}

export default defineRule<'area', Params>({
  meta: {
    id: 'space.site-minimum',
    title: { zh: '新建居住区每处养老服务用房面积达标', en: 'Each site of a new residential area is large enough' },
    subject: 'area',
    unit: 'm2',
    comparison: 'gte',
    params: paramsSchema({ minSiteM2: { type: 'number', exclusiveMinimum: 0 } }),
    messages: {
      arithmetic: {
        zh: '{siteCount} 处用房中最小的 {smallestId} 为 {measured} ㎡，每处应不少于 {required} ㎡',
        en: 'smallest site {smallestId} ({siteCount} in all) has {measured} m²; each site needs at least {required} m²',
      },
      oneImplicitSite: {
        zh: '未填报用房明细，按 1 处用房计，面积 {measured} ㎡，每处应不少于 {required} ㎡',
        en: 'no site rows, so counted as one site of {measured} m²; each site needs at least {required} m²',
      },
      notNew: { zh: '非新建居住区，不适用', en: 'Not a new residential area; the rule does not apply' },
    },
  },
  evaluate(subject, { minSiteM2 }): Evaluation {
    if (subject.area.development !== 'new') return { outcome: 'not_applicable', messageId: 'notNew' };
    const found = sitesOf(subject);
    if (found === null) {
      // No sites and no figure: one site of unknown size, at least its known interior area.
      const area = serviceAreaOf(subject).m2;
      return { outcome: 'measured', measured: area, required: minSiteM2, messageId: 'oneImplicitSite' };
    }
    const { sites, implicit } = found;
    // Non-empty by construction: sitesOf returns at least the one implicit site.
    let smallest = sites[0]!;
    for (const s of sites) if (s.m2 < smallest.m2) smallest = s;
    if (implicit) {
      return { outcome: 'measured', measured: smallest.m2, required: minSiteM2, messageId: 'oneImplicitSite' };
    }
    // The message names only the smallest site; a user fixing the area needs every site that is short.
    const under = sites.filter((s) => s.m2 < minSiteM2);
    const list = listWithValues(
      under.map((s) => ({ id: s.id, value: s.m2 })),
      { zh: '㎡', en: 'm²' },
    );
    return {
      outcome: 'measured',
      measured: smallest.m2,
      required: minSiteM2,
      messageId: 'arithmetic',
      data: { siteCount: sites.length, smallestId: smallest.id },
      ...(under.length > 0
        ? {
            detail: {
              zh: `；不足 ${formatNumber(minSiteM2)} ㎡ 的用房 ${under.length} 处：${list.zh}`,
              en: `; ${under.length} ${under.length === 1 ? 'site' : 'sites'} under ${formatNumber(minSiteM2)} m²: ${list.en}`,
            },
          }
        : {}),
    };
  },
});
