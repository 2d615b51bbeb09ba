// The gate before any parsing: is this upload an .xlsx workbook of a sane size? People upload
// whatever their office system exported (old .xls, WPS files, CSV, PDF scans, photos, password-
// protected workbooks, HTML tables with an .xls name), so each kind gets a sentence saying what
// it is and what to do, in Chinese and English. Only then is the zip opened (XlsxZip checks its
// central directory against the zip limits) and the parts of a real workbook looked for.
import { posix } from 'node:path';
import { fileProblem, WorkbookRejected } from './problems.js';
import { DEFAULT_ZIP_LIMITS, formatSize, XlsxZip, type ZipLimits } from './zip.js';

export interface GuardLimits extends ZipLimits {
  /** Size of the uploaded file itself. */
  maxFileBytes: number;
}

export const DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024;

export const DEFAULT_GUARD_LIMITS: Readonly<GuardLimits> = Object.freeze({
  ...DEFAULT_ZIP_LIMITS,
  maxFileBytes: DEFAULT_MAX_FILE_BYTES,
});

const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const ZIP_LOCAL = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const ZIP_EMPTY = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const utf16 = (text: string) => Buffer.from(text, 'utf16le');
const OLE_ENCRYPTED = [utf16('EncryptedPackage'), utf16('EncryptionInfo')];
const OLE_WORD = utf16('WordDocument');
const OLE_POWERPOINT = utf16('PowerPoint Document');

const RESAVE_ZH = '请在 Excel（或 WPS 表格）中打开它，选择“文件 › 另存为”，保存类型选“Excel 工作簿 (.xlsx)”，然后上传新文件。';
const RESAVE_EN = 'Open it in Excel (or WPS Spreadsheets), choose File › Save As, pick "Excel Workbook (.xlsx)" as the type, and upload the new file.';

function reject(code: 'not_xlsx' | 'too_large', zh: string, en: string): WorkbookRejected {
  return new WorkbookRejected(fileProblem(code, { zh, en }));
}

/** Whether the file begins with these bytes (a string is taken byte for byte, as latin1). */
function startsWith(bytes: Buffer, magic: Buffer | string): boolean {
  const expected = typeof magic === 'string' ? Buffer.from(magic, 'latin1') : magic;
  return bytes.length >= expected.length && bytes.subarray(0, expected.length).equals(expected);
}

/**
 * Whether the bytes read as text: no NUL and almost no control characters in the first 64 KiB.
 * UTF-8 and GBK (every byte of a GBK character is ≥ 0x40, its lead byte ≥ 0x81) both pass;
 * binary formats do not.
 */
function looksLikeText(bytes: Buffer): boolean {
  const sample = bytes.subarray(0, 64 * 1024);
  if (sample.length === 0) return false;
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return false;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) control += 1;
    else if (byte === 0x7f) control += 1;
  }
  return control <= sample.length / 100;
}

/** The start of the file as text, for text that carries a BOM (UTF-16 from "Unicode Text"). */
function textHead(bytes: Buffer): string | null {
  const head = bytes.subarray(0, 64 * 1024);
  if (startsWith(head, Buffer.from([0xff, 0xfe]))) return head.subarray(2).toString('utf16le');
  if (startsWith(head, Buffer.from([0xfe, 0xff]))) {
    const swapped = Buffer.from(head.subarray(2, head.length - (head.length % 2)));
    return swapped.swap16().toString('utf16le');
  }
  if (looksLikeText(head)) return head.toString('latin1'); // enough to find ASCII markers
  return null;
}

/** Refuses an empty file and one over the size cap (`too_large`), naming the file. */
function checkSize(bytes: Buffer, fileName: string, maxFileBytes: number): void {
  if (bytes.length === 0) {
    throw reject(
      'not_xlsx',
      `文件“${fileName}”是空的（0 字节），可能上传失败或保存时出错。请在 Excel 中打开确认内容，保存后重新上传。`,
      `"${fileName}" is empty (0 bytes): the upload may have failed, or it was not saved properly. Open it in Excel to check its content, save it and upload it again.`,
    );
  }
  if (bytes.length > maxFileBytes) {
    const size = formatSize(bytes.length);
    const limit = formatSize(maxFileBytes);
    throw reject(
      'too_large',
      `文件“${fileName}”大小为 ${size.zh}，超过上传上限 ${limit.zh}。请删除不需要的工作表和图片，或拆分为多个工作簿分别上传；如需调高上限，可使用命令行的 --max-size 选项（单位 MB）或服务器的上传大小设置。`,
      `"${fileName}" is ${size.en}, more than the upload limit of ${limit.en}. Delete sheets and pictures you do not need, or split it into several workbooks; to raise the limit, use the --max-size option (in MB) on the command line or the server's upload size setting.`,
    );
  }
}

export type UploadKind = 'zip' | 'cfb' | 'text';

/**
 * What the bytes are, whatever the file is called: a zip (.xlsx, .ods), a compound file (.xls,
 * WPS .et) or plain text (CSV). Anything else, and a compound file that is encrypted or a
 * Word/PowerPoint document, or text that is a web page or an Excel 2003 XML file, is refused
 * with a sentence saying what it is.
 */
export function uploadKind(bytes: Buffer, fileName: string, maxFileBytes: number = DEFAULT_MAX_FILE_BYTES): UploadKind {
  if (!Buffer.isBuffer(bytes)) throw unexpected(fileName, new Error('not a buffer'));
  checkSize(bytes, fileName, maxFileBytes);
  const kind = sniff(bytes, fileName);
  if (kind instanceof WorkbookRejected) throw kind;
  return kind;
}

/** What the first bytes say: a readable kind, or the rejection of anything else. */
function sniff(bytes: Buffer, fileName: string): WorkbookRejected | UploadKind {
  const zh = `文件“${fileName}”`;
  const en = `"${fileName}"`;
  if (startsWith(bytes, ZIP_LOCAL) || startsWith(bytes, ZIP_EMPTY)) return 'zip';

  if (startsWith(bytes, OLE_MAGIC)) {
    if (OLE_ENCRYPTED.some((name) => bytes.includes(name))) {
      return reject(
        'not_xlsx',
        `${zh}是设置了打开密码的加密工作簿，无法读取。请在 Excel 中去除密码：文件 › 信息 › 保护工作簿 › 用密码进行加密，清空密码并确定，保存后重新上传。`,
        `${en} is a password-protected (encrypted) workbook and cannot be read. Remove the password in Excel: File › Info › Protect Workbook › Encrypt with Password, clear it, save, and upload it again.`,
      );
    }
    if (bytes.includes(OLE_WORD)) {
      return reject(
        'not_xlsx',
        `${zh}是 Word 文档（.doc），不是 Excel 工作簿。请把表格填入本工具提供的 Excel 模板，保存为 .xlsx 后上传。`,
        `${en} is a Word document (.doc), not an Excel workbook. Enter the table in the tool's Excel template, save it as .xlsx and upload that.`,
      );
    }
    if (bytes.includes(OLE_POWERPOINT)) {
      return reject(
        'not_xlsx',
        `${zh}是 PowerPoint 演示文稿（.ppt），不是 Excel 工作簿。请把数据填入本工具提供的 Excel 模板，保存为 .xlsx 后上传。`,
        `${en} is a PowerPoint presentation (.ppt), not an Excel workbook. Enter the data in the tool's Excel template, save it as .xlsx and upload that.`,
      );
    }
    return 'cfb';
  }
  if (startsWith(bytes, '%PDF')) {
    return reject(
      'not_xlsx',
      `${zh}是 PDF 文档，不是 Excel 工作簿，无法从中读取表格数据。请上传原始的 Excel 文件（.xlsx），或把数据填入本工具提供的 Excel 模板后上传。`,
      `${en} is a PDF document, not an Excel workbook, and its table cannot be read. Upload the original Excel file (.xlsx), or enter the data in the tool's Excel template and upload that.`,
    );
  }
  if (startsWith(bytes, PNG_MAGIC) || startsWith(bytes, Buffer.from([0xff, 0xd8, 0xff])) || startsWith(bytes, 'GIF87a') || startsWith(bytes, 'GIF89a')) {
    return reject(
      'not_xlsx',
      `${zh}是一张图片（照片或截图），不是 Excel 工作簿，无法从中读取数据。请上传原始的 Excel 文件（.xlsx），或把数据填入本工具提供的 Excel 模板后上传。`,
      `${en} is an image (a photo or screenshot), not an Excel workbook, and no data can be read from it. Upload the original Excel file (.xlsx), or enter the data in the tool's Excel template and upload that.`,
    );
  }
  if (
    startsWith(bytes, 'Rar!\x1a\x07') ||
    startsWith(bytes, Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) ||
    startsWith(bytes, Buffer.from([0x1f, 0x8b]))
  ) {
    return reject(
      'not_xlsx',
      `${zh}是压缩包（.rar、.7z 或 .gz），不是 Excel 工作簿。请先解压，再上传其中的 .xlsx 文件。`,
      `${en} is a compressed archive (.rar, .7z or .gz), not an Excel workbook. Extract it first and upload the .xlsx file inside.`,
    );
  }
  const text = textHead(bytes);
  if (text !== null) {
    const lower = text.trimStart().toLowerCase();
    if (lower.includes('urn:schemas-microsoft-com:office:spreadsheet') && !lower.includes('<html')) {
      return reject(
        'not_xlsx',
        `${zh}是 Excel 2003 XML 表格（.xml），不是 .xlsx 工作簿。${RESAVE_ZH}`,
        `${en} is an Excel 2003 XML spreadsheet, not an .xlsx workbook. ${RESAVE_EN}`,
      );
    }
    if (/^(<!doctype html|<html|<table|<\?xml[^>]*>\s*<html|<meta)/.test(lower) || /<table[\s>]/.test(lower.slice(0, 4096))) {
      return reject(
        'not_xlsx',
        `${zh}其实是网页（HTML）格式的表格，只是文件名像 Excel 文件（很多系统“导出 Excel”时会这样做）。${RESAVE_ZH}`,
        `${en} is really a web page (HTML) table with an Excel-like name, as many systems produce when they "export to Excel". ${RESAVE_EN}`,
      );
    }
    return 'text';
  }
  return reject(
    'not_xlsx',
    `${zh}不是 Excel 工作簿（.xlsx），无法识别其内容，也可能已经损坏。请确认选择的是正确的文件；如果它能在 Excel 中打开，请另存为“Excel 工作簿 (.xlsx)”后上传。`,
    `${en} is not an Excel workbook (.xlsx): its content is not recognised, or the file is damaged. Check that you chose the right file; if it opens in Excel, save it as "Excel Workbook (.xlsx)" and upload that.`,
  );
}

/** `Target` of the `officeDocument` relationship in `_rels/.rels`, resolved; null when none. */
function officeDocumentTarget(rels: string): string | null {
  for (const tag of rels.match(/<(?:\w+:)?Relationship\b[^>]*>/g) ?? []) {
    const attributes = new Map<string, string>();
    for (const match of tag.matchAll(/([\w:]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      attributes.set(match[1] ?? '', match[2] ?? match[3] ?? '');
    }
    if (!(attributes.get('Type') ?? '').endsWith('/officeDocument')) continue;
    const target = decodeXmlAttribute(attributes.get('Target') ?? '');
    if (!target) continue;
    return posix.normalize(target.startsWith('/') ? target.slice(1) : target);
  }
  return null;
}

const decodeXmlAttribute = (value: string) =>
  value
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(parseInt(code, 16)))
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** A zip that opened: an .xlsx or .ods workbook? Throws not_xlsx saying what it is otherwise. */
async function zipKind(zip: XlsxZip, fileName: string): Promise<'xlsx' | 'ods'> {
  const zh = `文件“${fileName}”`;
  const en = `"${fileName}"`;
  const notWorkbook = (whatZh: string, whatEn: string) =>
    reject('not_xlsx', `${zh}是 zip 压缩文件，但不是 Excel 工作簿：${whatZh}`, `${en} is a zip file, but not an Excel workbook: ${whatEn}`);

  if (zip.has('mimetype')) {
    const mimetype = (await zip.text('mimetype', 4096)).trim();
    if (mimetype.startsWith('application/vnd.oasis.opendocument.spreadsheet')) return 'ods';
    if (mimetype.startsWith('application/vnd.oasis.opendocument')) {
      throw notWorkbook(
        `它是 OpenDocument 文档（如 .odt 文本或 .odp 演示文稿），不是电子表格。请把数据填入本工具提供的 Excel 模板，保存为 .xlsx 后上传。`,
        `it is an OpenDocument document (such as .odt text or an .odp presentation), not a spreadsheet. Enter the data in the tool's Excel template, save it as .xlsx and upload that.`,
      );
    }
  }
  // An OpenDocument file whose mimetype entry was lost is still read as a spreadsheet.
  if (zip.has('content.xml') && (zip.has('meta.xml') || zip.has('META-INF/manifest.xml'))) return 'ods';
  if (zip.has('Index/Document.iwa') || zip.names().some((name) => name.endsWith('.iwa'))) {
    throw notWorkbook(
      `它是苹果 Numbers 表格（.numbers）。请在 Numbers 中选择“文件 › 导出为 › Excel”，导出 .xlsx 后上传。`,
      `it is an Apple Numbers spreadsheet (.numbers). In Numbers choose File › Export To › Excel, and upload the exported .xlsx.`,
    );
  }
  if (zip.has('word/document.xml')) {
    throw notWorkbook(
      `它是 Word 文档（.docx）。请把表格填入本工具提供的 Excel 模板，保存为 .xlsx 后上传。`,
      `it is a Word document (.docx). Enter the table in the tool's Excel template, save it as .xlsx and upload that.`,
    );
  }
  if (zip.has('ppt/presentation.xml')) {
    throw notWorkbook(
      `它是 PowerPoint 演示文稿（.pptx）。请把数据填入本工具提供的 Excel 模板，保存为 .xlsx 后上传。`,
      `it is a PowerPoint presentation (.pptx). Enter the data in the tool's Excel template, save it as .xlsx and upload that.`,
    );
  }

  const hasContentTypes = zip.has('[Content_Types].xml');
  let workbook = 'xl/workbook.xml';
  if (zip.has('_rels/.rels')) workbook = officeDocumentTarget(await zip.text('_rels/.rels', 1024 * 1024)) ?? workbook;
  if (hasContentTypes && workbook.toLowerCase().endsWith('.bin')) {
    throw reject(
      'not_xlsx',
      `${zh}是 Excel 二进制工作簿（.xlsb），本工具只读取 .xlsx。${RESAVE_ZH}`,
      `${en} is an Excel Binary Workbook (.xlsb); this tool reads only .xlsx. ${RESAVE_EN}`,
    );
  }
  if (!hasContentTypes || !zip.has(workbook)) {
    const missing = [!hasContentTypes ? '[Content_Types].xml' : null, !zip.has(workbook) ? workbook : null].filter(Boolean).join('、');
    const missingEn = [!hasContentTypes ? '[Content_Types].xml' : null, !zip.has(workbook) ? workbook : null].filter(Boolean).join(' and ');
    throw notWorkbook(
      `缺少工作簿必需的部件 ${missing}。请确认上传的是 Excel 保存的 .xlsx 文件；如果是其他压缩包，请先解压再上传其中的 .xlsx。`,
      `it lacks ${missingEn}, which every workbook has. Check that you uploaded an .xlsx saved by Excel; if this is some other archive, extract it and upload the .xlsx inside.`,
    );
  }
  return 'xlsx';
}

function unexpected(fileName: string, error: unknown): WorkbookRejected {
  const detail = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
  return reject(
    'not_xlsx',
    `文件“${fileName}”无法作为 Excel 工作簿读取（${detail}）。${RESAVE_ZH}`,
    `"${fileName}" cannot be read as an Excel workbook (${detail}). ${RESAVE_EN}`,
  );
}

/** An upload that passed the gate: a zip (closed by the caller) of its kind, or the kind of its bytes. */
export type OpenedUpload = { kind: 'xlsx' | 'ods'; zip: XlsxZip } | { kind: 'cfb' | 'text' };

/**
 * The gate before any parsing, by the bytes and never by the file's name. Resolves to what the
 * file is (an opened .xlsx or .ods archive, a compound file, or text), or throws WorkbookRejected
 * (`not_xlsx` / `too_large`) with a bilingual message that names the file and says what to do.
 * Never throws anything else.
 */
export async function openUpload(bytes: Buffer, fileName: string, limits: Partial<GuardLimits> = {}): Promise<OpenedUpload> {
  try {
    const given = Object.fromEntries(Object.entries(limits ?? {}).filter(([, value]) => value !== undefined)) as Partial<GuardLimits>;
    const { maxFileBytes, ...zipLimits } = { ...DEFAULT_GUARD_LIMITS, ...given };
    const kind = uploadKind(bytes, fileName, maxFileBytes);
    if (kind !== 'zip') return { kind };
    const zip = await XlsxZip.open(bytes, zipLimits, fileName);
    try {
      return { kind: await zipKind(zip, fileName), zip };
    } catch (error) {
      zip.close();
      throw error;
    }
  } catch (error) {
    if (error instanceof WorkbookRejected) throw error;
    throw unexpected(fileName, error);
  }
}
