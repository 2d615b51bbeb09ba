// What every spreadsheet format hands the shared reader: sheets of raw rows (sheet name, Excel
// row number, cells by column, and the merges that start in the row). Finding the header,
// reading values, validating and building facts happen once, in ../read.ts, whatever the
// format; a source only turns its bytes into rows.
import type { RawRow } from '../sheet-stream.js';

export type { RawCell, RawRow, MergeRange } from '../sheet-stream.js';

export type SourceFormat = 'xlsx' | 'xls' | 'ods' | 'csv';

/** Where a source's sheets go: each sheet begins, streams its rows, and ends, in tab order. */
export interface SheetVisitor {
  /**
   * A sheet begins; returns where its rows go, or null to pass over it unread. `otherNames` are
   * tried when `name` names no sheet of the contract (a CSV named `TX-002-人员.csv` is 人员).
   */
  begin(name: string, otherNames?: readonly string[]): ((row: RawRow) => void) | null;
  /** The sheet that began last has ended (called only for sheets that were read). */
  end(): void;
}

export interface WorkbookSource {
  /** The file's name as uploaded, for every problem's place. */
  file: string;
  format: SourceFormat;
  /** Dates count from 1904 (old Mac Excel). */
  date1904: boolean;
  /** Streams every sheet to the visitor; a row callback may throw to stop reading. */
  read(visitor: SheetVisitor): Promise<void>;
  close(): void;
}
