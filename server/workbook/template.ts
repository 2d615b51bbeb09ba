// The blank input workbook inspectors fill in: a bilingual instructions sheet (填写说明, which the
// reader passes over), then one sheet per contract sheet with its Chinese headers and, on every
// data row, Excel data validation (drop-down lists, whole numbers, decimals, dates). Everything
// is derived from the contract (schemas/rows/*.schema.json); what the template offers is exactly
// what the reader accepts.
import ExcelJS from 'exceljs';
import { CONTRACT, type ColumnSpec, type ColumnUnit, type SheetSpec } from '../../checks/contract.js';
import type { SheetKey } from '../../checks/facts.js';
import type { Bilingual } from '../../checks/types.js';
import { columnLetter, headerKey } from './text.js';

export interface TemplateJurisdiction {
  /** Rulebook id. */
  id: string;
  /** The jurisdiction's Chinese name, as the reader accepts it. */
  zh: string;
}

/** The instructions sheet; the reader ignores a sheet of this name. */
export const INSTRUCTIONS_SHEET = '填写说明';
/** Data validation covers rows 2 to this row of each data sheet. */
export const TEMPLATE_LAST_ROW = 1000;
/** Excel's limit on an inline list (`"a,b,c"`) in a data validation formula. */
const MAX_INLINE_LIST = 255;
/** Excel's limits on a validation's error text and title. */
const MAX_ERROR = 255;
const MAX_ERROR_TITLE = 32;

const UNIT_LABELS: Record<ColumnUnit, Bilingual> = {
  m2: { zh: '㎡', en: 'm²' },
  beds: { zh: '张', en: 'beds' },
  persons: { zh: '人', en: 'persons' },
  person_times: { zh: '人次', en: 'person-times' },
  households: { zh: '户', en: 'households' },
  yuan: { zh: '元', en: 'yuan' },
  count: { zh: '个', en: 'count' },
  stars: { zh: '星', en: 'stars' },
};

const SHEET_NOTES: Record<SheetKey, Bilingual> = {
  facilities: {
    zh: '每个养老机构、特困供养机构、乡镇（街道）居家养老服务中心、村（社区）居家养老服务照料中心填一行。',
    en: 'One row per facility: elderly-care institution, special-support home, township (street) home-care centre or village (community) care centre.',
  },
  staff: {
    zh: '完整花名册：每名工作人员填一行，包括所有岗位，不要只填持证人员；审核据此统计人数和比例。',
    en: 'The complete roster: one row per staff member in every role, not only the certified ones; the audit counts people and ratios from it.',
  },
  residential_areas: {
    zh: '每个居住区（住宅小区）填一行。',
    en: 'One row per residential area (housing estate).',
  },
  sites: {
    zh: '每处养老服务用房填一行，用“居住区编号”归属到居住区；一个居住区可有多处用房。',
    en: 'One row per elderly-service site, linked to its residential area by Area ID; an area may have several sites.',
  },
  region: {
    zh: '每个地区（县、市、区）填一行，填写全地区的统计数据。',
    en: 'One row per jurisdiction (county, city or district), with the figures for the whole jurisdiction.',
  },
};

/** Notes on single columns that the schema alone does not say (`sheet.column`). */
const COLUMN_NOTES: Record<string, { note: Bilingual; conditional?: boolean }> = {
  'facilities.facility_id': {
    note: { zh: '在本表中唯一；“人员”表用它指明所属机构。', en: 'Unique in this sheet; the staff sheet refers to it.' },
  },
  'staff.staff_id': { note: { zh: '在本表中唯一。', en: 'Unique in this sheet.' } },
  'staff.facility_id': {
    note: { zh: '必须是“机构”表中已有的机构编号。', en: 'Must be a Facility ID listed in the facilities sheet (机构).' },
  },
  'staff.caregiver_level': {
    note: {
      zh: '仅养老护理员填写；养老护理员留空视为“无”（未持证）。',
      en: 'For caregivers only; a caregiver left blank counts as 无 (no certificate).',
    },
  },
  'residential_areas.area_id': {
    note: { zh: '在本表中唯一；“用房”表用它指明所属居住区。', en: 'Unique in this sheet; the sites sheet refers to it.' },
  },
  'residential_areas.service_area_m2': {
    conditional: true,
    note: {
      zh: '该居住区在“用房”表中没有用房记录时必填；两处都填写时以本列为准。',
      en: 'Required when the area has no rows in the sites sheet (用房); when both are given, this figure is used.',
    },
  },
  'sites.site_id': { note: { zh: '在本表中唯一。', en: 'Unique in this sheet.' } },
  'sites.area_id': {
    note: { zh: '必须是“居住区”表中已有的居住区编号。', en: 'Must be an Area ID listed in the residential areas sheet (居住区).' },
  },
  'region.jurisdiction': { note: { zh: '每个地区只填一行。', en: 'One row per jurisdiction.' } },
  'facilities.smart_terminal': {
    note: {
      zh: '截至统计日期，该机构是否配备智能服务终端（主要用于乡镇（街道）居家养老服务中心）。',
      en: 'Whether the facility has a smart service terminal on the as-of date (asked of township and sub-district home-care centres).',
    },
  },
  'facilities.quality_standard_met': {
    note: {
      zh: '截至统计日期，该机构是否达到《养老机构服务质量基本规范》（GB/T 35796-2017），以最近一次评定或检查结论为准。',
      en: 'Whether the institution meets GB/T 35796-2017 (service quality) on the as-of date, by its latest assessment or inspection.',
    },
  },
  'facilities.safety_standard_met': {
    note: {
      zh: '截至统计日期，该机构是否达到《养老机构服务安全基本规范》（GB 38600-2019），以最近一次评定或检查结论为准。',
      en: 'Whether the institution meets GB 38600-2019 (service safety) on the as-of date, by its latest assessment or inspection.',
    },
  },
  'region.towns_with_care_alliance': {
    note: {
      zh: '截至统计日期，有康养联合体提供服务的乡镇个数（一个乡镇只计一次）。',
      en: 'Townships that a health-and-care alliance (康养联合体) serves on the as-of date, each counted once.',
    },
  },
  'region.streets_with_care_alliance': {
    note: {
      zh: '截至统计日期，有康养联合体提供服务的街道个数（一个街道只计一次）。',
      en: 'Sub-districts that a health-and-care alliance serves on the as-of date, each counted once.',
    },
  },
  'region.care_alliances': {
    note: {
      zh: '截至统计日期已建成的康养联合体个数（累计，不限年度）。',
      en: 'Health-and-care alliances built by the as-of date (all of them, not one year’s).',
    },
  },
  'region.smart_care_homes': {
    note: {
      zh: '截至统计日期已建成的智慧养老院个数，只计养老机构。',
      en: 'Smart elderly-care homes built by the as-of date, institutions only.',
    },
  },
  'region.dementia_care_institutions': {
    note: {
      zh: '截至统计日期已建成的专业认知障碍集中照护机构个数；养老机构内设的认知障碍照护专区不计入。',
      en: 'Dedicated dementia-care institutions built by the as-of date; a home’s dementia unit (照护专区) does not count.',
    },
  },
  'region.communities_total': {
    note: {
      zh: '截至统计日期的城镇社区（社区居委会）个数，不含行政村。',
      en: 'Urban communities (社区居委会) on the as-of date; administrative villages are not counted here.',
    },
  },
  'region.communities_with_care_facility': {
    note: {
      zh: '截至统计日期，已建有社区养老服务设施（居家养老服务照料中心、养老驿站等）的社区个数。',
      en: 'Communities with a community elderly-service facility (care centre, 养老驿站 …) on the as-of date.',
    },
  },
  'region.villages_with_meal_service': {
    note: {
      zh: '截至统计日期，老年人能享受助餐或送餐服务的行政村个数（本村设助餐点或有送餐服务均可）。',
      en: 'Villages whose elderly are reached by meal help or delivery on the as-of date (a meal point in the village or delivery to it).',
    },
  },
  'region.communities_with_meal_service': {
    note: {
      zh: '截至统计日期，老年人能享受助餐或送餐服务的社区个数。',
      en: 'Communities whose elderly are reached by meal help or delivery on the as-of date.',
    },
  },
  'region.special_hardship_willing': {
    note: {
      zh: '截至统计日期，本人提出集中供养意愿的特困老年人数，失能与否均计入。',
      en: 'Special-hardship elderly who have asked for centralized care, as of the as-of date, disabled or not.',
    },
  },
  'region.special_hardship_willing_centralized': {
    note: {
      zh: '上列有意愿的特困老年人中，截至统计日期已在特困供养机构等集中供养的人数。',
      en: 'Of those who asked, the persons in centralized care on the as-of date.',
    },
  },
  'region.community_facilities_total': {
    note: {
      zh: '截至统计日期的社区养老服务设施总数：乡镇（街道）居家养老服务中心、村（社区）居家养老服务照料中心、养老驿站等。',
      en: 'Community elderly-service facilities on the as-of date: township and sub-district centres, village and community care centres, 养老驿站 and the like.',
    },
  },
  'region.community_facilities_socialized': {
    note: {
      zh: '上列设施中，截至统计日期由养老机构、社会组织、企业、物业等社会力量运营（而非乡镇（街道）、村（社区）自行运营）的个数。',
      en: 'Of those, the ones run on the as-of date by a social operator (institution, social organisation, company, property manager), not by the town or village itself.',
    },
  },
  'region.community_facilities_by_institution': {
    note: {
      zh: '社会化运营的设施中，由养老机构承接运营的个数。',
      en: 'Of the socially operated ones, those run by an elder-care institution.',
    },
  },
  'region.training_person_times': {
    note: {
      zh: '2021年1月1日起至统计日期（最迟至2025年12月31日）累计的养老服务从业人员专业培训人次，一人参加两次计 2 人次；含护理员培训。',
      en: 'Person-times of professional training of elder-care staff, summed from 2021-01-01 to the as-of date (to 2025-12-31 at the latest); one person trained twice counts 2; caregiver training included.',
    },
  },
  'region.caregiver_training_person_times': {
    note: {
      zh: '同一期间（2021年1月1日起至统计日期）养老护理员培训的人次，含在上一列总人次内。',
      en: 'Person-times of caregiver training over the same period (2021-01-01 to the as-of date), part of the total in the previous column.',
    },
  },
  'region.age_friendly_retrofits': {
    note: {
      zh: '2021年1月1日起至统计日期（最迟至2025年12月31日）累计完成适老化改造的特殊困难老年人家庭户数。',
      en: 'Households of elderly people in special difficulty whose homes were adapted, summed from 2021-01-01 to the as-of date (to 2025-12-31 at the latest).',
    },
  },
  'region.retrofit_willing_households': {
    note: {
      zh: '截至统计日期，符合改造条件且提出改造意愿的老年人家庭户数（累计）。',
      en: 'Eligible elderly households that have asked for a home retrofit, as of the as-of date (all of them so far).',
    },
  },
  'region.retrofit_willing_completed': {
    note: {
      zh: '上列有意愿的家庭中，截至统计日期已完成适老化改造的户数。',
      en: 'Of those households, the ones whose retrofit was completed by the as-of date.',
    },
  },
};

const GENERAL_RULES: Bilingual[] = [
  {
    zh: '请勿修改工作表名称和第 1 行表头，也不要删除工作表；不需要的列可以留空。不在模板中的工作表和列会被忽略并提示。',
    en: 'Do not rename the sheets or change the headers in row 1, and do not delete sheets; leave columns you do not need blank. Sheets and columns that are not in the template are ignored with a warning.',
  },
  {
    zh: '表头带“*”的列为必填；“条件必填”的列在“说明”中所述情况下必填。表头括号中为单位，只填写数值即可。',
    en: 'Columns whose header starts with “*” are required; “conditional” columns are required in the cases the notes describe. The unit is given in brackets in the header; enter the number only.',
  },
  {
    zh: '空白表示“未知”，不是 0：数量为零时请填写 0，不清楚时留空。',
    en: 'A blank cell means “unknown”, not zero: enter 0 when the figure is zero, and leave the cell blank when it is not known.',
  },
  {
    zh: '每个机构、每名人员、每个居住区、每处用房、每个地区各占一行；不要填写合计、小计行，审核会自行计算。',
    en: 'One row per facility, person, residential area, site and jurisdiction; do not add total or subtotal rows, the audit computes its own sums.',
  },
  {
    zh: '“人员”表是完整的人员花名册：每名工作人员一行，包括各类岗位，审核据此统计持证率等比例。',
    en: 'The staff sheet (人员) is the complete roster: one row per staff member in every role; the audit computes certification rates and other ratios from it.',
  },
  {
    zh: '编号在各自工作表中必须唯一；“人员”表的机构编号必须在“机构”表中存在，“用房”表的居住区编号必须在“居住区”表中存在。',
    en: 'IDs must be unique within their sheet; every Facility ID in the staff sheet must exist in the facilities sheet, and every Area ID in the sites sheet must exist in the residential areas sheet.',
  },
  {
    zh: '日期按 YYYY-MM-DD 填写，例如 2025-12-31。',
    en: 'Enter dates as YYYY-MM-DD, e.g. 2025-12-31.',
  },
  {
    zh: '有下拉列表的列请从列表中选择；“是/否”列填写“是”或“否”。',
    en: 'Choose from the drop-down list where a column has one; yes/no columns take 是 (yes) or 否 (no).',
  },
  {
    zh: '本“填写说明”工作表不参与审核，可以保留在文件中。',
    en: 'This instructions sheet (填写说明) is not audited and may stay in the file.',
  },
];

/** Width of text in Excel character units: CJK and full-width characters count double. */
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += char.codePointAt(0)! >= 0x2e80 ? 2 : 1;
  return width;
}

const bilingual = (text: Bilingual): string => `${text.zh}\n${text.en}`;

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The column's row-schema property (bounds, enumerations). */
function propertyOf(sheet: SheetSpec, column: ColumnSpec): Record<string, unknown> {
  const properties = sheet.schema['properties'] as Record<string, Record<string, unknown>> | undefined;
  return properties?.[column.key] ?? {};
}

/**
 * The header a column gets in the template: `*` for a required column, then the Chinese header,
 * then its unit in brackets (`*建筑面积（㎡）`). Only a form the reader maps back to the column is
 * used; a header that already ends in brackets (`岗位津贴(元/月)`) gets no second unit.
 */
export function templateHeader(column: ColumnSpec): string {
  const zh = column.header.zh;
  const mark = column.required ? '*' : '';
  const endsInBracket = /[)）\]】]$/.test(zh);
  const unit = column.unit && !endsInBracket ? `（${UNIT_LABELS[column.unit].zh}）` : '';
  const target = headerKey(zh);
  for (const candidate of [`${mark}${zh}${unit}`, `${mark}${zh}`, zh]) {
    if (headerKey(candidate) === target) return candidate;
  }
  return zh;
}

interface Bounds {
  min: number | null;
  max: number | null;
  /** The lower bound itself is not allowed. */
  exclusiveMin: boolean;
  /** An upper bound that is another column of the row (`{ $data: "1/total_beds" }`). */
  maxColumn: string | null;
}

function boundsOf(sheet: SheetSpec, column: ColumnSpec): Bounds {
  const property = propertyOf(sheet, column);
  const number = (value: unknown) => (typeof value === 'number' ? value : null);
  const minimum = number(property['minimum']);
  const exclusive = number(property['exclusiveMinimum']);
  const maxData = property['maximum'];
  const maxColumn =
    typeof maxData === 'object' && maxData !== null && typeof (maxData as { $data?: unknown }).$data === 'string'
      ? String((maxData as { $data: string }).$data).replace(/^1\//, '')
      : null;
  const bounds: Bounds = {
    min: minimum ?? exclusive ?? (column.kind === 'text' ? null : 0),
    max: number(property['maximum']) ?? number(property['exclusiveMaximum']),
    exclusiveMin: minimum === null && exclusive !== null,
    maxColumn,
  };
  if (column.kind === 'integer' && bounds.exclusiveMin && bounds.min !== null) {
    bounds.min = Math.floor(bounds.min) + 1;
    bounds.exclusiveMin = false;
  }
  return bounds;
}

function rangeText(bounds: Bounds): Bilingual {
  const low = bounds.min === null ? null : `${bounds.exclusiveMin ? '>' : '≥'} ${bounds.min}`;
  if (bounds.max !== null && bounds.min !== null && !bounds.exclusiveMin) {
    return { zh: `${bounds.min}–${bounds.max}`, en: `${bounds.min} to ${bounds.max}` };
  }
  const high = bounds.max === null ? null : `≤ ${bounds.max}`;
  const text = [low, high].filter((part) => part !== null).join('，');
  return { zh: text, en: text.replace('，', ', ') };
}

/** Drop-down choices: the first label of each enumeration value. */
function enumChoices(column: ColumnSpec): string[] {
  return Object.values(column.labels ?? {})
    .map((names) => names[0])
    .filter((name): name is string => typeof name === 'string' && name !== '');
}

/** Lists too long (or with commas) for an inline formula live in hidden columns of the instructions sheet. */
class ListSource {
  private nextColumn: number;

  constructor(
    private readonly sheet: ExcelJS.Worksheet,
    firstColumn: number,
  ) {
    this.nextColumn = firstColumn;
  }

  formula(items: string[]): string {
    const inline = items.join(',');
    if (inline.length <= MAX_INLINE_LIST && !items.some((item) => /[,"]/.test(item))) return `"${inline}"`;
    const column = this.nextColumn++;
    items.forEach((item, index) => {
      this.sheet.getCell(index + 1, column).value = item;
    });
    this.sheet.getColumn(column).hidden = true;
    const letter = columnLetter(column);
    return `'${INSTRUCTIONS_SHEET}'!$${letter}$1:$${letter}$${items.length}`;
  }
}

function validationFor(
  sheet: SheetSpec,
  column: ColumnSpec,
  jurisdictions: string[],
  lists: ListSource,
): ExcelJS.DataValidation | null {
  const common = { allowBlank: true, showErrorMessage: true, errorStyle: 'stop', errorTitle: clip('填写有误 Invalid value', MAX_ERROR_TITLE) };
  const list = (items: string[], what: Bilingual): ExcelJS.DataValidation | null =>
    items.length === 0
      ? null
      : {
          ...common,
          type: 'list',
          formulae: [lists.formula(items)],
          error: clip(`请从下拉列表中选择${what.zh}。 Choose ${what.en} from the drop-down list.`, MAX_ERROR),
        };
  const bounds = boundsOf(sheet, column);
  switch (column.kind) {
    case 'enum':
      return list(enumChoices(column), { zh: `“${column.header.zh}”`, en: `the ${column.header.en.toLowerCase()}` });
    case 'yesno':
      return list(['是', '否'], { zh: '“是”或“否”', en: '是 (yes) or 否 (no)' });
    case 'jurisdiction':
      return list(jurisdictions, { zh: '地区', en: 'the jurisdiction' });
    case 'integer':
    case 'number':
    case 'share': {
      const whole = column.kind === 'integer';
      const range = rangeText(bounds);
      const error = whole
        ? `请填写整数（${range.zh}），不要带单位或文字。 Enter a whole number (${range.en}) without units or words.`
        : `请填写数值（${range.zh}），不要带单位或文字。 Enter a number (${range.en}) without units or words.`;
      const min = bounds.min ?? 0;
      const limits: Pick<ExcelJS.DataValidation, 'operator' | 'formulae'> =
        bounds.max !== null
          ? { operator: 'between', formulae: [min, bounds.max] }
          : { operator: bounds.exclusiveMin ? 'greaterThan' : 'greaterThanOrEqual', formulae: [min] };
      return { ...common, type: whole ? 'whole' : 'decimal', ...limits, error: clip(error, MAX_ERROR) };
    }
    case 'date':
      return {
        ...common,
        type: 'date',
        operator: 'greaterThanOrEqual',
        formulae: [new Date(Date.UTC(1901, 0, 1))],
        error: clip('请填写日期，格式为 YYYY-MM-DD，例如 2025-12-31。 Enter a date as YYYY-MM-DD, e.g. 2025-12-31.', MAX_ERROR),
      };
    case 'text': {
      const max = maxLength(sheet, column);
      return {
        ...common,
        type: 'textLength',
        operator: 'lessThanOrEqual',
        formulae: [max],
        error: clip(`请填写不超过 ${max} 个字符的文本。 Enter text of at most ${max} characters.`, MAX_ERROR),
      };
    }
  }
}

/** The contract's bound on a text column (every text column has one). */
function maxLength(sheet: SheetSpec, column: ColumnSpec): number {
  return Number(propertyOf(sheet, column)['maxLength']);
}

/** The "accepted values" cell of the instructions for one column. */
function acceptedValues(sheet: SheetSpec, column: ColumnSpec, jurisdictions: string[]): Bilingual {
  const range = rangeText(boundsOf(sheet, column));
  switch (column.kind) {
    case 'text':
      return { zh: `文本，不超过 ${maxLength(sheet, column)} 个字符`, en: `Text, at most ${maxLength(sheet, column)} characters` };
    case 'integer':
      return { zh: `整数，${range.zh}`, en: `Whole number, ${range.en}` };
    case 'number':
      return { zh: `数值，${range.zh}`, en: `Number, ${range.en}` };
    case 'share':
      return { zh: `比例，如 0.6 或 60%，${range.zh}`, en: `Share, e.g. 0.6 or 60%, ${range.en}` };
    case 'yesno':
      return { zh: '是 / 否', en: 'Yes / No (是 / 否)' };
    case 'date':
      return { zh: '日期 YYYY-MM-DD，例如 2025-12-31', en: 'Date YYYY-MM-DD, e.g. 2025-12-31' };
    case 'jurisdiction':
      return jurisdictions.length
        ? { zh: `从下拉列表选择：${jurisdictions.join('、')}`, en: 'A jurisdiction with a rulebook, from the drop-down list' }
        : { zh: '有审核规则的地区名称', en: 'The name of a jurisdiction with a rulebook' };
    case 'enum': {
      const zh = Object.values(column.labels ?? {})
        .map(([first, ...others]) => (others.length ? `${first}（也可写：${others.join('、')}）` : first))
        .join('；');
      const codes = Object.keys(column.labels ?? {}).join(', ');
      return { zh: `从下拉列表选择：${zh}`, en: `From the drop-down list; the codes ${codes} are also accepted` };
    }
  }
}

function requiredText(sheet: SheetSpec, column: ColumnSpec): { text: Bilingual; conditions: Bilingual[] } {
  const conditions: Bilingual[] = [];
  for (const rule of (sheet.schema['allOf'] as Record<string, unknown>[] | undefined) ?? []) {
    const then = rule['then'] as { required?: string[] } | undefined;
    if (!then?.required?.includes(column.key)) continue;
    const when = ((rule['if'] as { properties?: Record<string, { enum?: string[] }> } | undefined)?.properties) ?? {};
    for (const [key, test] of Object.entries(when)) {
      const other = sheet.columns.find((c) => c.key === key);
      if (!other || !test.enum) continue;
      const labels = test.enum.map((value) => other.labels?.[value]?.[0] ?? value);
      conditions.push({
        zh: `“${other.header.zh}”为${labels.join('或')}时必填。`,
        en: `Required when ${other.header.en} is ${labels.join(' or ')}.`,
      });
    }
  }
  const conditional = conditions.length > 0 || COLUMN_NOTES[`${sheet.key}.${column.key}`]?.conditional === true;
  const text = column.required
    ? { zh: '* 必填', en: 'Required' }
    : conditional
      ? { zh: '条件必填', en: 'Conditional' }
      : { zh: '选填', en: 'Optional' };
  return { text, conditions };
}

function notesText(sheet: SheetSpec, column: ColumnSpec, conditions: Bilingual[]): Bilingual {
  const notes: Bilingual[] = [...conditions];
  const extra = COLUMN_NOTES[`${sheet.key}.${column.key}`];
  if (extra) notes.push(extra.note);
  const { maxColumn } = boundsOf(sheet, column);
  const other = maxColumn ? sheet.columns.find((c) => c.key === maxColumn) : undefined;
  if (other) notes.push({ zh: `不得大于“${other.header.zh}”。`, en: `Must not exceed ${other.header.en}.` });
  if (sheet.key === 'facilities' && column.key === 'occupied_beds') {
    notes.push({
      zh: '完全失能、部分失能、自理人数之和不得大于在住人数。',
      en: 'Fully disabled + partially disabled + self-care residents must not exceed the residents.',
    });
  }
  return { zh: notes.map((n) => n.zh).join(''), en: notes.map((n) => n.en).join(' ') };
}

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  left: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  bottom: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  right: { style: 'thin', color: { argb: 'FFBFBFBF' } },
};
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const SHEET_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const WRAP: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: 'top' };

const INSTRUCTION_COLUMNS: { title: Bilingual; width: number }[] = [
  { title: { zh: '工作表', en: 'Sheet' }, width: 16 },
  { title: { zh: '表头', en: 'Header' }, width: 30 },
  { title: { zh: '字段', en: 'Field key' }, width: 24 },
  { title: { zh: '必填', en: 'Required' }, width: 12 },
  { title: { zh: '单位', en: 'Unit' }, width: 10 },
  { title: { zh: '可填写的值', en: 'Accepted values' }, width: 46 },
  { title: { zh: '说明', en: 'Notes' }, width: 46 },
];
const INSTRUCTION_WIDTH = INSTRUCTION_COLUMNS.length;

/** A row height (points) that shows every line of wrapped text in cells of these widths. */
function rowHeight(cells: { text: string; width: number }[]): number {
  let lines = 1;
  for (const { text, width } of cells) {
    const usable = Math.max(4, width - 2);
    const count = text.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil(displayWidth(line) / usable)), 0);
    lines = Math.max(lines, count);
  }
  return lines * 15 + 4;
}

const totalWidth = (from: number, to: number) =>
  INSTRUCTION_COLUMNS.slice(from - 1, to).reduce((sum, column) => sum + column.width, 0);

function writeInstructions(sheet: ExcelJS.Worksheet, jurisdictions: string[]): void {
  INSTRUCTION_COLUMNS.forEach((column, index) => {
    sheet.getColumn(index + 1).width = column.width;
  });
  const merged = (row: number, text: string, font: Partial<ExcelJS.Font>, from = 1) => {
    sheet.mergeCells(row, from, row, INSTRUCTION_WIDTH);
    const cell = sheet.getCell(row, from);
    cell.value = text;
    cell.font = font;
    cell.alignment = { ...WRAP, vertical: 'middle' };
    sheet.getRow(row).height = rowHeight([{ text, width: totalWidth(from, INSTRUCTION_WIDTH) }]) * ((font.size ?? 11) / 11);
  };

  let row = 1;
  merged(row++, '养老服务设施合规审核 · 填报模板 填写说明\nElderly-care facility compliance audit · Input workbook instructions', { bold: true, size: 14 });
  merged(
    row++,
    bilingual({
      zh: '请在后面各工作表中填写数据，每个工作表第 1 行为表头，从第 2 行起每行一条记录。填好后保存为 .xlsx 文件上传审核。',
      en: 'Fill in the sheets that follow: row 1 of each sheet is its header, and each row from row 2 on is one record. Save the file as .xlsx and upload it for the audit.',
    }),
    {},
  );
  row++;
  merged(row++, '一、通用规则\nGeneral rules', { bold: true, size: 12 });
  GENERAL_RULES.forEach((rule, index) => {
    const text = bilingual(rule);
    sheet.getCell(row, 1).value = index + 1;
    sheet.getCell(row, 1).alignment = { vertical: 'top', horizontal: 'center' };
    sheet.mergeCells(row, 2, row, INSTRUCTION_WIDTH);
    sheet.getCell(row, 2).value = text;
    sheet.getCell(row, 2).alignment = WRAP;
    sheet.getRow(row).height = rowHeight([{ text, width: totalWidth(2, INSTRUCTION_WIDTH) }]);
    row++;
  });
  row++;
  merged(row++, '二、各工作表与列\nSheets and columns', { bold: true, size: 12 });

  const header = sheet.getRow(row);
  INSTRUCTION_COLUMNS.forEach((column, index) => {
    const cell = header.getCell(index + 1);
    cell.value = bilingual(column.title);
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.border = THIN;
    cell.alignment = { ...WRAP, vertical: 'middle' };
  });
  header.height = 34;
  row++;

  for (const spec of CONTRACT) {
    const sheetName = bilingual(spec.name);
    const note = bilingual(SHEET_NOTES[spec.key] ?? { zh: '', en: '' });
    const first = sheet.getCell(row, 1);
    first.value = sheetName;
    first.font = { bold: true };
    sheet.mergeCells(row, 2, row, INSTRUCTION_WIDTH);
    sheet.getCell(row, 2).value = note;
    for (let col = 1; col <= INSTRUCTION_WIDTH; col++) {
      const cell = sheet.getCell(row, col);
      cell.fill = SHEET_FILL;
      cell.border = THIN;
      cell.alignment = WRAP;
    }
    sheet.getRow(row).height = rowHeight([
      { text: sheetName, width: totalWidth(1, 1) },
      { text: note, width: totalWidth(2, INSTRUCTION_WIDTH) },
    ]);
    row++;
    for (const column of spec.columns) {
      const required = requiredText(spec, column);
      const values = [
        sheetName,
        bilingual({ zh: templateHeader(column), en: column.header.en }),
        column.key,
        bilingual(required.text),
        column.unit ? bilingual(UNIT_LABELS[column.unit]) : '',
        bilingual(acceptedValues(spec, column, jurisdictions)),
        bilingual(notesText(spec, column, required.conditions)).trim(),
      ];
      values.forEach((text, index) => {
        const cell = sheet.getCell(row, index + 1);
        cell.value = text;
        cell.border = THIN;
        cell.alignment = WRAP;
        if (index === 3 && column.required) cell.font = { bold: true, color: { argb: 'FFC00000' } };
      });
      sheet.getRow(row).height = rowHeight(values.map((text, index) => ({ text, width: INSTRUCTION_COLUMNS[index]!.width })));
      row++;
    }
  }
  sheet.views = [{ state: 'normal', showGridLines: false }];
  sheet.pageSetup = { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
}

interface ValidationRegistry {
  add(address: string, validation: ExcelJS.DataValidation): void;
}

function writeDataSheet(sheet: ExcelJS.Worksheet, spec: SheetSpec, jurisdictions: string[], lists: ListSource): void {
  // exceljs keeps data validations by address; a range address is written as one sqref.
  const validations = (sheet as unknown as { dataValidations: ValidationRegistry }).dataValidations;
  const header = sheet.getRow(1);
  spec.columns.forEach((column, index) => {
    const position = index + 1;
    const text = templateHeader(column);
    const choices = column.kind === 'enum' ? enumChoices(column) : column.kind === 'jurisdiction' ? jurisdictions : [];
    const widest = Math.max(displayWidth(text), ...choices.map(displayWidth), column.kind === 'date' ? 10 : 0);
    const sheetColumn = sheet.getColumn(position);
    sheetColumn.width = Math.min(40, Math.max(12, widest + 4));
    if (column.kind === 'text') sheetColumn.numFmt = '@';
    if (column.kind === 'date') sheetColumn.numFmt = 'yyyy-mm-dd';

    const cell = header.getCell(position);
    cell.value = text;
    cell.style = {
      font: { bold: true, ...(column.required ? { color: { argb: 'FFC00000' } } : {}) },
      fill: HEADER_FILL,
      border: THIN,
      alignment: { wrapText: true, vertical: 'middle', horizontal: 'center' },
      numFmt: 'General',
    };

    const validation = validationFor(spec, column, jurisdictions, lists);
    if (validation) {
      const letter = columnLetter(position);
      validations.add(`${letter}2:${letter}${TEMPLATE_LAST_ROW}`, validation);
    }
  });
  header.height = 32;
  sheet.views = [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }];
}

/** The blank input workbook (xlsx bytes) for these jurisdictions. */
export async function buildTemplate(jurisdictions: { id: string; zh: string }[]): Promise<Buffer> {
  const names = [...new Set(jurisdictions.map((j) => j.zh.trim()).filter((name) => name !== ''))];
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'eldercare-audit';
  const instructions = workbook.addWorksheet(INSTRUCTIONS_SHEET, { properties: { tabColor: { argb: 'FF5B9BD5' } } });
  writeInstructions(instructions, names);
  const lists = new ListSource(instructions, INSTRUCTION_WIDTH + 3);
  for (const spec of CONTRACT) writeDataSheet(workbook.addWorksheet(spec.name.zh), spec, names, lists);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
