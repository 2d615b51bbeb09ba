// A county as it collects its workbook: samples/anji.xlsx split into one workbook per facility
// (its staff with it) and a region workbook, for the tests that read or upload them together.
import ExcelJS from 'exceljs';
import { projectPath } from '../../checks/paths.js';
import { buildWorkbook } from './workbook.js';
import type { AuditResult } from '../../server/audit/result.js';

/** Findings in a fixed order (several files may list subjects in another order). */
// A blank's cell is where that format put it (a CSV drops the empty columns a form leaves, and
// several files name their file: `居住区.csv › 居住区!I5`); the same subject, field and range are
// the same finding. Cells of errors are compared apart, format by format.
const withoutFile = (finding: AuditResult['findings'][number]) =>
  finding.blanks ? { ...finding, blanks: finding.blanks.map(({ cell: _cell, ...blank }) => blank) } : finding;
const FILE_PREFIX = /[\p{L}\p{N}._-]+\.(?:csv|xlsx?|ods|et) › /gu;
export const sortedFindings = (result: AuditResult) => result.findings.map((f) => JSON.stringify(withoutFile(f)).replace(FILE_PREFIX, '')).sort();

/** Rows of an exceljs sheet as plain values (merged cells once, by their top-left cell). */
function sheetRows(sheet: ExcelJS.Worksheet): ExcelJS.CellValue[][] {
  const rows: ExcelJS.CellValue[][] = [];
  for (let r = 1; r <= sheet.rowCount; r += 1) {
    const row = sheet.getRow(r);
    const values: ExcelJS.CellValue[] = [];
    for (let c = 1; c <= sheet.columnCount; c += 1) {
      const cell = row.getCell(c);
      values.push(cell.isMerged && cell.master !== cell ? null : cell.value);
    }
    rows.push(values);
  }
  return rows;
}

/** samples/anji.xlsx as a county collects it: one workbook per facility (its staff with it) and a region workbook. */
export async function splitCounty(): Promise<{ facilities: { id: string; bytes: Buffer }[]; region: Buffer }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(projectPath('samples/anji.xlsx'));
  const sheet = (name: string) => sheetRows(workbook.getWorksheet(name)!);
  const headerAt = (rows: ExcelJS.CellValue[][], text: string) => rows.findIndex((row) => row.some((v) => String(v ?? '').replace('*', '') === text));
  /** The rows above the data (title, header), the data rows, and the column of the facility id. */
  const split = (rows: ExcelJS.CellValue[][], idHeader: string, marker: string) => {
    const header = headerAt(rows, marker);
    const column = rows[header]!.findIndex((v) => String(v ?? '').replace('*', '') === idHeader);
    return { head: rows.slice(0, header + 1), data: rows.slice(header + 1), column };
  };
  const facilities = split(sheet('机构'), '机构编号', '机构名称');
  const staff = split(sheet('人员'), '机构编号', '人员编号');
  const ids = facilities.data.map((row) => row[facilities.column]).filter((id): id is string => typeof id === 'string' && /^AJ-/.test(id));
  const perFacility = await Promise.all(
    ids.map(async (id) => ({
      id,
      bytes: await buildWorkbook([
        { name: '机构', rows: [...facilities.head, ...facilities.data.filter((row) => row[facilities.column] === id)] },
        { name: '人员', rows: [...staff.head, ...staff.data.filter((row) => row[staff.column] === id)] },
      ]),
    })),
  );
  const region = await buildWorkbook(['居住区', '地区'].map((name) => ({ name, rows: sheet(name) })));
  return { facilities: perFacility, region };
}
