// The files a `check` reads: each path given, and for a folder every spreadsheet in it (by
// name: the bytes then decide the format), sorted by name so that an audit reads them in a
// stable order. Lock files that Excel, WPS and LibreOffice leave beside open files are skipped.
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { InputFile } from '../workbook/sources/open.js';
import { UsageError } from './args.js';

/** Extensions of the spreadsheets a folder's listing picks up. */
export const SPREADSHEET_EXTENSIONS = ['.xlsx', '.xlsm', '.xls', '.et', '.ods', '.csv', '.tsv', '.txt'];
const LOCK_FILE = /^(~\$|\.~lock\.|\.)/;

export async function readInput(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `file not found: ${path} / 找不到文件` : `cannot read ${path}: ${(error as Error).message}`);
  }
}

async function filesOf(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => null);
  if (!info?.isDirectory()) return [path];
  const names = (await readdir(path))
    .filter((name) => SPREADSHEET_EXTENSIONS.includes(extname(name).toLowerCase()) && !LOCK_FILE.test(name))
    .sort((a, b) => a.localeCompare(b, 'zh-CN'));
  if (names.length === 0) throw new UsageError(`no spreadsheet in folder ${path} (${SPREADSHEET_EXTENSIONS.join(' ')}) / 文件夹中没有表格文件`);
  return names.map((name) => join(path, name));
}

/** The files of the paths given, each named by its base name, which must differ. */
export async function inputFiles(paths: readonly string[], sheet?: string): Promise<InputFile[]> {
  const files: InputFile[] = [];
  for (const path of paths) for (const file of await filesOf(path)) files.push({ name: basename(file), bytes: await readInput(file) });
  const names = new Set<string>();
  for (const file of files) {
    if (names.has(file.name)) throw new UsageError(`two files are named ${file.name}; errors could not say which / 有两个文件同名：${file.name}`);
    names.add(file.name);
  }
  if (sheet !== undefined) {
    if (files.length !== 1) throw new UsageError('--sheet names the sheet of a single CSV file / --sheet 只用于单个 CSV 文件');
    files[0]!.sheet = sheet;
  }
  return files;
}
