// Excel 97-2003 .xls (BIFF8, and the older BIFF5) and WPS .et: SheetJS Community Edition
// parses the binary records (see the README for why this library, and which build). Our own
// compound-file check runs first (./cfb.ts), so that a hostile container never reaches the
// parser; the parsed cells then become the same raw rows every other format gives.
import * as XLSX from '@e965/xlsx';
import { isDateFormatCode } from '../sheet-stream.js';
import { checkCompoundFile, damagedCfb } from './cfb.js';
import type { MergeRange, RawCell, RawRow, WorkbookSource } from './source.js';

/** BIFF error codes as Excel shows them. */
const ERRORS: Record<number, string> = { 0x00: '#NULL!', 0x07: '#DIV/0!', 0x0f: '#VALUE!', 0x17: '#REF!', 0x1d: '#NAME?', 0x24: '#NUM!', 0x2a: '#N/A' };

function rawCell(cell: XLSX.CellObject): RawCell | null {
  switch (cell.t) {
    case 'n':
      return typeof cell.v === 'number' ? { type: 'number', value: cell.v, date: typeof cell.z === 'string' && isDateFormatCode(cell.z) } : null;
    case 's':
      return typeof cell.v === 'string' && cell.v !== '' ? { type: 'string', value: cell.v } : null;
    case 'b':
      return { type: 'boolean', value: cell.v === true };
    case 'e':
      return { type: 'error', value: ERRORS[Number(cell.v)] ?? '#ERROR' };
    case 'd':
      return cell.v instanceof Date ? { type: 'date', value: cell.v.toISOString().slice(0, 10) } : null;
    default:
      return null;
  }
}

export function xlsSource(bytes: Buffer, file: string): WorkbookSource {
  checkCompoundFile(bytes, file);
  let workbook: XLSX.WorkBook;
  try {
    workbook = XLSX.read(bytes, {
      type: 'buffer',
      dense: true,
      cellNF: true,
      cellHTML: false,
      cellText: false,
      cellFormula: false,
      cellStyles: false,
      bookVBA: false,
      sheetStubs: false,
    });
  } catch (error) {
    throw damagedCfb(file, ((error as Error).message ?? String(error)).split('\n')[0]!.slice(0, 120));
  }
  return {
    file,
    format: 'xls',
    date1904: workbook.Workbook?.WBProps?.date1904 === true,
    async read(visitor) {
      for (const name of workbook.SheetNames) {
        const onRow = visitor.begin(name);
        if (!onRow) continue;
        const sheet = workbook.Sheets[name]!;
        const merges = new Map<number, MergeRange[]>();
        for (const merge of sheet['!merges'] ?? []) {
          const range = { firstRow: merge.s.r + 1, lastRow: merge.e.r + 1, firstColumn: merge.s.c + 1, lastColumn: merge.e.c + 1 };
          merges.set(range.firstRow, [...(merges.get(range.firstRow) ?? []), range]);
        }
        const data = (sheet['!data'] ?? []) as (XLSX.CellObject[] | undefined)[];
        data.forEach((cells, index) => {
          if (!cells) return;
          const row: RawRow = { row: index + 1, cells: new Map() };
          cells.forEach((cell, column) => {
            const value = cell ? rawCell(cell) : null;
            if (value) row.cells.set(column + 1, value);
          });
          const rowMerges = merges.get(row.row);
          if (rowMerges) row.merges = rowMerges;
          if (row.cells.size > 0) onRow(row);
        });
        visitor.end();
      }
    },
    close: () => undefined,
  };
}
