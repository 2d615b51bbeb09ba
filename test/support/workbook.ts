// Builds real .xlsx files with exceljs for tests, and reads them back through the real guard
// and reader.
import ExcelJS from 'exceljs';
import { defaultRulebooks } from '../../checks/rulebook.js';
import { jurisdictionNames } from '../../server/audit/check.js';
import { readSources, type ReadResult } from '../../server/workbook/read.js';
import { openSource, type InputFile } from '../../server/workbook/sources/open.js';
import type { WorkbookSource } from '../../server/workbook/sources/source.js';

export type CellInput = ExcelJS.CellValue;

export interface SheetInput {
  name: string;
  rows: CellInput[][];
  /** Ranges such as `A1:D1`. */
  merges?: string[];
  /** Number formats by cell address, e.g. `{ B2: 'yyyy-mm-dd' }`. */
  formats?: Record<string, string>;
}

export async function buildWorkbook(sheets: SheetInput[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const input of sheets) {
    const sheet = workbook.addWorksheet(input.name);
    input.rows.forEach((row, index) => {
      if (row.length) sheet.getRow(index + 1).values = row;
    });
    for (const range of input.merges ?? []) sheet.mergeCells(range);
    for (const [address, format] of Object.entries(input.formats ?? {})) sheet.getCell(address).numFmt = format;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function readBytes(bytes: Buffer, name = 'test.xlsx'): Promise<ReadResult> {
  return readFiles([{ name, bytes }]);
}

/** Several files read as one workbook, through the real gate, sources and reader. */
export async function readFiles(files: readonly InputFile[]): Promise<ReadResult> {
  const sources: WorkbookSource[] = [];
  try {
    for (const file of files) sources.push(await openSource(file));
    return await readSources(sources, jurisdictionNames(defaultRulebooks()));
  } finally {
    for (const source of sources) source.close();
  }
}

export async function readSheets(sheets: SheetInput[]): Promise<ReadResult> {
  return readBytes(await buildWorkbook(sheets));
}

/** A minimal valid facilities sheet header in Chinese. */
export const FACILITY_HEADER = ['机构编号', '机构名称', '所属地区', '机构类型', '运营性质', '床位总数'];
