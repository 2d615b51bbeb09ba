// A county-scale workbook for the benchmark, valid under the contract and the same for the same
// seed: facilities of every type across every rulebook's jurisdiction, their staff, residential
// areas with their sites, and one region row per jurisdiction. Written with exceljs's streaming
// writer (shared strings, as Excel writes them), so no size needs it all in memory.
import ExcelJS from 'exceljs';
import { sheetSpec, type SheetSpec } from '../checks/contract.js';
import type { SheetKey } from '../checks/facts.js';
import { defaultRulebooks } from '../checks/rulebook.js';
import { seededRandom } from './seeded-random.js';

export interface CountyScale {
  facilities: number;
  staff: number;
  areas: number;
  sites: number;
}

/** The county: 5,000 facilities, 100,000 staff, 5,000 areas with 10,000 sites. */
export const FULL_COUNTY: CountyScale = { facilities: 5_000, staff: 100_000, areas: 5_000, sites: 10_000 };

export function scaled(scale: CountyScale, factor: number): CountyScale {
  return {
    facilities: Math.round(scale.facilities * factor),
    staff: Math.round(scale.staff * factor),
    areas: Math.round(scale.areas * factor),
    sites: Math.round(scale.sites * factor),
  };
}

type Row = Record<string, string | number | null>;

const PLACES = ['城东', '城西', '河口', '桥头', '新塘', '白鹤', '青山', '石门', '梅林', '凤凰', '龙潭', '杏花', '高桥', '柳溪', '南湖', '北岭'];
const FACILITY_NAMES: Record<string, string[]> = {
  institution: ['颐养院', '康养中心', '护理院', '老年公寓'],
  special_support: ['敬老院', '中心敬老院'],
  town_center: ['居家养老服务中心'],
  community_center: ['居家养老服务照料中心', '老年人日间照料中心'],
};
const AREA_NAMES = ['花园', '新村', '小区', '家园', '公寓', '苑'];

function header(spec: SheetSpec, key: string): string {
  const column = spec.columns.find((c) => c.key === key);
  if (!column) throw new Error(`no column ${key} in ${spec.key}`);
  return column.header.zh;
}

/**
 * Writes the seeded county workbook. With `maxRowsPerSheet` (65,535 for a workbook to be saved as
 * .xls, whose sheets end at row 65,536) a longer sheet goes on in a second sheet of the same kind,
 * named by its English key (`人员`, then `staff`): the reader reads both.
 */
export async function writeCountyWorkbook(path: string, scale: CountyScale, seed = 20261123, maxRowsPerSheet = Infinity): Promise<void> {
  const next = seededRandom(seed);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const yesNo = () => (next() < 0.7 ? '是' : '否');
  const jurisdictions = defaultRulebooks().map((book) => book.names.zh);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: false });

  const writeSheet = (key: SheetKey, rows: Iterable<Row>) => {
    const spec = sheetSpec(key);
    const keys = spec.columns.map((c) => c.key);
    const names = [spec.name.zh, spec.key, spec.name.en];
    let part = 0;
    let written = 0;
    const open = () => {
      const next = workbook.addWorksheet(names[part++]!);
      next.addRow(keys.map((k) => header(spec, k))).commit();
      return next;
    };
    let sheet = open();
    for (const row of rows) {
      if (written++ === maxRowsPerSheet) {
        written = 1;
        sheet.commit();
        sheet = open();
      }
      sheet.addRow(keys.map((k) => row[k] ?? null)).commit();
    }
    sheet.commit();
  };

  const facilityIds: string[] = [];
  writeSheet('facilities', (function* facilities(): Generator<Row> {
    const types = ['institution', 'institution', 'special_support', 'town_center', 'community_center', 'community_center'];
    for (let i = 0; i < scale.facilities; i++) {
      const type = types[i % types.length]!;
      const jurisdiction = jurisdictions[i % jurisdictions.length]!;
      const id = `F${String(i + 1).padStart(5, '0')}`;
      facilityIds.push(id);
      const name = `${jurisdiction}${pick(PLACES)}${i + 1}号${pick(FACILITY_NAMES[type]!)}`;
      if (type === 'town_center' || type === 'community_center') {
        yield { facility_id: id, name, jurisdiction, facility_type: type, level: type === 'town_center' ? 'town' : 'village' };
        continue;
      }
      const total = int(30, 400);
      const occupied = int(Math.floor(total / 2), total);
      const fully = int(0, Math.floor(occupied / 3));
      const partially = int(0, Math.floor(occupied / 3));
      yield {
        facility_id: id,
        name,
        jurisdiction,
        facility_type: type,
        ownership: pick(['public', 'public_private', 'private']),
        level: pick(['county', 'town', 'village']),
        star_rating: int(0, 5),
        total_beds: total,
        nursing_beds: int(0, total),
        dementia_beds: int(0, Math.floor(total / 5)),
        occupied_beds: occupied,
        residents_fully_disabled: fully,
        residents_partially_disabled: partially,
        residents_self_care: occupied - fully - partially,
        has_rehab_room: yesNo(),
        medical_integration: yesNo(),
        bright_kitchen: yesNo(),
        infection_monitoring: yesNo(),
      };
    }
  })());

  writeSheet('staff', (function* staff(): Generator<Row> {
    const roles = ['caregiver', 'caregiver', 'caregiver', 'caregiver', 'caregiver', 'caregiver', 'nurse', 'social_worker', 'doctor', 'rehab_nurse', 'rehab_physician', 'rehab_therapist', 'manager', 'other'];
    const levels = ['none', 'junior', 'intermediate', 'senior', 'technician', 'senior_technician'];
    for (let i = 0; i < scale.staff; i++) {
      const role = pick(roles);
      yield {
        staff_id: `S${String(i + 1).padStart(7, '0')}`,
        facility_id: facilityIds[i % facilityIds.length]!,
        role,
        caregiver_level: role === 'caregiver' ? pick(levels) : null,
        professional_certified: yesNo(),
        first_aid_certified: yesNo(),
        pre_job_trained: yesNo(),
        monthly_allowance_yuan: int(0, 8) * 100,
      };
    }
  })());

  // Sites are shared out over the areas (1–3 each, in turn); an area with sites leaves its
  // service area blank half the time, so both ways of stating it are read.
  const sitesOf = Array.from({ length: scale.areas }, () => [] as number[]);
  for (let i = 0; i < scale.sites; i++) sitesOf[i % scale.areas]!.push(int(60, 600));
  writeSheet('residential_areas', (function* areas(): Generator<Row> {
    for (let i = 0; i < scale.areas; i++) {
      const sites = sitesOf[i]!;
      const total = sites.reduce((sum, area) => sum + area, 0);
      yield {
        area_id: `A${String(i + 1).padStart(5, '0')}`,
        name: `${pick(PLACES)}${pick(AREA_NAMES)}${i + 1}期`,
        jurisdiction: jurisdictions[i % jurisdictions.length]!,
        development: next() < 0.4 ? 'new' : 'existing',
        households: int(100, 3000),
        service_area_m2: sites.length && next() < 0.5 ? null : total || int(50, 800),
        project_floor_area_m2: int(20_000, 300_000),
      };
    }
  })());

  writeSheet('sites', (function* sites(): Generator<Row> {
    let n = 0;
    for (let area = 0; area < scale.areas; area++)
      for (const floor of sitesOf[area]!) yield { site_id: `P${String(++n).padStart(6, '0')}`, area_id: `A${String(area + 1).padStart(5, '0')}`, floor_area_m2: floor };
  })());

  writeSheet('region', (function* regions(): Generator<Row> {
    for (const jurisdiction of jurisdictions) {
      const population = int(300_000, 900_000);
      const villages = int(100, 400);
      const hardship = int(200, 900);
      const streets = int(2, 12);
      const towns = int(8, 20);
      yield {
        jurisdiction,
        as_of: '2025-12-31',
        population,
        elderly_population: Math.round(population * (0.2 + next() * 0.1)),
        elderly_service_land_m2: int(50_000, 400_000),
        villages_total: villages,
        villages_with_care_room: int(Math.floor(villages / 2), villages),
        family_care_beds: int(100, 2000),
        special_hardship_disabled: hardship,
        special_hardship_disabled_centralized: int(Math.floor(hardship / 2), hardship),
        streets_total: streets,
        streets_with_center: int(0, streets),
        towns_total: towns,
        towns_with_center: int(0, towns),
      };
    }
  })());

  await workbook.commit();
}
