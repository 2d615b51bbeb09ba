// Writes the sample workbooks of samples/ from the readable source data in samples/source/.
// Each source file holds what an inspector would type: Chinese labels, 是/否, numbers with
// units where the sample wants them. A staff entry may stand for several identical people
// (`count`); their ids are numbered per facility (`TX-001-007`).
//
//   npm run samples            regenerate samples/*.xlsx
import ExcelJS from 'exceljs';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTRACT, type SheetSpec } from '../checks/contract.js';
import type { SheetKey } from '../checks/facts.js';
import { projectPath } from '../checks/paths.js';

type SourceValue = string | number | boolean;
type SourceRow = Record<string, SourceValue>;

export interface SampleSource {
  file: string;
  description: { zh: string; en: string };
  /** `zh` (default): Chinese headers and sheet names; `en`: English keys. */
  headers?: 'zh' | 'en';
  /** A county form: title and filing lines above the header, a totals row, a signature footer. */
  form?: { title: string; filedBy: string; filedOn: string; signature: string };
  sheets: Partial<Record<SheetKey, SourceRow[]>>;
}

export const SAMPLE_SOURCE_DIR = projectPath('samples/source');
export const SAMPLE_DIR = projectPath('samples');

export function loadSampleSources(dir: string = SAMPLE_SOURCE_DIR): SampleSource[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as SampleSource);
}

/** Expands `count` staff entries into one row per person with a per-facility numbered id. */
export function expandStaff(rows: SourceRow[]): SourceRow[] {
  const seq = new Map<string, number>();
  const out: SourceRow[] = [];
  for (const { count = 1, ...row } of rows) {
    for (let i = 0; i < Number(count); i += 1) {
      const facility = String(row['facility_id']);
      const n = (seq.get(facility) ?? 0) + 1;
      seq.set(facility, n);
      out.push({ staff_id: `${facility}-${String(n).padStart(3, '0')}`, ...row });
    }
  }
  return out;
}

function headerText(spec: SheetSpec, key: string, language: 'zh' | 'en'): string {
  const column = spec.columns.find((c) => c.key === key)!;
  if (language === 'en') return key;
  const unit = column.unit === 'm2' ? '（㎡）' : '';
  return `${column.required ? '*' : ''}${column.header.zh}${unit}`;
}

function cellValue(spec: SheetSpec, key: string, value: SourceValue | undefined): ExcelJS.CellValue {
  if (value === undefined) return null;
  const kind = spec.columns.find((c) => c.key === key)?.kind;
  if (kind === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T00:00:00Z`);
  return value;
}

function addSheet(workbook: ExcelJS.Workbook, source: SampleSource, spec: SheetSpec, rows: SourceRow[]): void {
  const language = source.headers ?? 'zh';
  const sheet = workbook.addWorksheet(language === 'en' ? spec.key : spec.name.zh);
  const keys = spec.columns.map((c) => c.key).filter((key) => rows.some((row) => row[key] !== undefined));
  const form = source.form;
  if (form) {
    sheet.addRow([form.title]);
    sheet.mergeCells(1, 1, 1, keys.length + 1);
    sheet.getCell(1, 1).font = { bold: true, size: 14 };
    sheet.getCell(1, 1).alignment = { horizontal: 'center' };
    sheet.addRow([`填报单位：${form.filedBy}`, '', '', `填报日期：${form.filedOn}`]);
  }
  const header = sheet.addRow(['序号', ...keys.map((key) => headerText(spec, key, language))]);
  header.font = { bold: true };
  const firstData = header.number + 1;
  rows.forEach((row, index) => sheet.addRow([index + 1, ...keys.map((key) => cellValue(spec, key, row[key]))]));
  if (form && rows.length > 1) {
    // A totals row of SUM formulas with their cached results, as Excel would leave it.
    const last = firstData + rows.length - 1;
    const totals: ExcelJS.CellValue[] = ['合计'];
    keys.forEach((key, index) => {
      const kind = spec.columns.find((c) => c.key === key)?.kind;
      const numbers = rows.map((row) => row[key]).filter((v): v is number => typeof v === 'number');
      const column = sheet.getColumn(index + 2).letter;
      // Like Excel's SUM, the cached result ignores text and blank cells.
      totals.push(
        (kind === 'integer' || kind === 'number') && numbers.length > 0
          ? { formula: `SUM(${column}${firstData}:${column}${last})`, result: numbers.reduce((a, b) => a + b, 0) }
          : null,
      );
    });
    sheet.addRow(totals);
    sheet.addRow([]);
    sheet.addRow([form.signature]);
  }
  sheet.columns.forEach((column) => (column.width = 16));
  sheet.getColumn(1).width = 6;
}

export async function buildSample(source: SampleSource): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'eldercare-audit samples';
  for (const spec of CONTRACT) {
    const rows = source.sheets[spec.key];
    if (!rows?.length) continue;
    addSheet(workbook, source, spec, spec.key === 'staff' ? expandStaff(rows) : rows);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function generateSamples(outDir: string = SAMPLE_DIR): Promise<string[]> {
  const written: string[] = [];
  for (const source of loadSampleSources()) {
    const path = join(outDir, source.file);
    writeFileSync(path, await buildSample(source));
    written.push(path);
  }
  return written;
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  for (const path of await generateSamples()) process.stdout.write(`${path}\n`);
}
