// Problems with an upload, Frictionless-style: a stable code, the exact place, and a message in
// Chinese and English. The same objects reach the CLI, the web page, the API and the PDF.
import type { Bilingual } from '../../checks/types.js';
import { excerpt, visible } from './text.js';

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

export const WARNING_CODES = ['unknown_sheet', 'repeated_sheet', 'unknown_column', 'totals_row', 'site_area_mismatch', 'as_of_differs'] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

export interface Problem {
  code: ErrorCode | WarningCode;
  /** The file the problem is in, when an audit reads several files (absent for one file). */
  file?: string;
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

/** A rejection placed in one of several files read together (its problem then names the file). */
export function inFile(error: WorkbookRejected, file: string): WorkbookRejected {
  return new WorkbookRejected({ ...error.problem, file });
}

/** Runs `step` for one of several files: a rejection it throws names that file. */
export async function forFile<T>(file: string | null, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (file !== null && error instanceof WorkbookRejected && error.problem.file === undefined) throw inFile(error, file);
    throw error;
  }
}

/**
 * The message with the problem's own value cut to 80 characters wherever it quotes it. Only the
 * value is cut: a pattern over quote marks would also cut the sentence between two quoted names.
 */
const shortValue = (message: string, value: Problem['value']) =>
  typeof value === 'string' && excerpt(value) !== value ? message.split(value).join(excerpt(value)) : message;

/**
 * The problem as it may be printed into a terminal, a page or a PDF: every control character or
 * bidi override a user put in a value, a sheet name or a file name shown as `⟨U+001B⟩`, a quoted
 * value cut to 80 characters in the message and the value itself to 200.
 */
export function printable(problem: Problem): Problem {
  const text = (value: string | null) => (value === null ? null : visible(value));
  return {
    ...problem,
    sheet: text(problem.sheet),
    ...(problem.file !== undefined ? { file: visible(problem.file) } : {}),
    header: text(problem.header === null ? null : excerpt(problem.header)),
    cell: text(problem.cell),
    value: typeof problem.value === 'string' ? visible(excerpt(problem.value, 200)) : problem.value,
    message: { zh: visible(shortValue(problem.message.zh, problem.value)), en: visible(shortValue(problem.message.en, problem.value)) },
  };
}
