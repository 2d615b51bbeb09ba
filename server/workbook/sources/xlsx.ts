// .xlsx: our own streaming reader (zip guard, byte-level tokenizer for the sheets and shared
// strings, one sheet's XML never held whole).
// Its merges come after the rows in the sheet's XML, so rows carry none: a two-row header's
// group is then found by the blank cells the merge leaves (../header.ts).
import { readDateStyles, readWorkbookParts } from '../sheet-stream.js';
import { readSharedStrings, readSheetRows, sharedStringCells } from '../sheet-bytes.js';
import { DEFAULT_READ_LIMITS, type ReadLimits } from '../read-limits.js';
import type { XlsxZip } from '../zip.js';
import type { WorkbookSource } from './source.js';

export async function xlsxSource(zip: XlsxZip, file: string, limits: ReadLimits = DEFAULT_READ_LIMITS): Promise<WorkbookSource> {
  const parts = await readWorkbookParts(zip);
  const [strings, dateStyles] = await Promise.all([readSharedStrings(zip, parts.sharedStringsPath, limits), readDateStyles(zip, parts.stylesPath)]);
  const stringCells = sharedStringCells(strings);
  return {
    file,
    format: 'xlsx',
    date1904: parts.date1904,
    async read(visitor) {
      for (const sheet of parts.sheets) {
        const onRow = visitor.begin(sheet.name);
        if (!onRow) continue;
        await readSheetRows(zip, sheet, stringCells, dateStyles, onRow);
        visitor.end();
      }
    },
    close: () => zip.close(),
  };
}
