// Smart homes are institutions: a blank count is at most the institutions the row states.
import { regionCountRule } from './region-count.js';

export default regionCountRule({
  id: 'network.smart-care-homes',
  title: { zh: '智慧养老院数量', en: 'Smart elderly-care homes (智慧养老院)' },
  field: 'smart_care_homes',
  arithmetic: {
    zh: '已建成智慧养老院 {measured} 家，要求 {required} 家',
    en: '{measured} smart elderly-care homes built, {required} required',
  },
});
