// The blank input workbook: built for real, read back with exceljs (what Excel would show) and
// with the project's own guard and reader (what an upload of it gives). The jurisdictions are a
// fixed list, so the test does not depend on which rulebooks exist.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { CONTRACT, type ColumnSpec } from '../checks/contract.js';
import type { SheetKey } from '../checks/facts.js';
import { defaultRulebooks } from '../checks/rulebook.js';
import { jurisdictionNames } from '../server/audit/check.js';
import { openSource } from '../server/workbook/sources/open.js';
import { readSources, type JurisdictionName, type ReadResult } from '../server/workbook/read.js';
import { buildTemplate, INSTRUCTIONS_SHEET, TEMPLATE_LAST_ROW, templateHeader } from '../server/workbook/template.js';
import { headerKey } from '../server/workbook/text.js';
import { EnumLookup } from '../server/workbook/values.js';

const JURISDICTIONS = [
  { id: 'anji', zh: '安吉县' },
  { id: 'tongxiang', zh: '桐乡市' },
];
/** What the reader is given, as the audit builds it from rulebooks (Chinese name, English name, aliases). */
const NAMES: JurisdictionName[] = [
  { id: 'anji', names: ['安吉县', 'Anji County', '安吉'] },
  { id: 'tongxiang', names: ['桐乡市', 'Tongxiang', '桐乡'] },
];

async function read(bytes: Buffer, names: JurisdictionName[] = NAMES): Promise<ReadResult> {
  const source = await openSource({ name: 'template.xlsx', bytes });
  try {
    return await readSources([source], names);
  } finally {
    source.close();
  }
}

async function load(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

/** The items of a list validation, whether inline (`"a,b"`) or a range on the instructions sheet. */
function listItems(workbook: ExcelJS.Workbook, validation: ExcelJS.DataValidation): string[] {
  const formula = String(validation.formulae[0]);
  if (formula.startsWith('"')) return formula.slice(1, -1).split(',');
  const match = /^'(.+)'!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)$/.exec(formula);
  if (!match) throw new Error(`unexpected list formula ${formula}`);
  const sheet = workbook.getWorksheet(match[1]!)!;
  const items: string[] = [];
  for (let row = Number(match[3]); row <= Number(match[5]); row++) items.push(String(sheet.getCell(`${match[2]}${row}`).value));
  return items;
}

describe('template: layout', () => {
  it('has the instructions first, then every contract sheet with decorated Chinese headers the reader maps back', async () => {
    const workbook = await load(await buildTemplate(JURISDICTIONS));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([INSTRUCTIONS_SHEET, ...CONTRACT.map((spec) => spec.name.zh)]);

    for (const spec of CONTRACT) {
      const sheet = workbook.getWorksheet(spec.name.zh)!;
      const headers = spec.columns.map((_, index) => sheet.getRow(1).getCell(index + 1).value);
      expect(headers).toEqual(spec.columns.map(templateHeader));
      expect(sheet.actualRowCount).toBe(1);
      expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      for (const column of spec.columns) {
        const header = templateHeader(column);
        expect(headerKey(header)).toBe(headerKey(column.header.zh));
        expect(header.startsWith('*')).toBe(column.required);
      }
    }
    const facilities = CONTRACT.find((spec) => spec.key === 'facilities')!;
    const sites = CONTRACT.find((spec) => spec.key === 'sites')!;
    const staff = CONTRACT.find((spec) => spec.key === 'staff')!;
    const column = (spec: typeof facilities, key: string) => spec.columns.find((c) => c.key === key)!;
    expect(templateHeader(column(facilities, 'facility_id'))).toBe('*机构编号');
    expect(templateHeader(column(facilities, 'total_beds'))).toBe('床位总数（张）');
    expect(templateHeader(column(sites, 'floor_area_m2'))).toBe('*建筑面积（㎡）');
    expect(templateHeader(column(staff, 'monthly_allowance_yuan'))).toBe('岗位津贴(元/月)');
  });

  it('describes every sheet and column, in Chinese then English, on the instructions sheet', async () => {
    const workbook = await load(await buildTemplate(JURISDICTIONS));
    const sheet = workbook.getWorksheet(INSTRUCTIONS_SHEET)!;
    const texts: string[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.value ?? ''))));
    const all = texts.join('\n');
    for (const spec of CONTRACT) {
      expect(all).toContain(`${spec.name.zh}\n${spec.name.en}`);
      for (const column of spec.columns) {
        expect(texts).toContain(`${templateHeader(column)}\n${column.header.en}`);
        expect(texts).toContain(column.key);
      }
    }
    for (const words of ['空白表示“未知”，不是 0', 'not zero', '完整', 'complete roster', 'YYYY-MM-DD', '是 / 否', '初级/五级', '安吉县']) {
      expect(all).toContain(words);
    }
    expect(sheet.getColumn(6).width).toBeGreaterThan(20);
  });

  it('tells for each catalogue-2 column what to count and over which period, and offers 是/否 for its yes/no columns', async () => {
    const workbook = await load(await buildTemplate(JURISDICTIONS));
    const instructions = workbook.getWorksheet(INSTRUCTIONS_SHEET)!;
    const notes = new Map<string, string>();
    instructions.eachRow((row) => {
      const key = String(row.getCell(3).value ?? '');
      if (key) notes.set(`${String(row.getCell(1).value ?? '').split('\n')[1]}.${key}`, String(row.getCell(7).value ?? ''));
    });
    const cumulative = ['training_person_times', 'caregiver_training_person_times', 'age_friendly_retrofits'];
    const region = CONTRACT.find((spec) => spec.key === 'region')!;
    const added = region.columns.slice(region.columns.findIndex((c) => c.key === 'towns_with_care_alliance'));
    expect(added).toHaveLength(19);
    for (const column of added) {
      const note = notes.get(`${region.name.en}.${column.key}`) ?? '';
      // A stock is counted on the 统计日期, a flow from 2021 to it.
      expect(note, column.key).toMatch(cumulative.includes(column.key) ? /2021年1月1日起至统计日期[\s\S]*2021-01-01 to the as-of date/ : /统计日期|上列|社会化运营的设施中/);
    }
    const facilities = CONTRACT.find((spec) => spec.key === 'facilities')!;
    const sheet = workbook.getWorksheet(facilities.name.zh)!;
    for (const key of ['smart_terminal', 'quality_standard_met', 'safety_standard_met']) {
      expect(notes.get(`${facilities.name.en}.${key}`), key).toMatch(/截至统计日期[\s\S]*as-of date/);
      const index = facilities.columns.findIndex((c) => c.key === key) + 1;
      expect(listItems(workbook, sheet.getRow(2).getCell(index).dataValidation!), key).toEqual(['是', '否']);
    }
  });

  it('puts data validation on rows 2 to 1000 of every column: lists, numbers, dates and text lengths', async () => {
    const workbook = await load(await buildTemplate(JURISDICTIONS));
    for (const spec of CONTRACT) {
      const sheet = workbook.getWorksheet(spec.name.zh)!;
      spec.columns.forEach((column, index) => {
        const at = (row: number) => sheet.getRow(row).getCell(index + 1).dataValidation;
        expect(at(1)).toBeUndefined();
        expect(at(TEMPLATE_LAST_ROW + 1)).toBeUndefined();
        const validation = at(2)!;
        expect(validation, `${spec.key}.${column.key}`).toBeDefined();
        expect(at(TEMPLATE_LAST_ROW)).toEqual(validation);
        expect(validation.showErrorMessage).toBe(true);
        expect(validation.allowBlank).toBe(true);
        expect(validation.error).toMatch(/^[^A-Za-z]*[\u4e00-\u9fff].*。 [A-Z][a-z]/);
        switch (column.kind) {
          case 'enum':
            expect(validation.type).toBe('list');
            expect(listItems(workbook, validation)).toEqual(Object.values(column.labels!).map((names) => names[0]));
            break;
          case 'yesno':
            expect(validation).toMatchObject({ type: 'list', formulae: ['"是,否"'] });
            break;
          case 'jurisdiction':
            expect(validation).toMatchObject({ type: 'list', formulae: ['"安吉县,桐乡市"'] });
            break;
          case 'integer':
            expect(validation.type).toBe('whole');
            expect(Number(validation.formulae[0])).toBeGreaterThanOrEqual(0);
            break;
          case 'number':
          case 'share':
            expect(validation.type).toBe('decimal');
            expect(validation.formulae[0]).toBe(0);
            break;
          case 'date':
            expect(validation.type).toBe('date');
            break;
          case 'text':
            // The contract's bound, where people type (a name over 200 characters is a range error).
            expect(validation).toMatchObject({ type: 'textLength', operator: 'lessThanOrEqual' });
            expect(validation.formulae[0]).toBe(column.key === 'name' ? 200 : 64);
            break;
        }
      });
    }
    const facilities = workbook.getWorksheet('机构')!;
    const starColumn = CONTRACT[0]!.columns.findIndex((c) => c.key === 'star_rating') + 1;
    expect(facilities.getRow(2).getCell(starColumn).dataValidation).toMatchObject({ type: 'whole', operator: 'between', formulae: [0, 5] });
  });

  it('moves a jurisdiction list too long for an inline formula onto the instructions sheet', async () => {
    const many = Array.from({ length: 60 }, (_, i) => ({ id: `j${i}`, zh: `测试地区${i}号县` }));
    const bytes = await buildTemplate(many);
    const workbook = await load(bytes);
    const sheet = workbook.getWorksheet('机构')!;
    const validation = sheet.getRow(2).getCell(3).dataValidation!;
    expect(String(validation.formulae[0])).toMatch(new RegExp(`^'${INSTRUCTIONS_SHEET}'!`));
    expect(listItems(workbook, validation)).toEqual(many.map((j) => j.zh));
    const result = await read(bytes, many.map((j) => ({ id: j.id, names: [j.zh] })));
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it('builds without jurisdictions (no rulebooks yet), leaving the jurisdiction columns without a list', async () => {
    const workbook = await load(await buildTemplate([]));
    expect(workbook.getWorksheet('机构')!.getRow(2).getCell(3).dataValidation).toBeUndefined();
    expect(workbook.getWorksheet('机构')!.getRow(2).getCell(4).dataValidation?.type).toBe('list');
  });
});

/** The region row's counts: written into the template as they are and read back unchanged. */
const REGION_COUNTS = {
  special_hardship_disabled: 100,
  special_hardship_disabled_centralized: 60,
  streets_total: 4,
  streets_with_center: 4,
  towns_total: 11,
  towns_with_center: 10,
  institutions_total: 12,
  towns_with_care_alliance: 10,
  streets_with_care_alliance: 4,
  care_alliances: 12,
  smart_care_homes: 5,
  dementia_care_institutions: 1,
  communities_total: 30,
  communities_with_care_facility: 28,
  villages_with_meal_service: 150,
  communities_with_meal_service: 30,
  special_hardship_willing: 40,
  special_hardship_willing_centralized: 40,
  community_facilities_total: 200,
  community_facilities_socialized: 180,
  community_facilities_by_institution: 150,
  training_person_times: 1125,
  caregiver_training_person_times: 750,
  age_friendly_retrofits: 29,
  retrofit_willing_households: 60,
  retrofit_willing_completed: 55,
};

describe('template: read back by the reader', () => {
  it('reads the blank template with no errors and no warnings', async () => {
    const result = await read(await buildTemplate(JURISDICTIONS));
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.rows).toEqual({ facilities: 0, staff: 0, residential_areas: 0, sites: 0, region: 0 });
    expect(result.facts).toMatchObject({ facilities: [], staff: [], areas: [], sites: [], regions: [] });
  });

  it('reads one row per sheet filled in with the values the drop-downs offer', async () => {
    const workbook = await load(await buildTemplate(JURISDICTIONS));
    /** Typed values by column key; a string in a list column must be one the drop-down offers. */
    const inputs: Record<SheetKey, Record<string, ExcelJS.CellValue>> = {
      facilities: {
        facility_id: 'F001',
        name: '安吉县社会福利中心',
        jurisdiction: '安吉县',
        facility_type: '特困供养机构',
        ownership: '公建民营',
        level: '县级',
        star_rating: 3,
        total_beds: 200,
        nursing_beds: 120,
        dementia_beds: 20,
        occupied_beds: 150,
        residents_fully_disabled: 50,
        residents_partially_disabled: 60,
        residents_self_care: 40,
        has_rehab_room: '是',
        medical_integration: '否',
        bright_kitchen: '是',
        infection_monitoring: '否',
        smart_terminal: '否',
        quality_standard_met: '是',
        safety_standard_met: '否',
      },
      staff: {
        staff_id: 'S001',
        facility_id: 'F001',
        role: '养老护理员',
        caregiver_level: '中级/四级',
        professional_certified: '是',
        first_aid_certified: '否',
        pre_job_trained: '是',
        monthly_allowance_yuan: 1200.5,
      },
      residential_areas: {
        area_id: '001',
        name: '阳光小区',
        jurisdiction: '桐乡市',
        development: '新建',
        households: 1200,
        service_area_m2: 350,
        project_floor_area_m2: 120000,
        service_interior_area_m2: 280.5,
        location: '城镇',
      },
      sites: { site_id: 'X001', area_id: '001', floor_area_m2: 350 },
      region: {
        jurisdiction: '安吉县',
        as_of: new Date(Date.UTC(2025, 11, 31)),
        population: 470000,
        elderly_population: 130000,
        elderly_service_land_m2: 50000.5,
        villages_total: 169,
        villages_with_care_room: 160,
        certified_caregivers: 300,
        social_workers: 40,
        family_care_beds: 500,
        ...REGION_COUNTS,
      },
    };
    for (const spec of CONTRACT) {
      const sheet = workbook.getWorksheet(spec.name.zh)!;
      const values = inputs[spec.key];
      // Every column is filled, so every kind of value goes through the reader.
      expect(Object.keys(values).sort(), spec.key).toEqual(spec.columns.map((c) => c.key).sort());
      spec.columns.forEach((column: ColumnSpec, index) => {
        const cell = sheet.getRow(2).getCell(index + 1);
        const value = values[column.key]!;
        const validation = cell.dataValidation;
        if (validation?.type === 'list') expect(listItems(workbook, validation), `${spec.key}.${column.key}`).toContain(value);
        cell.value = value;
      });
    }
    const result = await read(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.rows).toEqual({ facilities: 1, staff: 1, residential_areas: 1, sites: 1, region: 1 });
    const facts = result.facts!;
    expect(facts.facilities).toEqual([
      {
        row: 2,
        facility_id: 'F001',
        name: '安吉县社会福利中心',
        jurisdiction: 'anji',
        facility_type: 'special_support',
        ownership: 'public_private',
        level: 'county',
        star_rating: 3,
        total_beds: 200,
        nursing_beds: 120,
        dementia_beds: 20,
        occupied_beds: 150,
        residents_fully_disabled: 50,
        residents_partially_disabled: 60,
        residents_self_care: 40,
        has_rehab_room: true,
        medical_integration: false,
        bright_kitchen: true,
        infection_monitoring: false,
        smart_terminal: false,
        quality_standard_met: true,
        safety_standard_met: false,
      },
    ]);
    expect(facts.staff).toEqual([
      {
        row: 2,
        staff_id: 'S001',
        facility_id: 'F001',
        role: 'caregiver',
        caregiver_level: 'intermediate',
        professional_certified: true,
        first_aid_certified: false,
        pre_job_trained: true,
        monthly_allowance_yuan: 1200.5,
      },
    ]);
    expect(facts.areas).toEqual([
      {
        row: 2,
        area_id: '001',
        name: '阳光小区',
        jurisdiction: 'tongxiang',
        development: 'new',
        households: 1200,
        service_area_m2: 350,
        project_floor_area_m2: 120000,
        service_interior_area_m2: 280.5,
        location: 'urban',
      },
    ]);
    expect(facts.sites).toEqual([{ row: 2, site_id: 'X001', area_id: '001', floor_area_m2: 350 }]);
    expect(facts.regions).toEqual([
      {
        row: 2,
        jurisdiction: 'anji',
        as_of: '2025-12-31',
        population: 470000,
        elderly_population: 130000,
        elderly_service_land_m2: 50000.5,
        villages_total: 169,
        villages_with_care_room: 160,
        certified_caregivers: 300,
        social_workers: 40,
        family_care_beds: 500,
        ...REGION_COUNTS,
      },
    ]);
  });

  it('offers in every enumeration drop-down only labels the reader resolves, one per value', async () => {
    const workbook = await load(await buildTemplate(JURISDICTIONS));
    for (const spec of CONTRACT) {
      const sheet = workbook.getWorksheet(spec.name.zh)!;
      spec.columns.forEach((column, index) => {
        if (column.kind !== 'enum') return;
        const offered = listItems(workbook, sheet.getRow(2).getCell(index + 1).dataValidation!);
        const lookup = new EnumLookup(column.labels!);
        expect(offered.map((label) => lookup.resolve(label)), `${spec.key}.${column.key}`).toEqual(Object.keys(column.labels!));
      });
    }
  });

  it('offers, with the project rulebooks, only jurisdiction names the audit resolves to their rulebook', async () => {
    const books = defaultRulebooks();
    const bytes = await buildTemplate(books.map((book) => ({ id: book.id, zh: book.names.zh })));
    const workbook = await load(bytes);
    const offered = listItems(workbook, workbook.getWorksheet('机构')!.getRow(2).getCell(3).dataValidation!);
    expect(offered).toEqual(books.map((book) => book.names.zh));
    const lookup = new EnumLookup(Object.fromEntries(jurisdictionNames(books).map((j) => [j.id, j.names])));
    expect(offered.map((name) => lookup.resolve(name))).toEqual(books.map((book) => book.id));
    const result = await read(bytes, jurisdictionNames(books));
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
  });
});
