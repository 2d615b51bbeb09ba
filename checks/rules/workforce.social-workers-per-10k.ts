import { defineRule } from '../types.js';
import { per10kElderly, regionFigureOrStaffCount } from './region-shared.js';
import { countStaff, FIGURE_PARAM, paramsSchema } from './shared.js';

interface Params {
  per10k: number;
}

export default defineRule<'region', Params>({
  meta: {
    id: 'workforce.social-workers-per-10k',
    title: { zh: '每万名老年人拥有社会工作者数', en: 'Social workers per 10,000 elderly' },
    subject: 'region',
    unit: 'persons_per_10k',
    comparison: 'gte',
    params: paramsSchema({ per10k: FIGURE_PARAM }),
    messages: {
      fromRegion: {
        zh: '社会工作者 {count} 人（地区表填报）× 10,000 ÷ 老年人口 {elderly} = {measured} 人/万名老年人，要求 {required} 人/万名老年人',
        en: '{count} social workers (as reported in the region sheet) × 10,000 ÷ {elderly} elderly = {measured} per 10,000, {required} required',
      },
      fromStaff: {
        zh: '社会工作者 {count} 人（据人员表统计）× 10,000 ÷ 老年人口 {elderly} = {measured} 人/万名老年人，要求 {required} 人/万名老年人',
        en: '{count} social workers (counted from the staff sheet) × 10,000 ÷ {elderly} elderly = {measured} per 10,000, {required} required',
      },
      noElderly: {
        zh: '老年人口为 0，不适用',
        en: 'The elderly population is 0; the rule does not apply',
      },
    },
  },
  evaluate(subject, { per10k }) {
    const workers = regionFigureOrStaffCount(subject, 'social_workers', (staff) => countStaff(staff, (member) => member.role === 'social_worker'));
    return per10kElderly(subject.region, workers, { required: per10k, zeroMessageId: 'noElderly' });
  },
});
