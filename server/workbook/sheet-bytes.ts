// The two large parts of an .xlsx, read from their bytes by ./xml-bytes.ts: the shared strings
// (rich-text runs joined, phonetic runs left out) and the rows of a sheet. Only what the
// contract needs is decoded: a cell's reference, type and style from its attribute bytes, a
// number or a shared-string index straight from its digits, and text (inline strings, formulas,
// shared strings) as a string once it is whole. Every program's way of writing cells is read:
// shared or inline strings, rich-text runs, phonetic runs, formulas with or without cached values.
import { ByteXmlTokenizer, isForbiddenNonCharacter, startsWith, type ByteXmlHandler, type ElementName } from './xml-bytes.js';
import { dtdRefused, rejectXml, unescapeXstring, type RawCell, type RawRow, type SheetRef } from './sheet-stream.js';
import { WorkbookRejected } from './problems.js';
import { DEFAULT_READ_LIMITS, tooManySharedStrings, type ReadLimits } from './read-limits.js';
import { columnIndex } from './text.js';
import type { XlsxZip } from './zip.js';

/** Streams `part` through a tokenizer; an XML error is `not_xlsx` naming the part. */
async function parseBytes(zip: XlsxZip, part: string, tokenizer: ByteXmlTokenizer): Promise<void> {
  try {
    for await (const chunk of zip.bytes(part)) tokenizer.write(chunk);
    tokenizer.close();
  } catch (error) {
    if (error instanceof WorkbookRejected) throw error;
    throw rejectXml(part, (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'XML error');
  }
}

const SI = 0;
const T = 1;
const RPH = 2;

const SI_T_OPEN = Buffer.from('<si><t');
const T_PRESERVE = Buffer.from(' xml:space="preserve">');
const T_SI_CLOSE = Buffer.from('</t></si>');

/**
 * The usual shared string at `lt`, `<si><t>text</t></si>` (or `<t xml:space="preserve">`), its
 * text free of references, control characters and the two non-characters XML forbids, whole
 * within `bytes`: given to `keep` as its string; returns the index after it, or -1 to leave it
 * to the tokenizer (a rich-text run, a reference, a cut at the chunk's end: read, and refused,
 * as before). One call instead of six tokens for each of a county's 130,000 strings.
 */
function plainSharedString(bytes: Buffer, lt: number, keep: (text: string) => void): number {
  if (!startsWith(bytes, lt, SI_T_OPEN)) return -1;
  let start = lt + SI_T_OPEN.length;
  if (bytes[start] === 0x3e /* > */) start += 1;
  else if (startsWith(bytes, start, T_PRESERVE)) start += T_PRESERVE.length;
  else return -1;
  const end = bytes.length;
  let close = start;
  for (; close < end; close++) {
    const byte = bytes[close]!;
    if (byte === 0x3c /* < */) break;
    if (byte < 0x20 || byte === 0x26 /* & */) return -1;
    if (isForbiddenNonCharacter(bytes, close)) return -1;
  }
  if (!startsWith(bytes, close, T_SI_CLOSE)) return -1;
  keep(bytes.toString('utf8', start, close));
  return close + T_SI_CLOSE.length;
}

/** Shared strings, rich-text runs joined, phonetic runs (`rPh`, guides WPS writes for Chinese) left out. */
export async function readSharedStrings(
  zip: XlsxZip,
  path: string | null,
  limits: Pick<ReadLimits, 'maxSharedStrings' | 'maxSharedStringChars'> = DEFAULT_READ_LIMITS,
): Promise<string[]> {
  if (!path) return [];
  const strings: string[] = [];
  let chars = 0;
  let current: string | null = null;
  let inText = false;
  let phoneticDepth = 0;
  const keep = (raw: string) => {
    const text = unescapeXstring(raw);
    chars += text.length;
    if (strings.length >= limits.maxSharedStrings) throw tooManySharedStrings(path, limits.maxSharedStrings, 'strings');
    if (chars > limits.maxSharedStringChars) throw tooManySharedStrings(path, limits.maxSharedStringChars, 'characters');
    strings.push(text);
  };
  const handler: ByteXmlHandler = {
    // Only between strings (an `<si>` inside another is the tokenizer's to read as it always has).
    element: (bytes, lt, parent) => (current === null && phoneticDepth === 0 && parent.code === -1 ? plainSharedString(bytes, lt, keep) : -1),
    open(element) {
      if (element.code === SI) current = '';
      else if (element.code === RPH) phoneticDepth += 1;
      else if (element.code === T && phoneticDepth === 0) inText = true;
    },
    text(xml, start, end, flags) {
      if (inText && current !== null) current = current === '' ? xml.text(start, end, flags) : current + xml.text(start, end, flags);
    },
    close(element) {
      if (element.code === T) inText = false;
      else if (element.code === RPH) phoneticDepth -= 1;
      else if (element.code === SI && current !== null) {
        keep(current);
        current = null;
      }
    },
    doctype() {
      throw dtdRefused(path);
    },
  };
  await parseBytes(zip, path, new ByteXmlTokenizer(handler, ['si', 't', 'rPh']));
  return strings;
}

// Elements of a sheet the reader tells apart.
const ROW = 0;
const C = 1;
const V = 2;
const F = 3;
const IS = 4;
const TEXT = 5;
const PHONETIC = 6;
const SHEET_ELEMENTS = ['row', 'c', 'v', 'f', 'is', 't', 'rPh'];

// Cell types (the `t` attribute); any other reads as a number, as Excel does.
const NUMBER = 0;
const SHARED = 1;
const INLINE = 2;
const FORMULA_STRING = 3;
const BOOLEAN = 4;
const ERROR = 5;
const DATE = 6;
const CELL_TYPES = new Map([
  ['n', NUMBER],
  ['s', SHARED],
  ['inlineStr', INLINE],
  ['str', FORMULA_STRING],
  ['b', BOOLEAN],
  ['e', ERROR],
  ['d', DATE],
]);

// Where a text goes.
const NOWHERE = 0;
const TO_VALUE = 1;
const TO_FORMULA = 2;
const TO_INLINE = 3;

// A value's state: no <v>; <v> seen, its text a number read from its digits; its text as a string.
const NO_VALUE = 0;
const DIGITS = 1;
const STRING = 2;

const MAX_ROW = 1_048_576;
const MAX_COLUMN = 16_384;
const CELL_REFERENCE = /^\$?[A-Z]{1,3}\$?\d{1,7}$/;
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * A plain decimal (`-12.5`, `300`, `.5`) read from its bytes, exactly as Number() reads its
 * text: at most 15 digits make an exact integer, and its quotient by an exact power of ten is
 * correctly rounded. Anything else (exponents, spaces, more digits) is NaN: the caller reads the
 * text.
 */
function plainDecimal(bytes: Buffer, start: number, end: number): number {
  let i = start;
  const negative = bytes[i] === 0x2d;
  if (negative) i++;
  let mantissa = 0;
  let digits = 0;
  let fraction = -1;
  for (; i < end; i++) {
    const byte = bytes[i]!;
    if (byte >= 0x30 && byte <= 0x39) {
      mantissa = mantissa * 10 + (byte - 0x30);
      digits++;
      if (fraction >= 0) fraction++;
    } else if (byte === 0x2e && fraction < 0) fraction = 0;
    else return NaN;
  }
  if (digits === 0 || digits > 15) return NaN;
  const value = fraction > 0 ? mantissa / POWERS_OF_TEN[fraction]! : mantissa;
  return negative ? -value : value;
}

/** Plain digits (at most 15) as their integer, or -1. */
function plainDigits(bytes: Buffer, start: number, end: number): number {
  if (end === start || end - start > 15) return -1;
  let value = 0;
  for (let i = start; i < end; i++) {
    const byte = bytes[i]!;
    if (byte < 0x30 || byte > 0x39) return -1;
    value = value * 10 + (byte - 0x30);
  }
  return value;
}

/**
 * The column of a plain reference (`AB12` → 28: one to three letters, then one to seven digits,
 * nothing else), read from its bytes in one pass; 0 when it is not one (the caller reads its text).
 */
function plainReferenceColumn(bytes: Buffer, start: number, end: number): number {
  let i = start;
  let column = 0;
  for (; i < end; i++) {
    const byte = bytes[i]!;
    if (byte < 0x41 || byte > 0x5a) break;
    column = column * 26 + (byte - 0x40);
  }
  const letters = i - start;
  if (letters < 1 || letters > 3) return 0;
  const digitsFrom = i;
  for (; i < end; i++) {
    const byte = bytes[i]!;
    if (byte < 0x30 || byte > 0x39) return 0;
  }
  const digits = i - digitsFrom;
  return digits >= 1 && digits <= 7 ? column : 0;
}

/** A cell type from its one-letter `t` attribute; any other reads as a number, as Excel does. */
function oneLetterType(byte: number): number {
  switch (byte) {
    case 0x73 /* s */:
      return SHARED;
    case 0x62 /* b */:
      return BOOLEAN;
    case 0x65 /* e */:
      return ERROR;
    case 0x64 /* d */:
      return DATE;
    default:
      return NUMBER;
  }
}

/** A shared string as the cell that holds it. */
export type SharedStringCell = Extract<RawCell, { type: 'string' }>;

/**
 * The shared strings as cells, made once for the workbook: every cell that holds a shared
 * string is then the same object (a county's sheets hold 600,000 such cells, most of them a
 * few hundred strings over and over, and their collection was a good part of the reader's GC).
 * Nothing downstream changes a cell.
 */
export const sharedStringCells = (strings: readonly string[]): SharedStringCell[] => strings.map((value) => ({ type: 'string', value }));

/**
 * Streams the rows of one sheet. Rows are produced as the XML arrives, so memory stays flat
 * however long the sheet is; `onRow` is called for every row with a value.
 */
export async function readSheetRows(
  zip: XlsxZip,
  sheet: SheetRef,
  sharedStrings: readonly SharedStringCell[],
  dateStyles: readonly boolean[],
  onRow: (row: RawRow) => void,
): Promise<void> {
  const badReference = (what: string, value: string) => rejectXml(sheet.path, `${what} "${value.slice(0, 40)}"`);
  let rowNumber = 0;
  let nextColumn = 1;
  let cells = new Map<number, RawCell>();
  // The open cell.
  let inCell = false;
  let column = 0;
  let type = NUMBER;
  let style = 0;
  let formula: string | null = null;
  let formulaText = '';
  let valueState = NO_VALUE;
  let valueNumber = 0;
  let valueText = '';
  /** A value's digits (at most 32 bytes), kept until the cell ends in case its text comes in more than one piece. */
  let valueEnd = 0;
  const valueBytes = Buffer.alloc(32);
  let inline: string | null = null;
  let target = NOWHERE;
  let phoneticDepth = 0;

  const rowAttribute = (xml: ByteXmlTokenizer): void => {
    for (let i = 0; i < xml.attributeCount; i++) {
      if (!xml.attributeIs(i, 'r')) continue;
      const at = i * 5;
      const digits = xml.attributes[at + 4] === 0 ? plainDigits(xml.bytes, xml.attributes[at + 2]!, xml.attributes[at + 3]!) : -1;
      if (digits >= 1 && digits <= MAX_ROW) {
        rowNumber = digits;
        return;
      }
      const r = xml.attributeValue(i);
      if (r === '') break;
      if (!/^\d+$/.test(r) || Number(r) < 1 || Number(r) > MAX_ROW) throw badReference('row number', r);
      rowNumber = Number(r);
      return;
    }
    rowNumber += 1;
  };

  const cellAttributes = (xml: ByteXmlTokenizer): void => {
    column = nextColumn;
    type = NUMBER;
    style = 0;
    const bytes = xml.bytes;
    const attributes = xml.attributes;
    for (let i = 0; i < xml.attributeCount; i++) {
      const at = i * 5;
      // Every attribute the reader needs has a one-letter name: others are passed over unread.
      if (attributes[at + 1]! - attributes[at]! !== 1) continue;
      const name = bytes[attributes[at]!];
      const start = attributes[at + 2]!;
      const end = attributes[at + 3]!;
      const plain = attributes[at + 4] === 0;
      if (name === 0x72 /* r */) {
        if (start === end) continue;
        const plainColumn = plain ? plainReferenceColumn(bytes, start, end) : 0;
        if (plainColumn > 0) {
          column = plainColumn;
          if (column > MAX_COLUMN) throw badReference('cell reference', xml.attributeValue(i));
          continue;
        }
        const ref = xml.attributeValue(i);
        if (ref === '') continue;
        column = columnIndex(ref);
        // Every program writes a reference inside the grid (A1…XFD1048576), or none at all.
        if (column < 1 || column > MAX_COLUMN || !CELL_REFERENCE.test(ref)) throw badReference('cell reference', ref);
      } else if (name === 0x74 /* t */) {
        type = end - start === 1 && plain ? oneLetterType(bytes[start]!) : (CELL_TYPES.get(xml.attributeValue(i)) ?? NUMBER);
      } else if (name === 0x73 /* s */) {
        const digits = plain ? plainDigits(bytes, start, end) : -1;
        style = digits >= 0 ? digits : Number(xml.attributeValue(i));
      }
    }
    nextColumn = column + 1;
  };

  /** The text of a `<v>` as a string, whatever pieces it came in. */
  const valueString = (): string | null => {
    if (valueState === NO_VALUE) return null;
    if (valueState === DIGITS) return valueBytes.toString('latin1', 0, valueEnd);
    return valueText;
  };

  const finishCell = (): void => {
    let result: RawCell | null = null;
    switch (type) {
      case SHARED: {
        const index = valueState === DIGITS ? valueNumber : valueState === STRING ? Number(valueText) : NaN;
        result = sharedStrings[index] ?? null;
        break;
      }
      case INLINE: {
        const raw = inline ?? valueString();
        if (raw !== null) result = { type: 'string', value: unescapeXstring(raw) };
        break;
      }
      case FORMULA_STRING: {
        const raw = valueString();
        if (raw !== null) result = { type: 'string', value: unescapeXstring(raw) };
        break;
      }
      case BOOLEAN: {
        const raw = valueString();
        if (raw !== null) result = { type: 'boolean', value: raw.trim() === '1' || raw.trim() === 'true' };
        break;
      }
      case ERROR:
      case DATE: {
        const raw = valueString();
        if (raw !== null) result = { type: type === ERROR ? 'error' : 'date', value: raw };
        break;
      }
      default:
        if (valueState === DIGITS) result = { type: 'number', value: valueNumber, date: dateStyles[style] ?? false };
        else if (valueState === STRING && valueText.trim() !== '') {
          const value = Number(valueText);
          result = Number.isFinite(value) ? { type: 'number', value, date: dateStyles[style] ?? false } : { type: 'error', value: valueText };
        }
    }
    if (!result && formula !== null) result = { type: 'formula_without_value', formula };
    if (result) cells.set(column, result);
  };

  /**
   * The usual cell of a row, read from its bytes in one pass: `<c r="B2" s="1" t="s"><v>17</v></c>`,
   * a number or a shared string, attributes of one letter, plain ASCII throughout. It puts the
   * cell where the tokenizer's calls would have; anything else (another type, a formula, rich
   * text, white space, a reference, a character that needs a look, a cut at the chunk's end) is
   * declined (-1) and read token by token, which also reports every error.
   */
  const plainCell = (bytes: Buffer, lt: number, parent: ElementName): number => {
    const end = bytes.length;
    if (parent.code !== ROW || bytes[lt + 1] !== 0x63 /* c */) return -1;
    let i = lt + 2;
    let cellColumn = nextColumn;
    let cellType = NUMBER;
    let cellStyle = 0;
    /** One-letter (a–z) attribute names seen, a bit each (a repeated one is the tokenizer's error to report). */
    let seen = 0;
    for (;;) {
      if (i >= end) return -1;
      let byte = bytes[i]!;
      if (byte === 0x3e /* > */) break;
      if (byte !== 0x20) return -1;
      byte = bytes[++i]!;
      if (byte < 0x61 || byte > 0x7a || bytes[i + 1] !== 0x3d /* = */) return -1;
      const bit = 1 << (byte - 0x61);
      if (seen & bit) return -1;
      seen |= bit;
      const quote = bytes[i + 2];
      if (quote !== 0x22 && quote !== 0x27) return -1;
      const start = i + 3;
      let close = start;
      for (; close < end; close++) {
        const value = bytes[close]!;
        if (value === quote) break;
        if (value < 0x20 || value >= 0x80 || value === 0x26 || value === 0x3c) return -1;
      }
      if (close >= end) return -1;
      if (byte === 0x72 /* r */) {
        cellColumn = plainReferenceColumn(bytes, start, close);
        if (cellColumn === 0 || cellColumn > MAX_COLUMN) return -1;
      } else if (byte === 0x74 /* t */) {
        if (close - start !== 1) return -1;
        cellType = oneLetterType(bytes[start]!);
        if (cellType !== NUMBER && cellType !== SHARED) return -1;
      } else if (byte === 0x73 /* s */) {
        cellStyle = plainDigits(bytes, start, close);
        if (cellStyle < 0) return -1;
      }
      i = close + 1;
    }
    // `<v>`, its text, `</v></c>`.
    if (i + 4 >= end || bytes[i + 1] !== 0x3c || bytes[i + 2] !== 0x76 /* v */ || bytes[i + 3] !== 0x3e) return -1;
    const start = i + 4;
    let close = start;
    for (; close < end; close++) {
      const value = bytes[close]!;
      if (value === 0x3c) break;
      if (value < 0x20 || value >= 0x80 || value === 0x26) return -1;
    }
    if (close + 8 > end || close === start || close - start > 32) return -1;
    if (bytes[close + 1] !== 0x2f || bytes[close + 2] !== 0x76 || bytes[close + 3] !== 0x3e) return -1;
    if (bytes[close + 4] !== 0x3c || bytes[close + 5] !== 0x2f || bytes[close + 6] !== 0x63 || bytes[close + 7] !== 0x3e) return -1;
    if (cellType === SHARED) {
      const index = plainDigits(bytes, start, close);
      if (index < 0) return -1;
      const cell = sharedStrings[index];
      if (cell !== undefined) cells.set(cellColumn, cell);
    } else {
      const number = plainDecimal(bytes, start, close);
      if (Number.isNaN(number)) return -1;
      cells.set(cellColumn, { type: 'number', value: number, date: dateStyles[cellStyle] ?? false });
    }
    nextColumn = cellColumn + 1;
    return close + 8;
  };

  const handler: ByteXmlHandler = {
    element: plainCell,
    open(element: ElementName, xml) {
      switch (element.code) {
        case ROW:
          rowAttribute(xml);
          nextColumn = 1;
          cells = new Map();
          break;
        case C:
          cellAttributes(xml);
          inCell = true;
          formula = null;
          valueState = NO_VALUE;
          inline = null;
          break;
        case V:
          if (!inCell) break;
          target = TO_VALUE;
          valueState = STRING;
          valueText = '';
          break;
        case F:
          if (!inCell) break;
          target = TO_FORMULA;
          formulaText = '';
          break;
        case IS:
          if (inCell) inline = '';
          break;
        case PHONETIC:
          phoneticDepth += 1;
          break;
        case TEXT:
          if (inCell && inline !== null && phoneticDepth === 0) target = TO_INLINE;
          break;
      }
    },
    text(xml, start, end, flags) {
      switch (target) {
        case TO_VALUE:
          // The usual value: one piece of plain digits, read without a string.
          if (valueState === STRING && valueText === '' && flags === 0 && (type === NUMBER || type === SHARED) && end - start <= 32) {
            const number = type === NUMBER ? plainDecimal(xml.bytes, start, end) : plainDigits(xml.bytes, start, end);
            if (number >= 0 || (type === NUMBER && !Number.isNaN(number))) {
              valueNumber = number;
              valueState = DIGITS;
              // Kept by hand: a native copy costs more than these few bytes.
              const bytes = xml.bytes;
              for (let i = start; i < end; i++) valueBytes[i - start] = bytes[i]!;
              valueEnd = end - start;
              break;
            }
          }
          valueText = valueString()! + xml.text(start, end, flags);
          valueState = STRING;
          break;
        case TO_FORMULA:
          formulaText += xml.text(start, end, flags);
          break;
        case TO_INLINE:
          inline += xml.text(start, end, flags);
          break;
      }
    },
    close(element: ElementName) {
      switch (element.code) {
        case F:
          if (inCell && target === TO_FORMULA) formula = formulaText;
          target = NOWHERE;
          break;
        case V:
        case TEXT:
          target = NOWHERE;
          break;
        case PHONETIC:
          phoneticDepth -= 1;
          break;
        case C:
          if (inCell) finishCell();
          inCell = false;
          break;
        case ROW:
          if (cells.size > 0) onRow({ row: rowNumber, cells });
          break;
      }
    },
    doctype() {
      throw dtdRefused(sheet.path);
    },
  };
  await parseBytes(zip, sheet.path, new ByteXmlTokenizer(handler, SHEET_ELEMENTS));
}

