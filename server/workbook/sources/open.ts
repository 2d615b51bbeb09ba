// One uploaded file → the source of its format, decided by its bytes (zip, compound file or
// text), never by its name: an .xls renamed .xlsx, or a CSV saved as .xls, reads all the same.
import { openUpload, type GuardLimits } from '../guard.js';
import { DEFAULT_READ_LIMITS, type ReadLimits } from '../read-limits.js';
import { csvSource } from './csv.js';
import { odsSource } from './ods.js';
import type { WorkbookSource } from './source.js';
import { xlsxSource } from './xlsx.js';

export interface InputFile {
  /** The name as uploaded (`TX-002.xls`); a CSV's sheet is named by it. */
  name: string;
  bytes: Buffer;
  /** A CSV's sheet name, when its file name does not say it (`--sheet`). */
  sheet?: string;
}

export async function openSource(
  input: InputFile,
  limits: Partial<GuardLimits> = {},
  readLimits: ReadLimits = DEFAULT_READ_LIMITS,
): Promise<WorkbookSource> {
  const opened = await openUpload(input.bytes, input.name, limits);
  switch (opened.kind) {
    case 'xlsx':
      try {
        return await xlsxSource(opened.zip, input.name, readLimits);
      } catch (error) {
        opened.zip.close();
        throw error;
      }
    case 'ods':
      return odsSource(opened.zip, input.name);
    case 'cfb':
      // SheetJS is loaded only for the files that need it: every other check starts without it.
      return (await import('./xls.js')).xlsSource(input.bytes, input.name);
    case 'text':
      return csvSource(input.bytes, input.name, input.sheet);
  }
}
