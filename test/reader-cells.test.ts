// Every cell of the county-scale workbook (bench/county-workbook.ts: 5,000 facilities, 100,000
// staff) read by our .xlsx reader — its byte-level tokenizer — against exceljs's reading of the
// same file, cell by cell: the file as exceljs writes it (shared strings) and as LibreOffice saves
// it (its own shared strings, styles and rich text), and the rich-text fixture. A value garbled,
// lost, moved to another cell or read with another type fails the test and names the cell.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FULL_COUNTY, writeCountyWorkbook } from '../bench/county-workbook.js';
import { projectPath } from '../checks/paths.js';
import { openSource } from '../server/workbook/sources/open.js';
import type { RawCell } from '../server/workbook/sources/source.js';
import { columnLetter } from '../server/workbook/text.js';

type Plain = string | number | boolean;

/** What a cell holds, as both readers can say it: a number, a boolean or text (rich text joined). */
function ours(cell: RawCell): Plain {
  switch (cell.type) {
    case 'number':
    case 'boolean':
    case 'string':
      return cell.value;
    default:
      return `${cell.type}:${'value' in cell ? cell.value : cell.formula}`;
  }
}

function theirs(value: ExcelJS.CellValue): Plain {
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'richText' in value) return value.richText.map((run) => run.text).join('');
  if (value && typeof value === 'object' && 'result' in value) return theirs(value.result as ExcelJS.CellValue);
  return `unexpected:${JSON.stringify(value)}`;
}

/** Every cell our reader gives, by `sheet!A1`. */
async function readOurs(path: string): Promise<Map<string, Plain>> {
  const cells = new Map<string, Plain>();
  const source = await openSource({ name: 'county.xlsx', bytes: readFileSync(path) });
  try {
    await source.read({
      begin: (sheet) => (row) => {
        for (const [column, cell] of row.cells) cells.set(`${sheet}!${columnLetter(column)}${row.row}`, ours(cell));
      },
      end: () => {},
    });
  } finally {
    source.close();
  }
  return cells;
}

/**
 * Compares exceljs's every cell with ours; returns the count and the first differences. exceljs
 * loads the file whole here: its streaming reader garbles a Chinese character cut between two
 * inflate chunks (exceljs issue #2063; dozens of the county's names), the bug ours must not have.
 */
async function compareWithExceljs(path: string, mine: Map<string, Plain>): Promise<{ cells: number; differences: string[] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(readFileSync(path) as unknown as ArrayBuffer);
  let cells = 0;
  const differences: string[] = [];
  workbook.eachSheet((sheet) => {
    sheet.eachRow((row) => {
      row.eachCell((cell, column) => {
        cells += 1;
        const place = `${sheet.name}!${columnLetter(column)}${row.number}`;
        const expected = theirs(cell.value);
        const got = mine.get(place);
        if (got !== expected && differences.length < 10) differences.push(`${place}: exceljs ${JSON.stringify(expected)}, ours ${JSON.stringify(got)}`);
      });
    });
  });
  return { cells, differences };
}

let dir: string;
let written: string;
let libreOffice: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'eldercare-cells-'));
  written = join(dir, 'county.xlsx');
  await writeCountyWorkbook(written, FULL_COUNTY);
  execFileSync('soffice', [`-env:UserInstallation=file://${join(dir, 'lo-profile')}`, '--headless', '--convert-to', 'xlsx', '--outdir', join(dir, 'lo'), written], { stdio: 'ignore', timeout: 300_000 });
  libreOffice = join(dir, 'lo', 'county.xlsx');
}, 400_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the .xlsx reader, every cell of a county against exceljs', () => {
  for (const [label, file] of [
    ['as exceljs writes it', () => written],
    ['as LibreOffice saves it', () => libreOffice],
    ['the rich-text fixture (LibreOffice runs in several fonts)', () => projectPath('test/fixtures/libreoffice-richtext.xlsx')],
  ] as const) {
    it(`reads ${label} exactly`, async () => {
      const mine = await readOurs(file());
      const { cells, differences } = await compareWithExceljs(file(), mine);
      expect(differences).toEqual([]);
      // Nothing ours reads that exceljs does not: the same count both ways.
      expect(mine.size).toBe(cells);
      if (label !== 'the rich-text fixture (LibreOffice runs in several fonts)') expect(cells).toBeGreaterThan(800_000);
    }, 240_000);
  }
});
