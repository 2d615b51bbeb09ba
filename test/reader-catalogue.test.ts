// The columns that catalogue 2 added to the contract (3 facility, 19 region): read as typed, and
// every part-of-whole bound an error at the part's cell naming its whole.
import { describe, expect, it } from 'vitest';
import { readSheets } from './support/workbook.js';
import { FACILITY_HEADER } from './support/workbook.js';

const REGION_HEADER = [
  '所属地区',
  '乡镇数',
  '康养联合体已覆盖乡镇数',
  '街道数',
  '康养联合体已覆盖街道数',
  '康养联合体数',
  '智慧养老院数',
  '专业认知障碍照护机构数',
  '行政村数',
  '社区数',
  '已建社区养老服务设施的社区数',
  '已开展助餐服务的行政村数',
  '已开展助餐服务的社区数',
  '有集中供养意愿的特困老年人数',
  '有意愿特困老年人中已集中供养人数',
  '社会化运营的社区养老服务设施数',
  '社区养老服务设施数',
  '养老机构承接运营的社区养老服务设施数',
  '养老服务从业人员专业培训人次',
  '养老护理员培训人次',
  '特殊困难老年人家庭适老化改造户数',
  '符合条件且有改造意愿的老年人家庭数',
  '有改造意愿家庭中已完成改造户数',
];

describe('workbook reader: catalogue 2 columns', () => {
  it('reads the 19 region columns as typed, with their units', async () => {
    const result = await readSheets([
      {
        name: '地区',
        rows: [
          REGION_HEADER,
          ['瑶海区', 11, 10, '4个', 4, '12家', 5, 1, 169, '20个', 18, 160, 20, 30, 28, 90, 100, 75, '1,125人次', '７５０人次', '29户', 40, 40],
        ],
      },
    ]);
    expect(result.errors).toEqual([]);
    expect(result.facts!.regions[0]).toMatchObject({
      jurisdiction: 'yaohai',
      towns_total: 11,
      towns_with_care_alliance: 10,
      streets_total: 4,
      streets_with_care_alliance: 4,
      care_alliances: 12,
      smart_care_homes: 5,
      dementia_care_institutions: 1,
      villages_total: 169,
      communities_total: 20,
      communities_with_care_facility: 18,
      villages_with_meal_service: 160,
      communities_with_meal_service: 20,
      special_hardship_willing: 30,
      special_hardship_willing_centralized: 28,
      community_facilities_socialized: 90,
      community_facilities_total: 100,
      community_facilities_by_institution: 75,
      training_person_times: 1125,
      caregiver_training_person_times: 750,
      age_friendly_retrofits: 29,
      retrofit_willing_households: 40,
      retrofit_willing_completed: 40,
    });
  });

  it('puts every part above its whole as a range error at the part, naming the whole; a blank whole bounds nothing', async () => {
    const result = await readSheets([
      {
        name: '地区',
        rows: [
          REGION_HEADER,
          // towns 12 > 11 (C2), streets 5 > 4 (E2), communities with a facility 21 > 20 (K2),
          // villages with meals 170 > 169 (L2), communities with meals 21 > 20 (M2)
          ['安吉县', 11, 12, 4, 5, 12, 5, 1, 169, 20, 21, 170, 21, 30, 28, 90, 100, 75, 1125, 750, 29, 40, 40],
          // centralized 31 > 30 (O3), socialized 101 > 100 (P3), by institution 102 > 101 (R3),
          // caregiver training 1,200 > 1,125 (T3), completed 41 > 40 (W3)
          ['桐乡市', 11, 10, 4, 4, 12, 5, 1, 169, 20, 18, 160, 20, 30, 31, 101, 100, 102, 1125, 1200, 29, 40, 41],
          // every whole blank: the parts stand alone
          ['洪洞县', null, 10, null, 4, 12, 5, 1, null, null, 18, 160, 20, null, 28, 90, null, 75, null, 750, 29, null, 40],
        ],
      },
    ]);
    expect(result.errors.map((e) => [e.code, e.cell])).toEqual([
      ['range', '地区!C2'],
      ['range', '地区!E2'],
      ['range', '地区!K2'],
      ['range', '地区!L2'],
      ['range', '地区!M2'],
      ['range', '地区!O3'],
      ['range', '地区!P3'],
      ['range', '地区!R3'],
      ['range', '地区!T3'],
      ['range', '地区!W3'],
    ]);
    const at = (cell: string) => result.errors.find((e) => e.cell === cell)!;
    expect(at('地区!C2').message.zh).toContain('不得大于“乡镇数”（11）');
    expect(at('地区!R3').message.zh).toContain('不得大于“社会化运营的社区养老服务设施数”（101）');
    expect(at('地区!T3').message.en).toContain('must not exceed Professional training of elder-care staff (person-times) (1125)');
    expect(at('地区!W3').message.en).toContain('must not exceed Eligible households that want a home retrofit (40)');
  });

  it('bounds a part by the next whole that is given when the whole between them is blank', async () => {
    const result = await readSheets([
      {
        name: '地区',
        rows: [
          ['所属地区', '社区养老服务设施数', '社会化运营的社区养老服务设施数', '养老机构承接运营的社区养老服务设施数'],
          ['桐乡市', 120, null, 130], // more run by institutions than there are facilities (D2)
          ['安吉县', 120, null, 120], // at most all of them: fine
          ['嘉祥县', null, null, 500], // no whole given: nothing bounds it
        ],
      },
    ]);
    expect(result.errors.map((e) => [e.code, e.cell])).toEqual([['consistency', '地区!D2']]);
    expect(result.errors[0]!.message.zh).toContain('“社会化运营的社区养老服务设施数”未填，但本项 130 仍不得大于“社区养老服务设施数”（120）');
    expect(result.errors[0]!.message.en).toContain('cannot exceed Community elderly-service facilities (120)');
  });

  it('holds person-times and households to their own units', async () => {
    const result = await readSheets([
      {
        name: '地区',
        rows: [
          ['所属地区', '养老服务从业人员专业培训人次', '特殊困难老年人家庭适老化改造户数'],
          ['瑶海区', '1125户', '29人次'],
        ],
      },
    ]);
    expect(result.errors.map((e) => [e.code, e.cell])).toEqual([
      ['type', '地区!B2'],
      ['type', '地区!C2'],
    ]);
    expect(result.errors[0]!.message.zh).toContain('本列应填写人次');
    expect(result.errors[1]!.message.zh).toContain('本列应填写户数');
  });

  it('reads the 3 facility yes/no columns, and names a word that is neither', async () => {
    const result = await readSheets([
      {
        name: '机构',
        rows: [
          [...FACILITY_HEADER, '配备智能服务终端', '服务质量基本规范达标', '服务安全基本规范达标'],
          ['AJ-1', '递铺街道居家养老服务中心', '安吉县', '乡镇(街道)居家养老服务中心', null, null, '有', null, null],
          ['JX-1', '嘉祥县福利中心', '嘉祥县', '养老机构', '公办', 200, null, '是', '否'],
          ['JX-2', '嘉祥县颐养院', '嘉祥县', '养老机构', '民办', 80, null, '也许', '√'],
        ],
      },
    ]);
    expect(result.errors.map((e) => [e.code, e.cell])).toEqual([['type', '机构!H4']]);
    const result2 = await readSheets([
      {
        name: '机构',
        rows: [
          [...FACILITY_HEADER, '配备智能服务终端', '服务质量基本规范达标', '服务安全基本规范达标'],
          ['AJ-1', '递铺街道居家养老服务中心', '安吉县', '乡镇(街道)居家养老服务中心', null, null, '有', null, null],
          ['JX-1', '嘉祥县福利中心', '嘉祥县', '养老机构', '公办', 200, null, '是', '否'],
        ],
      },
    ]);
    expect(result2.errors).toEqual([]);
    expect(result2.facts!.facilities.map((f) => [f.smart_terminal, f.quality_standard_met, f.safety_standard_met])).toEqual([
      [true, null, null],
      [null, true, false],
    ]);
  });
});
