// Problems with an upload, Frictionless-style: a stable code, the exact place, and a message in
// Chinese and English. The same objects reach the CLI, the web page, the API and the PDF.
import type { Bilingual } from '../../checks/types.js';

export const ERROR_CODES = [
  'not_xlsx',
  'too_large',
  'missing_sheet',
  'missing_column',
  'required',
  'type',
  'enum',
  'range',
  'duplicate_id',
  'unknown_reference',
  'consistency',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const WARNING_CODES = ['unknown_sheet', 'unknown_column', 'totals_row', 'site_area_mismatch', 'as_of_differs'] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

export interface Problem {
  code: ErrorCode | WarningCode;
  /** The sheet's name as it stands in the workbook (`人员`), or null for the file as a whole. */
  sheet: string | null;
  /** Excel row number, 1-based. */
  row: number | null;
  /** Column letter (`C`). */
  column: string | null;
  /** The header as it stands in the workbook, or the contract's Chinese header. */
  header: string | null;
  /** `人员!C14`. */
  cell: string | null;
  /** The offending value as typed. */
  value: string | number | boolean | null;
  message: Bilingual;
}

/** A file-level problem (the whole upload), e.g. `not_xlsx` or `too_large`. */
export function fileProblem(code: ErrorCode, message: Bilingual): Problem {
  return { code, sheet: null, row: null, column: null, header: null, cell: null, value: null, message };
}

/** Thrown by the guard and the reader for problems that stop reading the file at once. */
export class WorkbookRejected extends Error {
  constructor(readonly problem: Problem) {
    super(problem.message.en);
    this.name = 'WorkbookRejected';
  }
}
