// The values people actually type, turned into what the contract means: numbers with units and
// thousands separators, 是/否 and friends, Chinese enumeration labels, dates in cells or text.
// Each function returns the normalised value, `null` for blank, or a problem description.
import type { ColumnSpec, ColumnUnit } from '../../checks/contract.js';
import type { Bilingual } from '../../checks/types.js';
import type { RawCell } from './sheet-stream.js';
import { cleanText, isCleanText, isPlaceholder, matchKey, trimCell } from './text.js';

export type CellValue = string | number | boolean;

export type Normalised =
  | { ok: true; value: CellValue | null }
  | { ok: false; code: 'type' | 'enum'; reason: Bilingual };

const blank: Normalised = { ok: true, value: null };
const ok = (value: CellValue): Normalised => ({ ok: true, value });
const typeError = (zh: string, en: string): Normalised => ({ ok: false, code: 'type', reason: { zh, en } });

/** Units a number may carry, keyed by their NFKC lower-case spelling (`㎡` reads as `m2`). */
const UNIT_WORDS: Record<string, ColumnUnit> = {
  m2: 'm2',
  平方米: 'm2',
  平米: 'm2',
  平方: 'm2',
  sqm: 'm2',
  张: 'beds',
  床: 'beds',
  张床: 'beds',
  张床位: 'beds',
  人: 'persons',
  名: 'persons',
  位: 'persons',
  人次: 'person_times',
  户: 'households',
  元: 'yuan',
  '元/月': 'yuan',
  '元/人/月': 'yuan',
  个: 'count',
  处: 'count',
  家: 'count',
  所: 'count',
  村: 'count',
  星: 'stars',
  星级: 'stars',
};

const UNIT_NAMES: Record<ColumnUnit, Bilingual> = {
  m2: { zh: '面积（㎡）', en: 'an area (m²)' },
  beds: { zh: '床位数（张）', en: 'a number of beds' },
  persons: { zh: '人数', en: 'a number of persons' },
  person_times: { zh: '人次', en: 'a number of person-times' },
  households: { zh: '户数', en: 'a number of households' },
  yuan: { zh: '金额（元）', en: 'an amount in yuan' },
  count: { zh: '个数', en: 'a count' },
  stars: { zh: '星级', en: 'a star rating' },
};

const CHINESE_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5 };

const NUMBER_WITH_UNIT = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:e([+-]?\d+))?(.*)$/;

function parseNumberText(text: string, column: ColumnSpec): Normalised {
  // NFKC turns full-width digits into ASCII and ，into a comma; thousands separators go.
  const compact = text.normalize('NFKC').replace(/[\s\u00a0]/g, '').replace(/,(?=\d{3}(\D|$))/g, '');
  const stars = column.unit === 'stars' ? /^([零〇一二三四五])星级?$/.exec(compact) : null;
  if (stars) return ok(CHINESE_DIGITS[stars[1]!]!);
  const match = NUMBER_WITH_UNIT.exec(compact);
  if (!match) return typeError(`“${text}”不是数字`, `"${text}" is not a number`);
  const value = Number(match[1]) * (match[2] ? 10 ** Number(match[2]) : 1);
  const suffix = match[3]!.toLowerCase();
  if (suffix === '') return ok(value);
  if (suffix === '%') {
    if (column.kind === 'share') return ok(value / 100);
    return typeError(`“${text}”是百分数，此列应填写数值`, `"${text}" is a percentage; this column takes a plain number`);
  }
  const unit = UNIT_WORDS[suffix];
  if (!unit) return typeError(`“${text}”不是数字（无法识别的单位“${match[3]}”）`, `"${text}" is not a number (unknown unit "${match[3]}")`);
  if (column.unit && unit !== column.unit) {
    const expected = UNIT_NAMES[column.unit];
    return typeError(
      `“${text}”的单位与本列不符，本列应填写${expected.zh}`,
      `"${text}" has a unit that contradicts the column, which takes ${expected.en}`,
    );
  }
  return ok(value);
}

const YES = new Set(['是', '有', 'y', 'yes', 'true', '1', '√', '✓', '✔', '对', '已', '具备'].map(matchKey));
const NO = new Set(['否', '无', '没有', 'n', 'no', 'false', '0', '×', '✗', '✘', 'x', '未'].map(matchKey));

function parseYesNo(text: string): Normalised {
  const key = matchKey(text);
  if (YES.has(key)) return ok(true);
  if (NO.has(key)) return ok(false);
  return typeError(`“${text}”不是“是/否”`, `"${text}" is not yes/no (是/否)`);
}

/** Excel's last day, 9999-12-31, as a serial of the 1900 date system. */
const LAST_EXCEL_SERIAL = 2_958_465;

/**
 * An Excel serial day number (day 1 is 1900-01-01, with Excel's phantom 1900-02-29) as
 * YYYY-MM-DD, or null outside the days Excel has (it shows such a cell as ####): a
 * date-formatted 1e9 would otherwise be a date no ISO text can hold.
 */
export function excelSerialToIso(serial: number, date1904: boolean): string | null {
  const days = Math.floor(serial) + (date1904 ? 1462 : 0);
  if (!(days >= 0 && days <= LAST_EXCEL_SERIAL)) return null;
  const epoch = Date.UTC(1899, 11, 30);
  return new Date(epoch + days * 86_400_000).toISOString().slice(0, 10);
}

function isoIfValid(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

const DATE_TEXT = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[T\s].*)?$/;

function parseDateText(text: string): Normalised {
  const match = DATE_TEXT.exec(text.normalize('NFKC').trim());
  const iso = match ? isoIfValid(Number(match[1]), Number(match[2]), Number(match[3])) : null;
  return iso ? ok(iso) : typeError(`“${text}”不是日期（例如 2025-12-31）`, `"${text}" is not a date (e.g. 2025-12-31)`);
}

/** Resolves enumeration labels; built once per column. */
export class EnumLookup {
  private readonly byKey = new Map<string, string>();
  readonly choices: string;

  constructor(labels: Record<string, string[]>) {
    for (const [value, names] of Object.entries(labels)) {
      this.byKey.set(matchKey(value), value);
      for (const name of names) this.byKey.set(matchKey(name), value);
    }
    this.choices = Object.values(labels)
      .map((names) => names[0])
      .join('、');
  }

  resolve(text: string): string | undefined {
    return this.byKey.get(matchKey(text));
  }
}

export interface ValueContext {
  date1904: boolean;
  /** Enumeration lookups by column key (jurisdictions included). */
  enums: ReadonlyMap<string, EnumLookup>;
}

function cellText(cell: RawCell): string | null {
  switch (cell.type) {
    case 'string':
    case 'date':
    case 'error':
      return cell.value;
    case 'number':
      return String(cell.value);
    case 'boolean':
      return cell.value ? 'true' : 'false';
    case 'formula_without_value':
      return null;
  }
}

/**
 * The usual cell's value as normaliseCell gives it, without a result object: a blank (null), a
 * number in a number column, clean text in a text column, a known label in an enumeration or
 * yes/no column. Undefined for anything else, which normaliseCell then reads (and reports).
 * A county's 795,299 cells made two or three short-lived objects each on the way.
 */
export function usualValue(cell: RawCell | undefined, column: ColumnSpec, context: ValueContext): CellValue | null | undefined {
  if (!cell) return null;
  if (cell.type === 'number') {
    return column.kind === 'integer' || column.kind === 'number' || column.kind === 'share' ? cell.value : undefined;
  }
  if (cell.type !== 'string') return undefined;
  const text = trimCell(cell.value);
  if (text === '' || isPlaceholder(text)) return null;
  switch (column.kind) {
    case 'text':
      return isCleanText(text) ? text : undefined;
    case 'enum':
    case 'jurisdiction':
      return context.enums.get(column.key)?.resolve(text);
    case 'yesno': {
      const key = matchKey(cell.value);
      return YES.has(key) ? true : NO.has(key) ? false : undefined;
    }
    default:
      return undefined;
  }
}

/** One cell, normalised for its column. */
export function normaliseCell(cell: RawCell | undefined, column: ColumnSpec, context: ValueContext): Normalised {
  if (!cell) return blank;
  if (cell.type === 'formula_without_value') {
    return typeError(
      `公式“=${cell.formula}”没有计算结果，请在 Excel 中打开并保存后再上传`,
      `the formula "=${cell.formula}" has no cached result; open and save the file in Excel, then upload it again`,
    );
  }
  if (cell.type === 'error') return typeError(`单元格为错误值“${cell.value}”`, `the cell holds the error value "${cell.value}"`);
  if (cell.type === 'string') {
    const text = trimCell(cell.value);
    if (text === '' || isPlaceholder(text)) return blank;
  }
  switch (column.kind) {
    case 'text': {
      const text = cleanText(cell.type === 'number' ? String(cell.value) : trimCell(cellText(cell) ?? ''));
      return text.ok ? ok(text.text) : { ok: false, code: 'type', reason: text.reason };
    }
    case 'integer':
    case 'number':
    case 'share':
      if (cell.type === 'number') return ok(cell.value);
      if (cell.type === 'boolean') return typeError(`“${cellText(cell)}”不是数字`, `"${cellText(cell)}" is not a number`);
      return parseNumberText(trimCell(cellText(cell) ?? ''), column);
    case 'yesno':
      if (cell.type === 'boolean') return ok(cell.value);
      return parseYesNo(cellText(cell) ?? '');
    case 'date':
      if (cell.type === 'number') {
        // A plain number in a date column is an Excel serial when it is a plausible one.
        if (cell.date || (cell.value > 20_000 && cell.value < 80_000)) {
          const iso = excelSerialToIso(cell.value, context.date1904);
          return iso
            ? ok(iso)
            : typeError(`“${cell.value}”超出 Excel 的日期范围（1900-01-01 至 9999-12-31）`, `${cell.value} is outside Excel's dates (1900-01-01 to 9999-12-31)`);
        }
        return parseDateText(String(cell.value));
      }
      return parseDateText(cellText(cell) ?? '');
    case 'enum':
    case 'jurisdiction': {
      const text = trimCell(cellText(cell) ?? '');
      const lookup = context.enums.get(column.key);
      const value = lookup?.resolve(text);
      if (value !== undefined) return ok(value);
      return {
        ok: false,
        code: 'enum',
        reason: {
          zh: `“${text}”不是允许的取值（可选：${lookup?.choices ?? ''}）`,
          en: `"${text}" is not an allowed value (allowed: ${lookup?.choices ?? ''})`,
        },
      };
    }
  }
}
