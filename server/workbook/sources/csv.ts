// CSV (and tab-separated text): one sheet per file, named by the file (`机构.csv` is the 机构
// sheet) or by the caller. Statistics systems export UTF-8, with or without a BOM, or
// GB18030/GBK; Excel's "Unicode text" is UTF-16 with a BOM. Anything that decodes as none of
// them is refused naming the line of its first bad byte, and so is a file that mixes UTF-8 and
// GBK lines (decoding it as either would print garbage into the audit).
import { basename, extname } from 'node:path';
import { fileProblem, WorkbookRejected } from '../problems.js';
import type { RawCell, RawRow, WorkbookSource } from './source.js';

/** Longest record, in characters: far above a real row, far below what would exhaust memory. */
export const MAX_CSV_RECORD_CHARS = 1024 * 1024;
/** Excel's own column limit. */
const MAX_COLUMNS = 16_384;

const rejected = (code: 'not_xlsx' | 'too_large', zh: string, en: string) => new WorkbookRejected(fileProblem(code, { zh, en }));

/** Offset of the first byte that does not continue a well-formed UTF-8 sequence, or -1. */
export function firstBadUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    for (let k = 1; k < length; k += 1) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    // Overlong forms and surrogates (TextDecoder refuses them too).
    const second = bytes[i + 1]!;
    if ((b === 0xe0 && second < 0xa0) || (b === 0xed && second > 0x9f) || (b === 0xf0 && second < 0x90) || (b === 0xf4 && second > 0x8f)) return i;
    i += length;
  }
  return -1;
}

/** Offset of the first byte that breaks GB18030's byte structure (one, two or four bytes), or -1. */
export function firstBadGb18030(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b <= 0x80) {
      i += 1;
      continue;
    }
    if (b === 0xff || i + 1 >= bytes.length) return i;
    const second = bytes[i + 1]!;
    if ((second >= 0x40 && second <= 0x7e) || (second >= 0x80 && second <= 0xfe)) i += 2;
    else if (second >= 0x30 && second <= 0x39 && i + 3 < bytes.length && bytes[i + 2]! >= 0x81 && bytes[i + 2]! <= 0xfe && bytes[i + 3]! >= 0x30 && bytes[i + 3]! <= 0x39) i += 4;
    else return i;
  }
  return -1;
}

const lineAt = (bytes: Uint8Array, offset: number) => {
  let line = 1;
  for (let i = 0; i < offset; i += 1) if (bytes[i] === 0x0a) line += 1;
  return line;
};

/** Whether some line holds a well-formed multi-byte UTF-8 character (so the file is meant as UTF-8). */
function hasUtf8Line(bytes: Uint8Array): boolean {
  let start = 0;
  for (let i = 0; i <= bytes.length; i += 1) {
    if (i < bytes.length && bytes[i] !== 0x0a) continue;
    const line = bytes.subarray(start, i);
    if (line.some((b) => b >= 0x80) && firstBadUtf8(line) === -1) return true;
    start = i + 1;
  }
  return false;
}

/** The text of a CSV file, or a rejection naming the line of its first bad byte. */
export function decodeCsv(bytes: Buffer, file: string): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes.subarray(2, bytes.length - (bytes.length % 2))).swap16().toString('utf16le');
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  const bad = firstBadUtf8(body);
  if (bad === -1) return new TextDecoder('utf-8').decode(body);
  const line = lineAt(body, bad);
  const byte = `0x${body[bad]!.toString(16).toUpperCase().padStart(2, '0')}`;
  if (body !== bytes || hasUtf8Line(body)) {
    throw rejected(
      'not_xlsx',
      `文件“${file}”的编码不一致：部分内容是 UTF-8，第 ${line} 行却含有不是 UTF-8 的字节（${byte}），可能由不同编码的文件拼接而成。请在 Excel 或 WPS 中打开，确认文字显示正确后另存为“CSV UTF-8”或 .xlsx 再上传。`,
      `"${file}" mixes encodings: parts of it are UTF-8, but line ${line} holds a byte that is not (${byte}); it may have been pasted together from files of different encodings. Open it in Excel or WPS, check that the text shows correctly, save it as "CSV UTF-8" or .xlsx, and upload that.`,
    );
  }
  try {
    return new TextDecoder('gb18030', { fatal: true }).decode(body);
  } catch {
    // The line to look at is where the likelier encoding (the one that read further) broke.
    const gbBad = firstBadGb18030(body);
    const at = Math.max(bad, gbBad);
    const line = lineAt(body, at);
    const byte = `0x${body[at]!.toString(16).toUpperCase().padStart(2, '0')}`;
    throw rejected(
      'not_xlsx',
      `文件“${file}”既不是 UTF-8 也不是 GB18030/GBK 编码的文本：第 ${line} 行含有无法识别的字节（${byte}）。请在 Excel 或 WPS 中打开，确认文字显示正确后另存为“CSV UTF-8”或 .xlsx 再上传。`,
      `"${file}" is text in neither UTF-8 nor GB18030/GBK: line ${line} holds a byte that cannot be read (${byte}). Open it in Excel or WPS, check that the text shows correctly, save it as "CSV UTF-8" or .xlsx, and upload that.`,
    );
  }
}

/** Comma-separated unless the first line has tabs and no commas (Excel's "Text (Tab delimited)"). */
function delimiterOf(text: string): string {
  const end = text.indexOf('\n');
  const first = end === -1 ? text : text.slice(0, end);
  return first.includes('\t') && !first.includes(',') ? '\t' : ',';
}

/**
 * The records of CSV text (RFC 4180: quoted fields may hold delimiters, quotes doubled and line
 * breaks), each numbered as the row Excel would open it in.
 */
export function* csvRecords(text: string, file: string): Generator<RawRow> {
  const delimiter = delimiterOf(text);
  let row = 0;
  let i = 0;
  while (i < text.length) {
    row += 1;
    const start = i;
    const cells = new Map<number, RawCell>();
    let column = 1;
    for (;;) {
      let value = '';
      if (text[i] === '"') {
        i += 1;
        for (;;) {
          const quote = text.indexOf('"', i);
          if (quote === -1) {
            value += text.slice(i);
            i = text.length;
            break;
          }
          value += text.slice(i, quote);
          if (text[quote + 1] === '"') {
            value += '"';
            i = quote + 2;
          } else {
            i = quote + 1;
            break;
          }
          if (i - start > MAX_CSV_RECORD_CHARS) break;
        }
        // Text between a closing quote and the delimiter is kept, as spreadsheet programs do.
        while (i < text.length && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') value += text[i++];
      } else {
        let end = i;
        while (end < text.length && text[end] !== delimiter && text[end] !== '\n' && text[end] !== '\r') end += 1;
        value = text.slice(i, end);
        i = end;
      }
      if (i - start > MAX_CSV_RECORD_CHARS) {
        throw rejected(
          'too_large',
          `文件“${file}”第 ${row} 行超过 ${MAX_CSV_RECORD_CHARS.toLocaleString('en-US')} 个字符，不是正常的表格行（可能缺少换行或引号不配对）。请检查该文件后重新导出。`,
          `Line ${row} of "${file}" is longer than ${MAX_CSV_RECORD_CHARS.toLocaleString('en-US')} characters, which no table row is (a missing line break or an unpaired quote?). Check the file and export it again.`,
        );
      }
      if (column > MAX_COLUMNS) {
        throw rejected(
          'too_large',
          `文件“${file}”第 ${row} 行超过 ${MAX_COLUMNS} 列（Excel 的列数上限）。请检查分隔符后重新导出。`,
          `Line ${row} of "${file}" has more than ${MAX_COLUMNS} columns (Excel's limit). Check its delimiter and export it again.`,
        );
      }
      if (value !== '') cells.set(column, { type: 'string', value });
      column += 1;
      if (text[i] === delimiter) {
        i += 1;
        continue;
      }
      if (text[i] === '\r') i += 1;
      if (text[i] === '\n') i += 1;
      break;
    }
    yield { row, cells };
  }
}

/** The sheet a CSV file is: its name without the extension (`机构.csv` → `机构`). */
export const csvSheetName = (file: string) => basename(file, extname(file));

/** A name's last part after a separator (`TX-002-人员` → `人员`), tried when the whole names no sheet. */
const lastPart = (name: string) => name.split(/[-_\s·．.]+/).filter(Boolean).at(-1) ?? name;

export function csvSource(bytes: Buffer, file: string, sheet: string | undefined): WorkbookSource {
  const text = decodeCsv(bytes, file);
  return {
    file,
    format: 'csv',
    date1904: false,
    async read(visitor) {
      const name = sheet ?? csvSheetName(file);
      const onRow = visitor.begin(name, sheet === undefined ? [lastPart(name)] : []);
      if (!onRow) return;
      for (const record of csvRecords(text, file)) if (record.cells.size > 0) onRow(record);
      visitor.end();
    },
    close: () => undefined,
  };
}
