import { describe, expect, it } from 'vitest';
import { CONTRACT } from '../checks/contract.js';
import { buildWorkbook, readBytes, readSheets, FACILITY_HEADER } from './support/workbook.js';

const facilityRow = (id: string, extra: Partial<Record<string, unknown>> = {}) => [
  id,
  (extra['name'] as string) ?? `${id}号养老院`,
  (extra['jurisdiction'] as string) ?? '桐乡市',
  (extra['type'] as string) ?? '养老机构',
  (extra['ownership'] as string) ?? '公办',
  (extra['beds'] as number | string) ?? 100,
];

describe('workbook reader: layout', () => {
  it('finds sheets and columns by Chinese name or English key, in any order, below a form title', async () => {
    const result = await readSheets([
      {
        name: '机构',
        rows: [
          ['桐乡市养老机构基本情况统计表'],
          ['填报单位：桐乡市民政局'],
          ['序号', '*床位总数(张)', '机构名称', '机构编号', '所属地区', '机构类型', '运营性质'],
          [1, '１２０张', '梧桐街道敬老院', 'F001', 'tongxiang', '敬老院', '公建民营'],
          [2, '1,200', '崇福镇中心养老院', 'F002', '桐乡', 'institution', 'public'],
          ['合计', 1320],
          ['填表人：张三', '', '审核人：李四'],
          [3, 'not read', 'ignored after the footer'],
        ],
        merges: ['A1:G1'],
      },
      {
        name: 'staff',
        rows: [
          ['staff_id', 'facility_id', 'role', 'caregiver_level', 'pre_job_trained'],
          ['S1', 'F001', '养老护理员', '高级/三级', '是'],
          ['S2', 'F001', 'caregiver', null, '否'],
          ['S3', 'F002', '社工', null, '√'],
        ],
      },
    ]);
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual({ facilities: 2, staff: 3 });
    expect(result.facts!.facilities.map((f) => [f.facility_id, f.row, f.total_beds, f.facility_type, f.ownership, f.jurisdiction])).toEqual([
      ['F001', 4, 120, 'special_support', 'public_private', 'tongxiang'],
      ['F002', 5, 1200, 'institution', 'public', 'tongxiang'],
    ]);
    expect(result.facts!.staff.map((s) => [s.role, s.caregiver_level, s.pre_job_trained])).toEqual([
      ['caregiver', 'senior', true],
      ['caregiver', 'none', false],
      ['social_worker', null, true],
    ]);
    expect(result.warnings.map((w) => [w.code, w.row])).toEqual([['totals_row', 6]]);
    // Each fact has its row first, then every column of the contract in its order (blanks
    // null), whatever order the sheet gave its columns in: the order a stored audit's facts keep.
    const order = (sheet: string) => ['row', ...CONTRACT.find((s) => s.key === sheet)!.columns.map((c) => c.key)];
    expect(Object.keys(result.facts!.facilities[0]!)).toEqual(order('facilities'));
    expect(Object.keys(result.facts!.staff[2]!)).toEqual(order('staff'));
  });

  it('reads a header broken over lines and warns about unknown sheets and columns', async () => {
    const result = await readSheets([
      { name: '机构', rows: [['机构\n编号', '机构名称', '所属地区', '机构类型', '运营性质', '床位\n总数', '联系电话'], facilityRow('F1')] },
      { name: '附表', rows: [['anything']] },
    ]);
    expect(result.errors).toEqual([]);
    expect(result.warnings.map((w) => [w.code, w.cell ?? w.sheet])).toEqual([
      ['unknown_column', '机构!G1'],
      ['unknown_sheet', '附表'],
    ]);
  });

  it('skips fully blank rows and rows with only a serial number', async () => {
    const result = await readSheets([
      { name: '机构', rows: [['序号', ...FACILITY_HEADER], [1, ...facilityRow('F1')], [], [2], [3, ...facilityRow('F2')]] },
    ]);
    expect(result.errors).toEqual([]);
    expect(result.facts!.facilities.map((f) => f.row)).toEqual([2, 5]);
  });
});

describe('workbook reader: values people type', () => {
  it('reads numbers with units, full-width digits, separators, yes/no words, placeholders and dates', async () => {
    const result = await readSheets([
      {
        name: '居住区',
        rows: [
          ['居住区编号', '居住区名称', '所属地区', '建设类型', '户数', '养老服务用房面积(㎡)', '项目总建筑面积'],
          ['A1', '昌硕苑', '安吉县', '新建', '1,200户', '350㎡', '１２０，０００平方米'],
          ['A2', '天荒坪小区', 'anji', 'existing', 800, '320 m2', '/'],
          ['A3', '灵峰小区', 'Anji County', '已建', '９００', 180.5, '—'],
        ],
      },
      {
        name: '地区',
        rows: [
          ['所属地区', '统计日期', '常住人口', '60周岁及以上老年人口'],
          ['安吉县', new Date(Date.UTC(2025, 11, 31)), '600,000人', '150000'],
        ],
        formats: { B2: 'yyyy-mm-dd' },
      },
      {
        name: '机构',
        rows: [
          [...FACILITY_HEADER, '星级', '设有康复室', '提供医养结合服务', '互联网+明厨亮灶'],
          [...facilityRow('F1', { jurisdiction: '安吉县' }), '四星', '有', 'Y', '×'],
          [...facilityRow('F2', { jurisdiction: '安吉县' }), 3, 'true', '0', 'N/A'],
        ],
      },
    ]);
    expect(result.errors).toEqual([]);
    const [a1, a2, a3] = result.facts!.areas;
    expect([a1!.households, a1!.service_area_m2, a1!.project_floor_area_m2]).toEqual([1200, 350, 120000]);
    expect([a2!.development, a2!.service_area_m2, a2!.project_floor_area_m2]).toEqual(['existing', 320, null]);
    expect([a3!.households, a3!.service_area_m2, a3!.project_floor_area_m2]).toEqual([900, 180.5, null]);
    expect(result.facts!.regions[0]).toMatchObject({ jurisdiction: 'anji', as_of: '2025-12-31', population: 600000, elderly_population: 150000 });
    const [f1, f2] = result.facts!.facilities;
    expect([f1!.star_rating, f1!.has_rehab_room, f1!.medical_integration, f1!.bright_kitchen]).toEqual([4, true, true, false]);
    expect([f2!.star_rating, f2!.has_rehab_room, f2!.medical_integration, f2!.bright_kitchen]).toEqual([3, true, false, null]);
  });

  it('reads date text in every common spelling', async () => {
    for (const text of ['2025-12-31', '2025/12/31', '2025年12月31日', '2025.12.31']) {
      const result = await readSheets([{ name: '地区', rows: [['所属地区', '统计日期'], ['桐乡市', text]] }]);
      expect(result.errors, text).toEqual([]);
      expect(result.facts!.regions[0]!.as_of, text).toBe('2025-12-31');
    }
  });

  it('reports a date cell whose number lies outside Excel\'s dates as a type error at its cell, never a crash', async () => {
    const result = await readSheets([
      {
        name: '地区',
        rows: [['所属地区', '统计日期'], ['桐乡市', 1e9], ['安吉县', -5], ['嘉祥县', 2958465], ['洪洞县', 2958466]],
        formats: { B2: 'yyyy-mm-dd', B3: 'yyyy-mm-dd', B4: 'yyyy-mm-dd', B5: 'yyyy-mm-dd' },
      },
    ]);
    expect(result.facts).toBeNull();
    expect(result.errors.map((e) => [e.code, e.cell])).toEqual([
      ['type', '地区!B2'],
      ['type', '地区!B3'],
      ['type', '地区!B5'],
    ]);
    expect(result.errors[0]!.message.zh).toContain('1000000000');
    expect(result.errors[0]!.message.zh).toContain('9999-12-31');
    expect(result.errors[0]!.message.en).toContain("outside Excel's dates");
    // The last day Excel has is a date like any other.
    const last = await readSheets([{ name: '地区', rows: [['所属地区', '统计日期'], ['嘉祥县', 2958465]], formats: { B2: 'yyyy-mm-dd' } }]);
    expect(last.errors).toEqual([]);
    expect(last.facts!.regions[0]!.as_of).toBe('9999-12-31');
  });

  it('counts a formula by its cached result and rejects one without', async () => {
    const result = await readSheets([
      {
        name: '机构',
        rows: [
          FACILITY_HEADER,
          [...facilityRow('F1').slice(0, 5), { formula: '60+60', result: 120 }],
          [...facilityRow('F2').slice(0, 5), { formula: '60+61' }],
        ],
      },
    ]);
    expect(result.facts).toBeNull();
    expect(result.errors.map((e) => [e.code, e.cell])).toEqual([['type', '机构!F3']]);
    expect(result.errors[0]!.message.en).toMatch(/no cached result/);
  });

  it('reads rich-text cells as their plain text, in headers too', async () => {
    const rich = (...parts: string[]) => ({ richText: parts.map((text, i) => ({ text, font: { name: i % 2 ? 'Arial' : '宋体' } })) });
    const result = await readSheets([
      {
        name: '机构',
        rows: [
          [rich('机构', '编号'), '机构名称', '所属地区', '机构类型', '运营性质', '床位总数'],
          [rich('F', '001'), rich('阳光', 'Sunshine', '养老院'), '桐乡市', '养老机构', '民办', 50],
        ],
      },
    ]);
    expect(result.errors).toEqual([]);
    expect(result.facts!.facilities[0]).toMatchObject({ facility_id: 'F001', name: '阳光Sunshine养老院', ownership: 'private' });
  });
});

describe('workbook reader: errors at their cells', () => {
  it('reports ten mistakes as ten errors, each at its cell, and nothing else', async () => {
    const result = await readSheets([
      {
        name: '机构',
        rows: [
          [...FACILITY_HEADER, '护理型床位数', '星级', '在住人数', '完全失能人数', '自理人数'],
          ['F1', '甲养老院', '桐乡市', '养老机构', '公办', '一百', 10, 3, 50, 10, 10], // 1 type (F2)
          ['F2', '乙养老院', '火星县', '养老机构', '公办', 100, 10, 3, 50, 10, 10], // 2 enum (C3)
          ['F3', '丙养老院', '桐乡市', '宾馆', '公办', 100, 10, 3, 50, 10, 10], // 3 enum (D4)
          ['F4', '丁养老院', '桐乡市', '养老机构', null, 100, 10, 3, 50, 10, 10], // 4 required (E5)
          ['F5', '戊养老院', '桐乡市', '养老机构', '公办', 100, 120, 3, 50, 10, 10], // 5 range (G6)
          ['F6', '己养老院', '桐乡市', '养老机构', '公办', 100, 10, 7, 50, 10, 10], // 6 range (H7)
          ['F1', '庚养老院', '桐乡市', '养老机构', '公办', 100, 10, 3, 50, 10, 10], // 7 duplicate_id (A8)
          ['F8', '辛养老院', '桐乡市', '养老机构', '公办', 100, 10, 3, 15, 10, 10], // 8 consistency (I9)
          ['F9', '壬养老院', '桐乡市', '养老机构', '公办', '100㎡', 10, 3, 50, 10, 10], // 9 type (F10)
        ],
      },
      {
        name: '人员',
        rows: [
          ['人员编号', '机构编号', '岗位'],
          ['S1', 'F1', '养老护理员'],
          ['S2', 'F404', '护士'], // 10 unknown_reference (B3)
        ],
      },
    ]);
    expect(result.facts).toBeNull();
    expect(result.errors.map((e) => [e.code, e.cell])).toEqual([
      ['type', '机构!F2'],
      ['enum', '机构!C3'],
      ['enum', '机构!D4'],
      ['required', '机构!E5'],
      ['range', '机构!G6'],
      ['range', '机构!H7'],
      ['duplicate_id', '机构!A8'],
      ['consistency', '机构!I9'],
      ['type', '机构!F10'],
      ['unknown_reference', '人员!B3'],
    ]);
    for (const error of result.errors) {
      expect(error.message.zh).toContain(error.cell!);
      expect(error.message.en).toContain(error.cell!);
      expect(error.sheet).toBe(error.cell!.split('!')[0]);
      expect(error.header).toBeTruthy();
    }
    expect(result.errors[4]!.message.zh).toContain('床位总数');
    expect(result.errors[6]!.message.en).toContain('row 2');
  });

  it('reports a missing required column once, at the header row', async () => {
    const result = await readSheets([
      { name: '机构', rows: [['标题'], ['机构编号', '机构名称', '所属地区', '机构类型'], ['F1', '甲', '桐乡市', '养老机构'], ['F2', '乙', '桐乡市', '敬老院']] },
    ]);
    expect(result.errors.map((e) => [e.code, e.sheet, e.row, e.header])).toEqual([
      ['missing_column', '机构', 2, '运营性质'],
      ['missing_column', '机构', 2, '床位总数'],
    ]);
  });

  it('needs one of the facilities, residential areas or region sheets', async () => {
    const result = await readSheets([{ name: '人员', rows: [['人员编号', '机构编号', '岗位'], ['S1', 'F1', '护士']] }]);
    expect(result.errors.map((e) => e.code)).toEqual(['missing_sheet', 'missing_sheet']);
  });

  it('needs a service area for an area without sites, and warns when sites disagree with it', async () => {
    const result = await readSheets([
      {
        name: '居住区',
        rows: [
          ['居住区编号', '居住区名称', '所属地区', '建设类型', '户数', '养老服务用房面积'],
          ['A1', '甲小区', '嘉祥县', '新建', 500, null],
          ['A2', '乙小区', '嘉祥县', '新建', 500, 300],
          ['A3', '丙小区', '嘉祥县', '新建', 500, null],
        ],
      },
      { name: '用房', rows: [['用房编号', '居住区编号', '建筑面积'], ['P1', 'A2', 200], ['P2', 'A2', 50], ['P3', 'A3', 160]] },
    ]);
    expect(result.errors.map((e) => [e.code, e.cell])).toEqual([['required', '居住区!F2']]);
    expect(result.warnings.map((w) => [w.code, w.cell])).toEqual([['site_area_mismatch', '居住区!F3']]);
  });
});

describe('workbook reader: county scale', () => {
  it('reads thousands of Chinese cells exactly, cell by cell (no characters garbled at chunk boundaries)', async () => {
    const names = Array.from({ length: 6000 }, (_, i) => `养老机构第${i}号（${'康养联合体照料中心'.slice(0, (i % 9) + 1)}）`);
    const bytes = await buildWorkbook([
      {
        name: '机构',
        rows: [FACILITY_HEADER, ...names.map((name, i) => [`F${i}`, name, '桐乡市', '养老机构', '公办', i % 300])],
      },
    ]);
    const result = await readBytes(bytes);
    expect(result.errors).toEqual([]);
    const read = result.facts!.facilities.map((f) => f.name);
    expect(read.length).toBe(names.length);
    const mismatches = read.flatMap((name, i) => (name === names[i] ? [] : [[i, name, names[i]]]));
    expect(mismatches).toEqual([]);
    expect(read.join('')).not.toContain('\uFFFD');
  });
});
