// They are institutions: a blank count is at most the institutions the row states.
import { regionCountRule } from './region-count.js';

export default regionCountRule({
  id: 'network.dementia-care-institution',
  title: { zh: '专业认知障碍集中照护机构', en: 'Dedicated dementia-care institutions (专业认知障碍集中照护机构)' },
  field: 'dementia_care_institutions',
  arithmetic: {
    zh: '已建成专业认知障碍集中照护机构 {measured} 家，要求 {required} 家',
    en: '{measured} dedicated dementia-care institutions built, {required} required',
  },
});
