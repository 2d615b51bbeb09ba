// The workbook reader, shared by every format: the raw rows of one or more sources (./sources:
// .xlsx, .xls/.et, .ods, .csv) → normalised facts, or every problem at its cell in one pass.
// Sheets stream row by row; each row is normalised, checked against its row schema (ajv,
// compiled once), and kept as a fact; cross-row and cross-sheet checks (duplicate ids,
// references, sums) run once all sheets of all files are read, so that several files read as
// one workbook and sheets of the same kind are concatenated.
import type { ErrorObject, ValidateFunction } from 'ajv';
import { CONTRACT, type ColumnSpec, type SheetSpec } from '../../checks/contract.js';
import { schemaValidator } from '../../checks/ajv.js';
import {
  SHEET_KEYS,
  type AreaFacts,
  type FacilityFacts,
  type RegionFacts,
  type SheetKey,
  type SiteFacts,
  type StaffFacts,
  type WorkbookFacts,
} from '../../checks/facts.js';
import type { Bilingual } from '../../checks/types.js';
import { forFile, type Problem } from './problems.js';
import type { RawCell, RawRow } from './sheet-stream.js';
import { columnLetter, headerKey, matchKey, trimCell } from './text.js';
import { DEFAULT_READ_LIMITS, tooManyRows, type ReadLimits } from './read-limits.js';
import { EnumLookup, normaliseCell, usualValue, type CellValue, type ValueContext } from './values.js';
import { headerColumns } from './header.js';
import type { MergeRange, WorkbookSource } from './sources/source.js';

/** A jurisdiction a workbook may name: a rulebook id and every spelling of its name. */
export interface JurisdictionName {
  id: string;
  names: string[];
}

export interface ReadResult {
  /** The facts, or null when the workbook has errors (it is then rejected whole). */
  facts: WorkbookFacts | null;
  errors: Problem[];
  warnings: Problem[];
  /** Data rows read per contract sheet. */
  rows: Partial<Record<SheetKey, number>>;
}

const HEADER_SEARCH_ROWS = 10;
/** Whether a text starts with one of `words`: its first character's code looked up before any word is compared (every data row is asked). */
function startsWithOneOf(words: readonly string[]): (text: string) => boolean {
  const firsts = new Set(words.map((word) => word.charCodeAt(0)));
  return (text) => firsts.has(text.charCodeAt(0)) && words.some((word) => text.startsWith(word));
}
const isTotals = startsWithOneOf(['合计', '总计', '小计']);
const isFooter = startsWithOneOf(['填表人', '审核人', '负责人', '制表人', '填报说明', '备注']);
/** Columns nearly every form has and that mean nothing to the audit. */
const SILENT_COLUMNS = new Set(['序号', 'no.', 'no', '编号序号', '行号'].map(headerKey));
/** Sheets of instructions (our own template has one) are not data and are passed over silently. */
const SILENT_SHEETS = new Set(['填写说明', '说明', 'instructions', 'readme'].map(matchKey));

const ID_COLUMN: Record<SheetKey, string> = {
  facilities: 'facility_id',
  staff: 'staff_id',
  residential_areas: 'area_id',
  sites: 'site_id',
  region: 'jurisdiction',
};

const validators = new Map<SheetKey, ValidateFunction>(CONTRACT.map((sheet) => [sheet.key, schemaValidator(sheet.schema)]));

/** Per sheet, part → its whole, from the schemas' `maximum: { $data: "1/whole" }`. */
const wholesBySheet = new Map<SheetKey, Map<string, string>>();
for (const sheet of CONTRACT) {
  const wholeOf = new Map<string, string>();
  const properties = sheet.schema['properties'] as Record<string, { maximum?: unknown }>;
  for (const [key, property] of Object.entries(properties)) {
    const bound = property.maximum;
    if (typeof bound === 'object' && bound !== null && '$data' in bound) wholeOf.set(key, String(bound.$data).replace(/^1\//, ''));
  }
  wholesBySheet.set(sheet.key, wholeOf);
}

const sheetByName = new Map<string, SheetSpec>();
for (const sheet of CONTRACT) {
  for (const name of [sheet.key, sheet.name.zh, sheet.name.en, ...sheet.aliases]) sheetByName.set(matchKey(name), sheet);
}

function columnLookup(sheet: SheetSpec): Map<string, ColumnSpec> {
  const lookup = new Map<string, ColumnSpec>();
  for (const column of sheet.columns) {
    for (const name of [column.key, column.header.zh, column.header.en]) lookup.set(headerKey(name), column);
  }
  return lookup;
}
const columnsBySheet = new Map(CONTRACT.map((sheet) => [sheet.key, columnLookup(sheet)]));
/** The Chinese headers of each sheet, for a two-row header's group forms. */
const headerNamesBySheet = new Map(CONTRACT.map((sheet) => [sheet.key, sheet.columns.map((column) => column.header.zh)]));

function rawText(cell: RawCell | undefined): string {
  if (!cell) return '';
  switch (cell.type) {
    case 'formula_without_value':
      return '';
    case 'string':
    case 'date':
    case 'error':
      return trimCell(cell.value);
    default:
      return String(cell.value);
  }
}

/** Whether a cell holds anything, even a formula without its value (what rawText tells, without a string). */
function holdsSomething(cell: RawCell | undefined): boolean {
  if (!cell) return false;
  switch (cell.type) {
    case 'string':
    case 'date':
    case 'error':
      return trimCell(cell.value) !== '';
    default:
      return true;
  }
}

/**
 * The text of a row's leftmost non-blank cell when that cell is text, or '': totals and footer
 * rows are told by their first words (合计, 填表人), which a number never is, so a row that
 * starts with a number makes no string.
 */
function leadingText(row: RawRow): string {
  let first = Infinity;
  let leading = undefined as RawCell | undefined;
  // forEach: a Map's entries iterator makes an array for every cell, its keys one a lookup.
  row.cells.forEach((cell, index) => {
    // Non-blank as rawText() tells it: a formula without its value reads as blank here.
    if (index >= first || cell.type === 'formula_without_value' || !holdsSomething(cell)) return;
    first = index;
    leading = cell;
  });
  return leading !== undefined && (leading.type === 'string' || leading.type === 'date' || leading.type === 'error') ? rawText(leading) : '';
}

function rawValue(cell: RawCell | undefined): string | number | boolean | null {
  if (!cell) return null;
  switch (cell.type) {
    case 'number':
    case 'boolean':
      return cell.value;
    case 'formula_without_value':
      return `=${cell.formula}`;
    default:
      return cell.value;
  }
}

/** Where a sheet stands: its name, and its file when several files are read together. */
interface SheetPlace {
  sheet: string;
  /** Set only when the audit reads several files. */
  file: string | null;
}

interface Place extends SheetPlace {
  row: number;
  column: number;
  header: string;
}

/** `人员`, or `TX-002.xls › 人员` when several files are read. */
function sheetLabel(place: SheetPlace): string {
  return place.file === null ? place.sheet : `${place.file} › ${place.sheet}`;
}

/** The file of a problem, when several files are read (absent otherwise). */
const fileOf = (place: SheetPlace): { file?: string } => (place.file === null ? {} : { file: place.file });

function problemAt(code: Problem['code'], place: Place, value: Problem['value'], reason: Bilingual): Problem {
  const cell = `${sheetLabel(place)}!${columnLetter(place.column)}${place.row}`;
  return {
    code,
    ...fileOf(place),
    sheet: place.sheet,
    row: place.row,
    column: columnLetter(place.column),
    header: place.header,
    cell,
    value,
    message: { zh: `${cell}「${place.header}」：${reason.zh}`, en: `${cell} (${place.header}): ${reason.en}` },
  };
}

/** A column of the sheet that the contract knows. */
interface SheetColumn {
  index: number;
  spec: ColumnSpec;
}

/** A fact of a kind: its row number first, then every column of its kind in the contract's order, a blank null. */
type Fact = Record<string, CellValue | null>;

/** Makes a kind's fact from its row number and the values its row gave (a blank one absent). */
type FactMaker = (row: number, values: Readonly<Record<string, CellValue>>) => Fact;

/**
 * One object literal per kind, written once from the contract's keys: every fact has its kind's
 * shape from the start, where a copy of a blank fact filled in key by key (a keyed store per
 * column of each of 100,000 rows) cost the county's read ≈30 ms more. The keys are the
 * contract's own (checks/contract.ts), never a workbook's text.
 */
function factMaker(sheet: SheetSpec): FactMaker {
  const members = sheet.columns.map(({ key }) => `${JSON.stringify(key)}: values[${JSON.stringify(key)}] ?? null`);
  return new Function('row', 'values', `return { row, ${members.join(', ')} };`) as FactMaker;
}
const factMakers = new Map(CONTRACT.map((sheet) => [sheet.key, factMaker(sheet)]));

/** A data row, kept for cross-sheet checks and the facts. */
interface ReadRow {
  row: number;
  /**
   * The row's fact, made as soon as the row is read: the values the schema checked are then
   * garbage at once, rather than kept beside the facts made from them at the end.
   */
  fact: Fact;
  /** The sheet it stands in (rows of a kind are walked across sheets and files). */
  state: SheetState;
}

interface SheetState extends SheetPlace {
  spec: SheetSpec;
  /** `人员`, or `TX-002.xls › 人员`. */
  label: string;
  /** Merges that start in the rows read so far (the header's groups are among them). */
  merges: MergeRange[];
  /** Column index → contract column, once the header row is found. */
  columns: Map<number, ColumnSpec> | null;
  /** The same columns as a list, walked for every data row without a Map iterator. */
  columnList: SheetColumn[];
  /** Column key → column index. */
  positions: Map<string, number>;
  /** Column index → the header as it stands (`床位数/护理型` for a two-row header). */
  headerTexts: Map<number, string>;
  headerRow: number;
  /** The row that names the header (at least two known columns), waiting for the row below it. */
  headerCandidate: RawRow | null;
  buffered: RawRow[];
  ended: boolean;
  rows: ReadRow[];
  /** Conditionally required columns absent from the header that some row needed. */
  missingColumnsReported: Set<string>;
  /** Rows seen with at least one cell, against the row cap. */
  rowsWithValues: number;
  /** Its kind's fact maker (factMakers), looked up once per sheet instead of once per row. */
  makeFact: FactMaker;
}

/** A warning about a whole sheet. */
function sheetWarning(code: 'unknown_sheet' | 'repeated_sheet', place: SheetPlace, message: Bilingual): Problem {
  return { code, ...fileOf(place), sheet: place.sheet, row: null, column: null, header: null, cell: null, value: place.sheet, message };
}

/** The column an ajv error is about: the missing property, or the property it points at. */
function errorKey(error: ErrorObject): string {
  return error.keyword === 'required'
    ? String((error.params as { missingProperty: string }).missingProperty)
    : error.instancePath.replace(/^\//, '');
}

export class WorkbookReader {
  readonly errors: Problem[] = [];
  readonly warnings: Problem[] = [];
  /** The sheets read, by kind: several files (or two sheets of one) may give the same kind. */
  private readonly sheets = new Map<SheetKey, SheetState[]>();
  /** Every sheet read, in reading order (problems are sorted by it). */
  private readonly order: SheetState[] = [];
  /** The rows of each kind once every sheet is read (see rowsOf). */
  private readonly rowsByKind = new Map<SheetKey, ReadRow[]>();
  /** Each kind's ids (see checkDuplicates), for the reference checks. */
  private readonly idsByKind = new Map<SheetKey, ReadonlySet<string>>();
  private context: ValueContext;

  /** The file being read, when several are (problems then name it); null for one file. */
  private file: string | null = null;

  constructor(
    jurisdictions: readonly JurisdictionName[],
    private readonly limits: Pick<ReadLimits, 'maxSheetRows'> = DEFAULT_READ_LIMITS,
  ) {
    const enums = new Map<string, EnumLookup>();
    for (const sheet of CONTRACT) {
      for (const column of sheet.columns) if (column.labels) enums.set(column.key, new EnumLookup(column.labels));
    }
    enums.set('jurisdiction', new EnumLookup(Object.fromEntries(jurisdictions.map((j) => [j.id, j.names]))));
    this.context = { date1904: false, enums };
  }

  /** The next file's sheets follow; `file` is null when the audit reads a single file. */
  beginFile(file: string | null, date1904: boolean): void {
    this.file = file;
    this.context = { ...this.context, date1904 };
  }

  /** Which contract sheet a workbook sheet is, or null (with a warning) when none. */
  openSheet(name: string, otherNames: readonly string[] = []): SheetState | null {
    const place: SheetPlace = { sheet: name, file: this.file };
    const spec = [name, ...otherNames].map((n) => sheetByName.get(matchKey(n))).find((found) => found !== undefined);
    if (!spec) {
      if (!SILENT_SHEETS.has(matchKey(name))) {
        this.warnings.push(
          sheetWarning('unknown_sheet', place, {
            zh: `工作表“${sheetLabel(place)}”不在填报模板中，已忽略`,
            en: `Sheet "${sheetLabel(place)}" is not part of the template and was ignored`,
          }),
        );
      }
      return null;
    }
    const same = this.sheets.get(spec.key) ?? [];
    // Two sheets of one file that map to the same kind (机构 and 养老机构) are both read, never
    // one dropped: their rows are concatenated as those of several files are, and the ids must
    // still be unique across them. Only within one file is it unusual enough to say so.
    const sibling = same.find((other) => other.file === this.file);
    if (sibling) {
      this.warnings.push(
        sheetWarning('repeated_sheet', place, {
          zh: `工作表“${sheetLabel(place)}”与“${sibling.label}”都是“${spec.name.zh}”工作表，两者的行都已读取并合并审核（编号须互不重复）`,
          en: `Sheets "${sheetLabel(place)}" and "${sibling.label}" are both ${spec.name.en} sheets; the rows of both were read and audited together (their ids must not repeat)`,
        }),
      );
    }
    const state: SheetState = {
      spec,
      sheet: name,
      file: this.file,
      label: sheetLabel(place),
      merges: [],
      columns: null,
      columnList: [],
      positions: new Map(),
      headerTexts: new Map(),
      headerRow: 0,
      headerCandidate: null,
      buffered: [],
      ended: false,
      rows: [],
      missingColumnsReported: new Set(),
      rowsWithValues: 0,
      makeFact: factMakers.get(spec.key)!,
    };
    this.sheets.set(spec.key, [...same, state]);
    this.order.push(state);
    return state;
  }

  /** Feeds one raw row of a sheet. */
  addRow(state: SheetState, row: RawRow): void {
    if (state.ended) return;
    if (row.cells.size > 0 && ++state.rowsWithValues > this.limits.maxSheetRows) throw tooManyRows(state.label, this.limits.maxSheetRows);
    if (!state.columns) {
      state.buffered.push(row);
      if (row.merges) state.merges.push(...row.merges);
      // The row below the header may be its lower half (a two-row header): wait for it.
      if (state.headerCandidate) this.setHeader(state, state.headerCandidate, row);
      else if (this.knownHeaderCount(state, row) >= 2) state.headerCandidate = row;
      else if (state.buffered.length >= HEADER_SEARCH_ROWS) this.setHeader(state, state.buffered[0]!, null);
      return;
    }
    this.dataRow(state, row);
  }

  /** Ends a sheet (a short sheet may end before its header was decided). */
  endSheet(state: SheetState): void {
    if (!state.columns) {
      const header = state.headerCandidate ?? state.buffered[0] ?? { row: 1, cells: new Map() };
      this.setHeader(state, header, null);
    }
  }

  private knownHeaderCount(state: SheetState, row: RawRow): number {
    const lookup = columnsBySheet.get(state.spec.key)!;
    let count = 0;
    for (const cell of row.cells.values()) if (lookup.has(headerKey(rawText(cell)))) count += 1;
    return count;
  }

  /** Decides the header from its row and the row below it (the lower half of a two-row header, or data). */
  private setHeader(state: SheetState, header: RawRow, below: RawRow | null): void {
    const lookup = columnsBySheet.get(state.spec.key)!;
    const texts = (row: RawRow) => new Map([...row.cells].map(([index, cell]) => [index, rawText(cell).replace(/\s+/g, '')]));
    const layout = headerColumns(
      texts(header),
      below && below.row === header.row + 1 ? texts(below) : null,
      state.merges,
      header.row,
      (text) => lookup.has(headerKey(text)),
      headerNamesBySheet.get(state.spec.key)!,
    );
    const columns = new Map<number, ColumnSpec>();
    for (const [index, text] of layout.columns) {
      const key = headerKey(text.match);
      const column = lookup.get(key);
      const place: Place = { sheet: state.sheet, file: state.file, row: header.row, column: index, header: text.shown };
      if (column && !state.positions.has(column.key)) {
        columns.set(index, column);
        state.positions.set(column.key, index);
        state.headerTexts.set(index, text.shown);
      } else if (!SILENT_COLUMNS.has(key)) {
        this.warnings.push(
          problemAt('unknown_column', place, text.shown, {
            zh: column ? `列“${text.shown}”重复，已忽略` : `列“${text.shown}”不在填报模板中，已忽略`,
            en: column ? `column "${text.shown}" appears twice and was ignored` : `column "${text.shown}" is not part of the template and was ignored`,
          }),
        );
      }
    }
    state.columns = columns;
    state.columnList = [...columns].map(([index, spec]) => ({ index, spec }));
    state.headerRow = header.row;
    state.headerCandidate = null;
    for (const column of state.spec.columns) {
      if (column.required && !state.positions.has(column.key)) {
        this.errors.push(this.missingColumn(state, column));
        state.missingColumnsReported.add(column.key);
      }
    }
    const dataFrom = layout.twoRows ? header.row + 2 : header.row + 1;
    const rest = state.buffered.filter((row) => row.row >= dataFrom);
    state.buffered = [];
    for (const row of rest) this.dataRow(state, row);
  }

  private headerOf(state: SheetState, column: ColumnSpec): string {
    const index = state.positions.get(column.key);
    return (index !== undefined ? state.headerTexts.get(index) : undefined) ?? column.header.zh;
  }

  private missingColumn(state: SheetState, column: ColumnSpec): Problem {
    const row = state.headerRow || 1;
    return {
      code: 'missing_column',
      ...fileOf(state),
      sheet: state.sheet,
      row,
      column: null,
      header: column.header.zh,
      cell: null,
      value: null,
      message: {
        zh: `工作表“${state.label}”第 ${row} 行表头缺少必填列“${column.header.zh}”（${column.key}）`,
        en: `Sheet "${state.label}", header row ${row}: the required column "${column.header.zh}" (${column.key}, ${column.header.en}) is missing`,
      },
    };
  }

  private dataRow(state: SheetState, row: RawRow): void {
    const columns = state.columnList;
    const cells = row.cells;
    const firstText = leadingText(row);
    if (firstText !== '' && isFooter(firstText)) {
      state.ended = true;
      return;
    }
    let anyKnown = false;
    for (let i = 0; i < columns.length; i++) {
      if (holdsSomething(cells.get(columns[i]!.index))) {
        anyKnown = true;
        break;
      }
    }
    if (!anyKnown) return;
    if (firstText !== '' && isTotals(firstText)) {
      this.warnings.push({
        code: 'totals_row',
        ...fileOf(state),
        sheet: state.sheet,
        row: row.row,
        column: null,
        header: null,
        cell: null,
        value: firstText,
        message: {
          zh: `工作表“${state.label}”第 ${row.row} 行是合计行（“${firstText}”），已跳过；审核自行计算合计`,
          en: `Sheet "${state.label}", row ${row.row} is a totals row ("${firstText}") and was skipped; the auditor computes its own sums`,
        },
      });
      return;
    }
    const values: Record<string, CellValue> = {};
    // Cells already reported as unreadable: the schema would only repeat them as blank (made
    // only for a row that has one).
    let unreadable: Set<string> | null = null;
    for (let i = 0; i < columns.length; i++) {
      const { index, spec: column } = columns[i]!;
      const cell = cells.get(index);
      const usual = usualValue(cell, column, this.context);
      if (usual !== undefined) {
        if (usual !== null) values[column.key] = usual;
        continue;
      }
      const result = normaliseCell(cell, column, this.context);
      if (!result.ok) {
        (unreadable ??= new Set()).add(column.key);
        const place = { sheet: state.sheet, file: state.file, row: row.row, column: index, header: this.headerOf(state, column) };
        this.errors.push(problemAt(result.code, place, rawValue(cell), result.reason));
      } else if (result.value !== null) values[column.key] = result.value;
    }
    if (state.spec.key === 'staff' && values['role'] === 'caregiver' && values['caregiver_level'] === undefined) {
      values['caregiver_level'] = 'none';
    }
    this.validateRow(state, row, values, unreadable);
    const fact = state.makeFact(row.row, values);
    state.rows.push({ row: row.row, fact, state });
  }

  private validateRow(state: SheetState, row: RawRow, values: Record<string, CellValue>, unreadable: Set<string> | null): void {
    const validate = validators.get(state.spec.key)!;
    this.checkBlankWholes(state, row, values);
    if (validate(values)) return;
    for (const error of validate.errors ?? []) {
      if (unreadable?.has(errorKey(error))) continue;
      const problem = this.schemaProblem(state, row, values, error);
      if (problem) this.errors.push(problem);
    }
  }

  /**
   * A part is at most its whole through a blank middle too: with 社会化运营 blank, the
   * facilities run by institutions still cannot outnumber all community facilities. The schema
   * bounds a part by its direct whole only (a blank whole bounds nothing there), so the chain
   * is walked here, up to the first whole that is given.
   */
  private checkBlankWholes(state: SheetState, row: RawRow, values: Record<string, CellValue>): void {
    const wholeOf = wholesBySheet.get(state.spec.key)!;
    if (wholeOf.size === 0) return;
    for (const column of state.spec.columns) {
      const part = values[column.key];
      if (typeof part !== 'number') continue;
      let whole = wholeOf.get(column.key);
      if (whole === undefined || values[whole] !== undefined) continue;
      const skipped: string[] = [];
      while (whole !== undefined && values[whole] === undefined) {
        skipped.push(whole);
        whole = wholeOf.get(whole);
      }
      const bound = whole === undefined ? undefined : values[whole];
      if (whole === undefined || typeof bound !== 'number' || part <= bound) continue;
      const label = (key: string) => state.spec.columns.find((c) => c.key === key)!.header;
      this.errors.push(
        problemAt('consistency', this.placeOf(state, row.row, column.key), part, {
          zh: `“${label(skipped[0]!).zh}”未填，但本项 ${part} 仍不得大于“${label(whole).zh}”（${bound}）`,
          en: `${label(skipped[0]!).en} is blank, but this figure (${part}) still cannot exceed ${label(whole).en} (${bound})`,
        }),
      );
    }
  }

  private schemaProblem(
    state: SheetState,
    row: RawRow,
    values: Record<string, CellValue>,
    error: ErrorObject,
  ): Problem | null {
    if (error.keyword === 'if') return null;
    const key = errorKey(error);
    const column = state.spec.columns.find((c) => c.key === key);
    if (!column) return null;
    const index = state.positions.get(key);
    if (index === undefined) {
      // A column the header lacks: one `missing_column`, not one error per row.
      if (state.missingColumnsReported.has(key)) return null;
      state.missingColumnsReported.add(key);
      return this.missingColumn(state, column);
    }
    const place = { sheet: state.sheet, file: state.file, row: row.row, column: index, header: this.headerOf(state, column) };
    const cell = row.cells.get(index);
    const shown = rawValue(cell);
    switch (error.keyword) {
      case 'required':
        return problemAt('required', place, shown, this.requiredReason(state.spec.key, values));
      case 'type':
        return problemAt('type', place, shown, {
          zh: error.params && (error.params as { type: string }).type === 'integer' ? `“${shown}”应为整数` : `“${shown}”类型不符`,
          en: error.params && (error.params as { type: string }).type === 'integer' ? `"${shown}" must be a whole number` : `"${shown}" has the wrong type`,
        });
      case 'minimum':
      case 'maximum':
      case 'exclusiveMinimum':
      case 'exclusiveMaximum':
        return problemAt('range', place, shown, this.rangeReason(error, state.spec, values));
      case 'maxLength': {
        const limit = (error.params as { limit: number }).limit;
        const length = [...String(values[key])].length;
        return problemAt('range', place, shown, { zh: `不得超过 ${limit} 个字符（现有 ${length} 个）`, en: `must be at most ${limit} characters long (it has ${length})` });
      }
      default:
        return problemAt('type', place, shown, { zh: `取值无效（${error.message ?? error.keyword}）`, en: `invalid value (${error.message ?? error.keyword})` });
    }
  }

  private requiredReason(sheet: SheetKey, values: Record<string, CellValue>): Bilingual {
    if (sheet === 'facilities' && (values['facility_type'] === 'institution' || values['facility_type'] === 'special_support')) {
      return { zh: '养老机构和特困供养机构必须填写此项', en: 'required for institutions and special-support homes' };
    }
    return { zh: '必填项为空', en: 'required, but blank' };
  }

  private rangeReason(error: ErrorObject, spec: SheetSpec, values: Record<string, CellValue>): Bilingual {
    const limit = (error.params as { limit: number }).limit;
    // A bound given as `{ "$data": "1/total_beds" }` is another column of the same row.
    const bound = (spec.schema['properties'] as Record<string, Record<string, unknown>>)[error.instancePath.slice(1)]?.[error.keyword];
    if (typeof bound === 'object' && bound !== null) {
      const other = String((bound as { $data: string }).$data).replace(/^1\//, '');
      const otherColumn = spec.columns.find((c) => c.key === other);
      return {
        zh: `不得大于“${otherColumn?.header.zh ?? other}”（${values[other]}）`,
        en: `must not exceed ${otherColumn?.header.en ?? other} (${values[other]})`,
      };
    }
    switch (error.keyword) {
      case 'minimum':
        return { zh: `不得小于 ${limit}`, en: `must be at least ${limit}` };
      case 'maximum':
        return { zh: `不得大于 ${limit}`, en: `must be at most ${limit}` };
      case 'exclusiveMinimum':
        return { zh: `必须大于 ${limit}`, en: `must be greater than ${limit}` };
      default:
        return { zh: `必须小于 ${limit}`, en: `must be less than ${limit}` };
    }
  }

  /** Cross-row and cross-sheet checks, then the facts (or null when anything is wrong). */
  finish(): ReadResult {
    const rows: Partial<Record<SheetKey, number>> = {};
    for (const [key, states] of this.sheets) rows[key] = states.reduce((total, state) => total + state.rows.length, 0);
    if (!['facilities', 'residential_areas', 'region'].some((key) => this.sheets.has(key as SheetKey))) {
      this.errors.push({
        code: 'missing_sheet',
        sheet: null,
        row: null,
        column: null,
        header: null,
        cell: null,
        value: null,
        message: {
          zh: '工作簿中至少需要“机构”“居住区”“地区”三个工作表之一',
          en: 'The workbook needs at least one of the sheets 机构 (facilities), 居住区 (residential_areas) or 地区 (region)',
        },
      });
    }
    for (const key of SHEET_KEYS) this.checkDuplicates(key);
    this.checkReferences('staff', 'facility_id', 'facilities');
    this.checkReferences('sites', 'area_id', 'residential_areas');
    this.checkResidentCounts();
    this.checkInstitutionsTotal();
    this.checkAreaServiceSpace();
    const errors = this.sortedByPlace(this.errors);
    const warnings = this.sortedByPlace(this.warnings);
    return { facts: errors.length ? null : this.facts(), errors, warnings, rows };
  }

  /** Problems in reading order of their sheets, then row, then column; file-level ones first. */
  private sortedByPlace(problems: Problem[]): Problem[] {
    const sheetOrder = new Map(this.order.map((s, i) => [s.label, i]));
    const orderOf = (problem: Problem) =>
      problem.sheet === null ? -1 : (sheetOrder.get(sheetLabel({ sheet: problem.sheet, file: problem.file ?? null })) ?? 1e9);
    return problems
      .map((problem, index) => ({ problem, index }))
      .sort((a, b) => {
        return orderOf(a.problem) - orderOf(b.problem) || (a.problem.row ?? 0) - (b.problem.row ?? 0) || (a.problem.column ?? '').length - (b.problem.column ?? '').length || (a.problem.column ?? '').localeCompare(b.problem.column ?? '') || a.index - b.index;
      })
      .map(({ problem }) => problem);
  }

  private placeOf(state: SheetState, row: number, key: string): Place {
    const column = state.spec.columns.find((c) => c.key === key)!;
    return { sheet: state.sheet, file: state.file, row, column: state.positions.get(key) ?? 0, header: this.headerOf(state, column) };
  }

  /** Every data row of a kind, across its sheets and files (a kind read from one sheet is that sheet's rows, not a copy). */
  private rowsOf(key: SheetKey): readonly ReadRow[] {
    let rows = this.rowsByKind.get(key);
    if (!rows) {
      const states = this.sheets.get(key) ?? [];
      rows = states.length === 1 ? states[0]!.rows : states.flatMap((state) => state.rows);
      this.rowsByKind.set(key, rows);
    }
    return rows;
  }

  /** Reports every id that repeats one before it, and keeps each kind's ids for the reference checks. */
  private checkDuplicates(key: SheetKey): void {
    const idKey = ID_COLUMN[key];
    const rows = this.rowsOf(key);
    // The ids alone first: a set of 100,000 costs a good deal less than a map to their rows,
    // which only a kind with a repeated id needs (to say where it stood first).
    const ids = new Set<string>();
    let repeats = false;
    for (const row of rows) {
      const id = row.fact[idKey];
      if (typeof id !== 'string') continue;
      const size = ids.size;
      if (ids.add(id).size === size) repeats = true;
    }
    this.idsByKind.set(key, ids);
    if (!repeats) return;
    const first = new Map<string, ReadRow>();
    for (const row of rows) {
      const id = row.fact[idKey];
      if (typeof id !== 'string') continue;
      const seen = first.get(id);
      if (seen === undefined) {
        first.set(id, row);
        continue;
      }
      const state = row.state;
      // The same sheet says "row 5"; another sheet or file is named with it.
      const where =
        seen.state === state
          ? { zh: `第 ${seen.row} 行`, en: `row ${seen.row}` }
          : { zh: `“${seen.state.label}”第 ${seen.row} 行`, en: `row ${seen.row} of "${seen.state.label}"` };
      this.errors.push(
        problemAt('duplicate_id', this.placeOf(state, row.row, idKey), id, {
          zh: `“${id}”与${where.zh}重复，编号必须唯一`,
          en: `"${id}" repeats ${where.en}; ids must be unique`,
        }),
      );
    }
  }

  private checkReferences(key: SheetKey, column: string, target: SheetKey): void {
    const rows = this.rowsOf(key);
    if (rows.length === 0) return;
    const targetStates = this.sheets.get(target);
    if (!targetStates) {
      const targetSpec = CONTRACT.find((s) => s.key === target)!;
      for (const state of this.sheets.get(key) ?? []) {
        if (state.rows.length === 0) continue;
        this.errors.push({
          code: 'missing_sheet',
          ...fileOf(state),
          sheet: state.sheet,
          row: null,
          column: null,
          header: null,
          cell: null,
          value: null,
          message: {
            zh: `工作表“${state.label}”引用“${targetSpec.name.zh}”工作表中的编号，但工作簿中没有“${targetSpec.name.zh}”工作表`,
            en: `Sheet "${state.label}" refers to ids of the ${targetSpec.name.zh} (${target}) sheet, which the workbook lacks`,
          },
        });
      }
      return;
    }
    // The target's ids, as its duplicate check kept them (finish() runs it for every kind first).
    const ids = this.idsByKind.get(target)!;
    const targetNames = targetStates.map((state) => state.label).join('”“');
    for (const row of rows) {
      const id = row.fact[column];
      if (typeof id !== 'string' || ids.has(id)) continue;
      this.errors.push(
        problemAt('unknown_reference', this.placeOf(row.state, row.row, column), id, {
          zh: `“${id}”在“${targetNames}”工作表中不存在`,
          en: `"${id}" does not name a row of sheet "${targetNames.replaceAll('”“', '", "')}"`,
        }),
      );
    }
  }

  /** A region row's institutions_total is the whole: the workbook cannot list more institutions than it. */
  private checkInstitutionsTotal(): void {
    if (!this.sheets.has('region') || !this.sheets.has('facilities')) return;
    const listed = new Map<unknown, number>();
    for (const row of this.rowsOf('facilities')) {
      const type = row.fact['facility_type'];
      if (type === 'institution' || type === 'special_support') {
        listed.set(row.fact['jurisdiction'], (listed.get(row.fact['jurisdiction']) ?? 0) + 1);
      }
    }
    for (const row of this.rowsOf('region')) {
      const regions = row.state;
      const total = row.fact['institutions_total'];
      const count = listed.get(row.fact['jurisdiction']) ?? 0;
      if (typeof total !== 'number' || count <= total) continue;
      this.errors.push(
        problemAt('consistency', this.placeOf(regions, row.row, 'institutions_total'), total, {
          zh: `养老机构总数 ${total} 家，少于机构表所列本地区的养老机构 ${count} 家`,
          en: `${total} institutions in all, fewer than the ${count} the facilities sheet lists for this jurisdiction`,
        }),
      );
    }
  }

  private checkResidentCounts(): void {
    for (const row of this.rowsOf('facilities')) {
      const state = row.state;
      const occupied = row.fact['occupied_beds'];
      const parts = ['residents_fully_disabled', 'residents_partially_disabled', 'residents_self_care'].map((k) => row.fact[k]);
      if (typeof occupied !== 'number' || !parts.some((p) => typeof p === 'number')) continue;
      const sum = parts.reduce<number>((total, p) => total + (typeof p === 'number' ? p : 0), 0);
      if (sum <= occupied) continue;
      this.errors.push(
        problemAt('consistency', this.placeOf(state, row.row, 'occupied_beds'), occupied, {
          zh: `完全失能、部分失能、自理人数之和 ${sum} 大于在住人数 ${occupied}`,
          en: `fully disabled + partially disabled + self-care residents = ${sum}, more than the ${occupied} residents`,
        }),
      );
    }
  }

  private checkAreaServiceSpace(): void {
    const siteSums = new Map<string, number>();
    for (const row of this.rowsOf('sites')) {
      const areaId = row.fact['area_id'];
      const floor = row.fact['floor_area_m2'];
      if (typeof areaId === 'string' && typeof floor === 'number') siteSums.set(areaId, (siteSums.get(areaId) ?? 0) + floor);
    }
    for (const row of this.rowsOf('residential_areas')) {
      const areas = row.state;
      const areaId = row.fact['area_id'];
      const declared = row.fact['service_area_m2'];
      const sum = typeof areaId === 'string' ? siteSums.get(areaId) : undefined;
      if (declared === null && sum === undefined) {
        if (!areas.positions.has('service_area_m2')) {
          if (!areas.missingColumnsReported.has('service_area_m2')) {
            areas.missingColumnsReported.add('service_area_m2');
            this.errors.push(this.missingColumn(areas, areas.spec.columns.find((c) => c.key === 'service_area_m2')!));
          }
        } else {
          this.errors.push(
            problemAt('required', this.placeOf(areas, row.row, 'service_area_m2'), null, {
              zh: '居住区在“用房”工作表中没有用房记录时，必须填写养老服务用房面积',
              en: 'required when the area has no rows in the sites sheet',
            }),
          );
        }
      } else if (typeof declared === 'number' && sum !== undefined && Math.abs(declared - sum) > 0.5) {
        this.warnings.push(
          problemAt('site_area_mismatch', this.placeOf(areas, row.row, 'service_area_m2'), declared, {
            zh: `填报面积 ${declared} ㎡ 与“用房”工作表中各处面积之和 ${Number(sum.toPrecision(12))} ㎡ 不一致，审核采用填报面积`,
            en: `the stated ${declared} m² differs from the sum of its sites, ${Number(sum.toPrecision(12))} m²; the stated figure is used`,
          }),
        );
      }
    }
  }

  private facts(): WorkbookFacts {
    const build = <T>(key: SheetKey): T[] => this.rowsOf(key).map((row) => row.fact as T);
    // Where each column is, so that findings can place a blank at its cell (机构!H5).
    const places: NonNullable<WorkbookFacts['places']> = {};
    // A kind read from several sheets or files has no one place per row number: its blanks are
    // then named by subject and field only.
    for (const [key, states] of this.sheets) {
      const state = states.length === 1 ? states[0]! : null;
      if (state) places[key] = { name: state.label, columns: Object.fromEntries([...state.positions].map(([column, index]) => [column, columnLetter(index)])) };
    }
    return {
      sheets: Object.fromEntries(SHEET_KEYS.map((key) => [key, this.sheets.has(key)])) as Record<SheetKey, boolean>,
      places,
      facilities: build<FacilityFacts>('facilities'),
      staff: build<StaffFacts>('staff'),
      areas: build<AreaFacts>('residential_areas'),
      sites: build<SiteFacts>('sites'),
      regions: build<RegionFacts>('region'),
    };
  }
}

/**
 * Reads one or more opened sources as one workbook: every sheet of every file in order, then
 * the checks across them. With several sources every problem names its file.
 */
export async function readSources(
  sources: readonly WorkbookSource[],
  jurisdictions: readonly JurisdictionName[],
  limits: ReadLimits = DEFAULT_READ_LIMITS,
): Promise<ReadResult> {
  const reader = new WorkbookReader(jurisdictions, limits);
  for (const source of sources) {
    const file = sources.length > 1 ? source.file : null;
    reader.beginFile(file, source.date1904);
    let current: SheetState | null = null;
    await forFile(file, () => source.read({
      begin: (name, otherNames) => {
        const state = reader.openSheet(name, otherNames);
        current = state;
        return state ? (row) => reader.addRow(state, row) : null;
      },
      end: () => {
        if (current) reader.endSheet(current);
        current = null;
      },
    }));
  }
  return reader.finish();
}
