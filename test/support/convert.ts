// Fixtures in other formats, made at test time from .xlsx files: LibreOffice (Debian's
// libreoffice-calc-nogui, installed by .ci/run) saves them as Excel 97-2003 .xls and as .ods in
// one run per format, and a workbook is split into one CSV per sheet as a statistics system
// exports it (text as shown, dates as yyyy-mm-dd, UTF-8, or GB18030 through iconv).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import ExcelJS from 'exceljs';

const FILTERS = { xls: 'xls:MS Excel 97', ods: 'ods' } as const;

/** Converts every file to `format` in one LibreOffice run; returns the converted files' paths by source path. */
export function convertWithLibreOffice(paths: readonly string[], format: keyof typeof FILTERS, workDir: string): Map<string, string> {
  const outDir = join(workDir, format);
  mkdirSync(outDir, { recursive: true });
  // A profile of its own, so that a LibreOffice already running (another test, a person) is not joined.
  execFileSync('soffice', [`-env:UserInstallation=file://${join(workDir, 'lo-profile')}`, '--headless', '--convert-to', FILTERS[format], '--outdir', outDir, ...paths], {
    stdio: 'ignore',
    timeout: 170_000,
  });
  return new Map(paths.map((path) => [path, join(outDir, `${basename(path, extname(path))}.${format}`)]));
}

function csvField(value: ExcelJS.CellValue): string {
  let text: string;
  if (value === null || value === undefined) text = '';
  else if (value instanceof Date) text = value.toISOString().slice(0, 10);
  else if (typeof value === 'object' && 'richText' in value) text = value.richText.map((run) => run.text).join('');
  else if (typeof value === 'object' && 'result' in value) return csvField(value.result as ExcelJS.CellValue);
  else if (typeof value === 'object' && 'text' in value) text = String(value.text);
  else text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Each sheet of an .xlsx as `<sheet>.csv` text (UTF-8), in tab order. */
export async function splitIntoCsv(bytes: Buffer): Promise<{ sheet: string; text: string }[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook.worksheets.map((sheet) => {
    const lines: string[] = [];
    for (let r = 1; r <= sheet.rowCount; r += 1) {
      const row = sheet.getRow(r);
      const fields: string[] = [];
      // Merged cells count once, by their top-left cell: the others export blank.
      for (let c = 1; c <= sheet.columnCount; c += 1) fields.push(row.getCell(c).isMerged && row.getCell(c).master !== row.getCell(c) ? '' : csvField(row.getCell(c).value));
      lines.push(fields.join(',').replace(/,+$/, ''));
    }
    return { sheet: sheet.name, text: `${lines.join('\r\n')}\r\n` };
  });
}

/** UTF-8 text as GB18030 bytes (glibc's iconv; Node has no GB18030 encoder). */
export function toGb18030(text: string): Buffer {
  return execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: Buffer.from(text, 'utf8') });
}

export const readBuffer = (path: string) => readFileSync(path);
