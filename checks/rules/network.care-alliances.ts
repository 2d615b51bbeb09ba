// A blank count is unknown and unbounded: nothing the workbook states limits it.
import { regionCountRule } from './region-count.js';

export default regionCountRule({
  id: 'network.care-alliances',
  title: { zh: '康养联合体数量', en: 'Health-and-care alliances (康养联合体) in the jurisdiction' },
  field: 'care_alliances',
  arithmetic: {
    zh: '已建成康养联合体 {measured} 家，要求 {required} 家',
    en: '{measured} health-and-care alliances built, {required} required',
  },
});
