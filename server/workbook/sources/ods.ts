// OpenDocument spreadsheets (.ods, from LibreOffice and WPS): a zip, read through the same zip
// guard as .xlsx (so a zip bomb is refused the same way), whose content.xml is streamed through
// our XML scanner (a DTD in any XML part refused). Rows and cells repeat by count (`number-rows-repeated`,
// `number-columns-repeated`: an empty row repeated a million times is how LibreOffice pads a
// sheet); only cells with a value are kept, and a row with values repeated past the sheet's
// bounds is refused as not a real sheet.
import { parsePart, refuseDtds, strictParser } from '../sheet-stream.js';
import { fileProblem, WorkbookRejected } from '../problems.js';
import type { XmlTag } from '../xml-scanner.js';
import type { XlsxZip } from '../zip.js';
import type { MergeRange, RawCell, RawRow, WorkbookSource } from './source.js';

const MAX_ROW = 1_048_576;
const MAX_COLUMN = 16_384;
const CONTENT = 'content.xml';


function damaged(file: string, detail: string): WorkbookRejected {
  return new WorkbookRejected(
    fileProblem('not_xlsx', {
      zh: `文件“${file}”内部结构损坏（content.xml：${detail}），不是有效的 OpenDocument 电子表格。请在 LibreOffice 或 WPS 中打开后重新保存再上传。`,
      en: `The internal structure of "${file}" is damaged (content.xml: ${detail}); it is not a well-formed OpenDocument spreadsheet. Open it in LibreOffice or WPS, save it again and upload that.`,
    }),
  );
}

/** A repeat or span count: absent is 1; anything but a positive whole number is a damaged file. */
function count(tag: XmlTag, attribute: string, file: string): number {
  const value = tag.attributes[attribute];
  if (value === undefined) return 1;
  if (!/^\d{1,7}$/.test(value) || Number(value) < 1) throw damaged(file, `${attribute}="${value.slice(0, 20)}"`);
  return Number(value);
}

/** A cell's value from its attributes and text, as the shared layer takes it. */
function cellOf(tag: XmlTag, text: string | null): RawCell | null {
  const a = tag.attributes;
  const type = a['office:value-type'] ?? a['calcext:value-type'];
  switch (type) {
    case 'float':
    case 'percentage':
    case 'currency': {
      const value = Number(a['office:value']);
      return Number.isFinite(value) ? { type: 'number', value, date: false } : { type: 'error', value: text ?? '' };
    }
    case 'date':
      return a['office:date-value'] ? { type: 'date', value: a['office:date-value'].slice(0, 10) } : null;
    case 'boolean':
      return { type: 'boolean', value: a['office:boolean-value'] === 'true' };
    case undefined:
      // A formula that was never computed has no value type; a blank cell has nothing.
      if (a['table:formula']) return { type: 'formula_without_value', formula: a['table:formula'].replace(/^of:=?/, '') };
      return null;
    default:
      return text === null || text === '' ? null : { type: 'string', value: text };
  }
}

export function odsSource(zip: XlsxZip, file: string): WorkbookSource {
  return {
    file,
    format: 'ods',
    date1904: false,
    async read(visitor) {
      if (!zip.has(CONTENT)) throw damaged(file, 'missing');
      // As for .xlsx: a DTD in any XML part (styles, settings, the manifest), parsed or not, refuses the file.
      await refuseDtds(zip);
      const parser = strictParser(CONTENT);
      let onRow: ((row: RawRow) => void) | null = null;
      let inTable = false;
      let row = 0;
      let rowRepeat = 1;
      let column = 1;
      let cells = new Map<number, RawCell>();
      let merges: MergeRange[] = [];
      let cell: XmlTag | null = null;
      let paragraphs: string[] | null = null;
      let text: string[] | null = null;
      // Annotations (comments) hold text:p of their own, never the cell's value.
      let annotationDepth = 0;

      parser.on('opentag', (tag: XmlTag) => {
        const name = tag.name;
        if (name === 'table:table') {
          inTable = true;
          row = 0;
          onRow = visitor.begin(tag.attributes['table:name'] ?? '');
          return;
        }
        if (!inTable || !onRow) return;
        switch (name) {
          case 'table:table-row':
            rowRepeat = count(tag, 'table:number-rows-repeated', file);
            column = 1;
            cells = new Map();
            merges = [];
            return;
          case 'table:table-cell':
          case 'table:covered-table-cell':
            cell = tag;
            paragraphs = [];
            return;
          case 'office:annotation':
            annotationDepth += 1;
            return;
          case 'text:p':
          case 'text:h':
            if (paragraphs && annotationDepth === 0) text = [];
            return;
          case 'text:s':
            text?.push(' '.repeat(Math.min(count(tag, 'text:c', file), 1024)));
            return;
          case 'text:tab':
            text?.push('\t');
            return;
          case 'text:line-break':
            text?.push('\n');
            return;
        }
      });
      parser.on('text', (chunk: string) => {
        text?.push(chunk);
      });
      parser.on('closetag', (tag: XmlTag) => {
        const name = tag.name;
        if (name === 'table:table') {
          if (onRow) visitor.end();
          inTable = false;
          onRow = null;
          return;
        }
        if (!inTable || !onRow) return;
        switch (name) {
          case 'text:p':
          case 'text:h':
            if (text && paragraphs) paragraphs.push(text.join(''));
            text = null;
            return;
          case 'office:annotation':
            annotationDepth -= 1;
            return;
          case 'table:table-cell':
          case 'table:covered-table-cell': {
            const open = cell!;
            const repeat = count(open, 'table:number-columns-repeated', file);
            const value = name === 'table:table-cell' ? cellOf(open, paragraphs!.join('\n')) : null;
            if (value) {
              if (column + repeat - 1 > MAX_COLUMN) throw damaged(file, `a value beyond column ${MAX_COLUMN}`);
              for (let k = 0; k < repeat; k += 1) cells.set(column + k, value);
              const across = count(open, 'table:number-columns-spanned', file);
              const down = count(open, 'table:number-rows-spanned', file);
              if (across > 1 || down > 1) merges.push({ firstRow: row + 1, lastRow: row + down, firstColumn: column, lastColumn: column + across - 1 });
            }
            column += repeat;
            cell = null;
            paragraphs = null;
            return;
          }
          case 'table:table-row': {
            if (cells.size === 0) {
              row += rowRepeat;
              return;
            }
            if (row + rowRepeat > MAX_ROW) throw damaged(file, `a row with values repeated beyond row ${MAX_ROW}`);
            for (let k = 0; k < rowRepeat; k += 1) {
              row += 1;
              // Each repeat is its own row; the shared layer counts them against the row cap.
              onRow({ row, cells: k === 0 ? cells : new Map(cells), ...(k === 0 && merges.length ? { merges } : {}) });
            }
            return;
          }
        }
      });
      await parsePart(zip, CONTENT, parser);
    },
    close: () => zip.close(),
  };
}
