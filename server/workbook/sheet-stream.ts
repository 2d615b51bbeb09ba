// SpreadsheetML's small parts read with our XML scanner: the workbook's sheet list, its
// relationships and the date styles; and the types every source's rows are made of. The large
// parts (shared strings, sheets) are read from their bytes (./sheet-bytes.ts).
import { prologOf, XmlScanner, type XmlTag } from './xml-scanner.js';
import { posix } from 'node:path';
import type { XlsxZip } from './zip.js';
import { fileProblem, WorkbookRejected } from './problems.js';

export type RawCell =
  | { type: 'string'; value: string }
  | { type: 'number'; value: number; date: boolean }
  | { type: 'boolean'; value: boolean }
  | { type: 'date'; value: string }
  | { type: 'error'; value: string }
  | { type: 'formula_without_value'; formula: string };

/** A merged range, 1-based and inclusive (`B3:D3` is row 3, columns 2–4). */
export interface MergeRange {
  firstRow: number;
  lastRow: number;
  firstColumn: number;
  lastColumn: number;
}

export interface RawRow {
  /** Excel row number. */
  row: number;
  /** Cells by 1-based column index; empty cells are absent. */
  cells: Map<number, RawCell>;
  /** Merged ranges whose top-left cell is in this row, where the format gives them with the rows. */
  merges?: MergeRange[];
}

export interface SheetRef {
  name: string;
  path: string;
}

export function rejectXml(part: string, detail: string): WorkbookRejected {
  return new WorkbookRejected(
    fileProblem('not_xlsx', {
      zh: `文件内部结构损坏（${part}：${detail}），不是有效的 Excel 工作簿。请在 Excel 中打开后另存为 .xlsx 再上传。`,
      en: `The file's internal structure is damaged (${part}: ${detail}); it is not a well-formed Excel workbook. Open it in Excel, save it as .xlsx and upload it again.`,
    }),
  );
}

/**
 * An XML scanner that refuses DTDs (Excel never writes one; a DTD is how entity-expansion and
 * external-entity attacks arrive) and reports its errors as `not_xlsx`.
 */
export function strictParser(part: string): XmlScanner {
  const parser = new XmlScanner();
  parser.on('doctype', () => {
    throw dtdRefused(part);
  });
  return parser;
}

export function dtdRefused(part: string): WorkbookRejected {
  return new WorkbookRejected(
    fileProblem('not_xlsx', {
      zh: `文件内部的 ${part} 声明了 DTD（文档类型定义或实体）。Excel 从不写入 DTD，它是 XML 实体扩展（“十亿笑声”）和外部实体攻击的载体，因此该文件被拒绝。请在 Excel 中打开后另存为 .xlsx 再上传。`,
      en: `${part} inside the file declares a DTD (a document type or entities). Excel never writes one; it is how XML entity-expansion ("billion laughs") and external-entity attacks arrive, so the file was refused. Open it in Excel, save it as .xlsx and upload it again.`,
    }),
  );
}

/** Parts that are XML: those the reader parses, and those it passes over (theme, properties, comments; an .ods's styles, settings, manifest). */
const XML_PART = /\.(xml|rels|vml|rdf)$/i;
const MAX_PROLOG = 64 * 1024;

/**
 * Refuses a DTD in any XML part of the file, not only in the parts the reader parses: a file
 * is read whole or rejected. Only a part's prolog can declare one, so its first bytes settle it.
 */
export async function refuseDtds(zip: XlsxZip): Promise<void> {
  for (const part of zip.names()) {
    if (!XML_PART.test(part)) continue;
    let head = '';
    for await (const chunk of zip.stream(part)) {
      head += chunk;
      const prolog = prologOf(head);
      if (prolog === 'doctype') throw dtdRefused(part);
      if (prolog === 'root') break;
      // Excel's prolog is one line; a long one only hides what follows it.
      if (head.length > MAX_PROLOG) throw rejectXml(part, 'more than 64 KB before the first element');
    }
  }
}

export async function parsePart(zip: XlsxZip, part: string, parser: XmlScanner): Promise<void> {
  let failure: unknown;
  parser.on('error', (error) => {
    failure ??= error;
  });
  try {
    for await (const chunk of zip.stream(part)) {
      parser.write(chunk);
      if (failure) break;
    }
    if (!failure) parser.close();
  } catch (error) {
    if (error instanceof WorkbookRejected) throw error;
    failure ??= error;
  }
  if (failure) {
    if (failure instanceof WorkbookRejected) throw failure;
    throw rejectXml(part, (failure as Error).message.split('\n')[0] ?? 'XML error');
  }
}

function resolveTarget(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  return posix.normalize(posix.join(posix.dirname(base), target));
}

async function relationships(zip: XlsxZip, part: string): Promise<Map<string, { type: string; target: string }>> {
  const relsPath = posix.join(posix.dirname(part), '_rels', `${posix.basename(part)}.rels`);
  const rels = new Map<string, { type: string; target: string }>();
  if (!zip.has(relsPath)) return rels;
  const parser = strictParser(relsPath);
  parser.on('opentag', (tag: XmlTag) => {
    if (tag.name === 'Relationship' || tag.name.endsWith(':Relationship')) {
      const id = tag.attributes['Id'];
      const target = tag.attributes['Target'];
      if (typeof id === 'string' && typeof target === 'string') {
        rels.set(id, { type: String(tag.attributes['Type'] ?? ''), target: resolveTarget(part, target) });
      }
    }
  });
  await parsePart(zip, relsPath, parser);
  return rels;
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/**
 * Cell text as Excel meant it: a character XML cannot hold (a control character) is written
 * `_xHHHH_` (ECMA-376 ST_Xstring), and a literal `_x` as `_x005F_x`. Decoded here, so that the
 * value layer sees, and refuses, the control character the cell really holds.
 */
const XSTRING_ESCAPE = /_x([0-9A-Fa-f]{4})_/g;
export const unescapeXstring = (text: string) => (text.includes('_x') ? text.replace(XSTRING_ESCAPE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text);

export interface WorkbookParts {
  sheets: SheetRef[];
  sharedStringsPath: string | null;
  stylesPath: string | null;
  /** true when dates count from 1904 (old Mac Excel). */
  date1904: boolean;
}

/** The workbook part, its sheets in tab order, and where shared strings and styles live (once no part declares a DTD). */
export async function readWorkbookParts(zip: XlsxZip): Promise<WorkbookParts> {
  await refuseDtds(zip);
  const rootRels = await relationships(zip, '');
  let workbookPath = 'xl/workbook.xml';
  for (const rel of rootRels.values()) if (rel.type.endsWith('/officeDocument')) workbookPath = rel.target;
  if (!zip.has(workbookPath)) throw rejectXml(workbookPath, 'missing');
  const rels = await relationships(zip, workbookPath);
  const sheets: SheetRef[] = [];
  let date1904 = false;
  const parser = strictParser(workbookPath);
  parser.on('opentag', (tag: XmlTag) => {
    const name = localName(tag.name);
    if (name === 'sheet') {
      const relId = Object.entries(tag.attributes).find(([key]) => localName(key) === 'id' && key.includes(':'))?.[1];
      const rel = typeof relId === 'string' ? rels.get(relId) : undefined;
      const sheetName = String(tag.attributes['name'] ?? '');
      // A sheet the workbook lists but cannot find is a damaged file, never a sheet to skip quietly.
      if (!rel || !zip.has(rel.target)) throw rejectXml(workbookPath, `sheet "${sheetName.slice(0, 40)}" has no part`);
      sheets.push({ name: sheetName, path: rel.target });
    } else if (name === 'workbookPr') {
      const value = tag.attributes['date1904'];
      date1904 = value === '1' || value === 'true';
    }
  });
  await parsePart(zip, workbookPath, parser);
  let sharedStringsPath: string | null = null;
  let stylesPath: string | null = null;
  for (const rel of rels.values()) {
    if (rel.type.endsWith('/sharedStrings') && zip.has(rel.target)) sharedStringsPath = rel.target;
    if (rel.type.endsWith('/styles') && zip.has(rel.target)) stylesPath = rel.target;
  }
  return { sheets, sharedStringsPath, stylesPath, date1904 };
}

const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

export function isDateFormatCode(code: string): boolean {
  // Drop quoted literals, escapes and colour/condition sections, then look for date tokens.
  const bare = code.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '');
  return /[ymdhs年月日]/i.test(bare) && !/^[#0.,%\s]*$/.test(bare);
}

/** For each cell style index (`s` attribute), whether it formats numbers as dates. */
export async function readDateStyles(zip: XlsxZip, path: string | null): Promise<boolean[]> {
  if (!path) return [];
  const customDate = new Map<number, boolean>();
  const styles: boolean[] = [];
  let inCellXfs = false;
  const parser = strictParser(path);
  parser.on('opentag', (tag: XmlTag) => {
    const name = localName(tag.name);
    if (name === 'numFmt') {
      customDate.set(Number(tag.attributes['numFmtId']), isDateFormatCode(String(tag.attributes['formatCode'] ?? '')));
    } else if (name === 'cellXfs') inCellXfs = true;
    else if (name === 'xf' && inCellXfs) {
      const id = Number(tag.attributes['numFmtId'] ?? 0);
      styles.push(customDate.get(id) ?? BUILTIN_DATE_FORMATS.has(id));
    }
  });
  parser.on('closetag', (tag: XmlTag) => {
    if (localName(tag.name) === 'cellXfs') inCellXfs = false;
  });
  await parsePart(zip, path, parser);
  return styles;
}
