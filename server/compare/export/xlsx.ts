// Comparison tables as an Excel workbook: one sheet per table, a frozen bold header row, status
// cells filled with the report's status colours (the status word is always in the cell too),
// and every text neutralised against formula injection. A table's note (the diff's waived
// failures) goes below its rows, after a blank one, so the header stays the frozen first row.
import ExcelJS from 'exceljs';
import { STATUS_COLOURS } from '../../report/layout.js';
import { neutraliseFormula } from '../../workbook/export-safety.js';
import type { Table } from '../tables.js';

const argb = (hex: string) => `FF${hex.replace('#', '').toUpperCase()}`;

/** Excel's sheet names: at most 31 characters, none of []:*?/\, unique in the workbook. */
function sheetName(title: string, used: Set<string>): string {
  const base = title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 28).trim() || 'Sheet';
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n += 1) name = `${base} ${n}`;
  used.add(name.toLowerCase());
  return name;
}

export async function tablesToXlsx(tables: readonly Table[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'eldercare-audit';
  const used = new Set<string>();
  for (const table of tables) {
    const sheet = workbook.addWorksheet(sheetName(table.title, used), { views: [{ state: 'frozen', ySplit: 1 }] });
    const header = sheet.addRow(table.columns.map(neutraliseFormula));
    header.font = { bold: true };
    header.eachCell((cell) => (cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F4F7' } }));
    for (const cells of table.rows) {
      const row = sheet.addRow(cells.map((cell) => neutraliseFormula(cell.text)));
      cells.forEach((cell, i) => {
        if (!cell.status) return;
        const target = row.getCell(i + 1);
        target.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(STATUS_COLOURS[cell.status].fill) } };
        target.font = { color: { argb: argb(STATUS_COLOURS[cell.status].ink) } };
      });
      row.alignment = { wrapText: true, vertical: 'top' };
    }
    if (table.note) {
      sheet.addRow([]);
      sheet.addRow([neutraliseFormula(table.note)]).font = { italic: true };
    }
    sheet.columns.forEach((column, i) => (column.width = i === 0 ? 36 : 28));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
