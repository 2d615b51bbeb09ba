// Caps on what one workbook may hold once unzipped, past the zip guard's byte limits: a file can
// be small, honest about its sizes and still hold a million rows or millions of distinct strings,
// which would take minutes and gigabytes to check. Each cap is far above a county's real
// workbook (5,000 facilities and 100,000 staff use under half of the row cap); crossing one is a
// `too_large` rejection that names the part or sheet and says what to do.
import { fileProblem, WorkbookRejected } from './problems.js';

export interface ReadLimits {
  /** Rows holding at least one value, per sheet. */
  maxSheetRows: number;
  /** Entries of the shared-strings table. */
  maxSharedStrings: number;
  /** Characters of all shared strings together. */
  maxSharedStringChars: number;
}

export const DEFAULT_READ_LIMITS: Readonly<ReadLimits> = Object.freeze({
  maxSheetRows: 250_000,
  maxSharedStrings: 1_000_000,
  maxSharedStringChars: 64 * 1024 * 1024,
});

const grouped = (n: number) => n.toLocaleString('en-US');

export function tooManyRows(sheet: string, limit: number): WorkbookRejected {
  return new WorkbookRejected(
    fileProblem('too_large', {
      zh: `工作表“${sheet}”的数据超过 ${grouped(limit)} 行，超出单个工作簿的审核上限。请按地区或机构拆分为多个工作簿后分别上传。`,
      en: `Sheet "${sheet}" holds more than ${grouped(limit)} rows of data, more than one workbook may hold. Split it by jurisdiction or facility into several workbooks and upload them one by one.`,
    }),
  );
}

/** Over `limit` entries (`strings`) or `limit` characters of text (`characters`). */
export function tooManySharedStrings(part: string, limit: number, over: 'strings' | 'characters'): WorkbookRejected {
  const what =
    over === 'strings'
      ? { zh: `超过 ${grouped(limit)} 条文本`, en: `more than ${grouped(limit)} strings` }
      : { zh: `超过 ${grouped(limit)} 个字符的文本`, en: `more than ${grouped(limit)} characters of text` };
  return new WorkbookRejected(
    fileProblem('too_large', {
      zh: `文件内部的文本表 ${part} 含有${what.zh}，超出单个工作簿的审核上限。请删除不需要的工作表和内容，或拆分为多个工作簿后分别上传。`,
      en: `The file's text table ${part} holds ${what.en}, more than one workbook may hold. Delete sheets and content you do not need, or split it into several workbooks and upload them one by one.`,
    }),
  );
}
