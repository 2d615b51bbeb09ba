import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_FILE_BYTES, openUpload, type GuardLimits } from '../server/workbook/guard.js';
import { WorkbookRejected, type Problem } from '../server/workbook/problems.js';
import { DEFAULT_ZIP_LIMITS, textChunks, XlsxZip } from '../server/workbook/zip.js';
import { makeZip, MINIMAL_XLSX_PARTS, zeroBomb } from './support/zip.js';

const timings: { name: string; ms: number }[] = [];

/** Awaits a rejection, checks its code and that both messages are real sentences. */
async function rejection(
  name: string,
  work: () => Promise<unknown>,
  code: Problem['code'],
  mentions: { zh?: (string | RegExp)[]; en?: (string | RegExp)[] } = {},
): Promise<Problem> {
  const started = performance.now();
  let caught: unknown;
  try {
    await work();
  } catch (error) {
    caught = error;
  }
  timings.push({ name, ms: performance.now() - started });
  expect(caught, `${name}: expected a WorkbookRejected`).toBeInstanceOf(WorkbookRejected);
  const problem = (caught as WorkbookRejected).problem;
  expect(problem.code, `${name}: ${problem.message.en}`).toBe(code);
  expect(problem.sheet).toBeNull();
  expect(problem.message.zh.length).toBeGreaterThan(10);
  expect(problem.message.en.length).toBeGreaterThan(10);
  expect(problem.message.zh).toMatch(/[。！]$/);
  expect(problem.message.en).toMatch(/[.!]$/);
  for (const word of mentions.zh ?? []) expect(problem.message.zh).toMatch(word);
  for (const word of mentions.en ?? []) expect(problem.message.en).toMatch(word);
  return problem;
}

/** The gate, for a file that must open as an .xlsx archive. */
async function inspectUpload(bytes: Buffer, fileName: string, limits: Partial<GuardLimits> = {}): Promise<XlsxZip> {
  const opened = await openUpload(bytes, fileName, limits);
  if (opened.kind !== 'xlsx') {
    if ('zip' in opened) opened.zip.close();
    throw new Error(`opened as ${opened.kind}`);
  }
  return opened.zip;
}

/** What the gate makes of the bytes, whatever the name. */
async function kindOf(bytes: Buffer, fileName: string): Promise<string> {
  const opened = await openUpload(bytes, fileName);
  if ('zip' in opened) opened.zip.close();
  return opened.kind;
}

const upload = (bytes: Buffer, fileName = '机构统计表.xlsx', limits = {}) => () => inspectUpload(bytes, fileName, limits);

/** Opens with the guard, then reads one part to its end. */
const readPart = (bytes: Buffer, part: string, limits = {}) => async () => {
  const zip = await inspectUpload(bytes, 'bomb.xlsx', limits);
  try {
    return await zip.text(part);
  } finally {
    zip.close();
  }
};

let xlsx: Buffer;

beforeAll(async () => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('机构');
  sheet.addRow(['机构编号', '机构名称', '所属地区', '床位总数']);
  sheet.addRow(['F001', '梧桐街道敬老院', '桐乡市', 120]);
  xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
});

afterAll(() => {
  const slowest = [...timings].sort((a, b) => b.ms - a.ms).slice(0, 5);
  console.log(`slowest rejections: ${slowest.map((t) => `${t.name} ${t.ms.toFixed(1)} ms`).join('; ')}`);
});

describe('inspectUpload: a real workbook', () => {
  it('passes an xlsx written by exceljs and streams its sheet XML', async () => {
    const zip = await inspectUpload(xlsx, '机构统计表.xlsx');
    try {
      expect(zip.has('[Content_Types].xml')).toBe(true);
      expect(zip.has('xl/workbook.xml')).toBe(true);
      expect(zip.has('/xl/workbook.xml')).toBe(true);
      expect(zip.has('XL/Workbook.xml')).toBe(true); // OPC part names are case-insensitive
      expect(zip.names()).toContain('xl/worksheets/sheet1.xml');
      expect(zip.declaredSize('xl/worksheets/sheet1.xml')).toBeGreaterThan(0);
      expect(zip.declaredSize('nope.xml')).toBeNull();
      let xml = '';
      for await (const chunk of zip.stream('xl/worksheets/sheet1.xml')) xml += chunk;
      expect(xml).toMatch(/^<\?xml/);
      expect(xml).toContain('<worksheet');
      expect(xml).toContain('</worksheet>');
      expect(xml.length).toBe(zip.declaredSize('xl/worksheets/sheet1.xml')); // ASCII only
      const strings = await zip.text('xl/sharedStrings.xml');
      expect(strings).toContain('梧桐街道敬老院');
    } finally {
      zip.close();
      zip.close();
    }
  });

  it('finds the workbook part where _rels/.rels says it is', async () => {
    const rels =
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      "<Relationship Target='/book/main.xml' Id='rId1' Type='http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument'/></Relationships>";
    const parts = [
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: '_rels/.rels', data: rels },
      { name: 'book/main.xml', data: '<workbook/>' },
    ];
    const zip = await inspectUpload(makeZip(parts), 'moved.xlsx');
    zip.close();
    await rejection('rels target missing', upload(makeZip(parts.slice(0, 2)), 'moved.xlsx'), 'not_xlsx', {
      en: [/book\/main\.xml/, /zip file, but not an Excel workbook/],
      zh: [/不是 Excel 工作簿/],
    });
  });

  it('accepts stored (uncompressed) entries and a BOM before the XML', async () => {
    const parts = MINIMAL_XLSX_PARTS.map((part) => ({ ...part, method: 'store' as const }));
    parts.push({ name: 'xl/worksheets/sheet1.xml', data: '\uFEFF<worksheet>养老</worksheet>', method: 'store' });
    const zip = await inspectUpload(makeZip(parts), 'stored.xlsx');
    try {
      expect(await zip.text('xl/worksheets/sheet1.xml')).toBe('<worksheet>养老</worksheet>');
    } finally {
      zip.close();
    }
  });
});

describe('inspectUpload: not a workbook', () => {
  it('rejects an empty file', async () => {
    await rejection('empty', upload(Buffer.alloc(0)), 'not_xlsx', { zh: [/空的/, /机构统计表\.xlsx/], en: [/empty/, /机构统计表\.xlsx/] });
  });

  it('rejects a file over the size limit and says how to raise it', async () => {
    expect(DEFAULT_MAX_FILE_BYTES).toBe(20 * 1024 * 1024);
    await rejection('oversized', upload(xlsx, 'big.xlsx', { maxFileBytes: 1000 }), 'too_large', {
      zh: [/超过上传上限/, /--max-size/, /big\.xlsx/],
      en: [/more than the upload limit of 1000 bytes/, /--max-size/],
    });
    const big = Buffer.alloc(3 * 1024 * 1024, 1);
    await rejection('oversized MB', upload(big, 'big.xlsx', { maxFileBytes: 2 * 1024 * 1024 }), 'too_large', {
      zh: [/3 MB/, /2 MB/],
      en: [/is 3 MB, more than the upload limit of 2 MB/],
    });
  });

  it('passes an old .xls (OLE compound file) on to its reader, whatever its name', async () => {
    const xls = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(4096, 0), Buffer.from('Workbook', 'utf16le')]);
    expect(await kindOf(xls, '老表格.xls')).toBe('cfb');
    expect(await kindOf(xls, '老表格.xlsx')).toBe('cfb');
  });

  it('recognises a password-protected workbook (OLE with EncryptedPackage)', async () => {
    for (const stream of ['EncryptedPackage', 'EncryptionInfo']) {
      const encrypted = Buffer.concat([
        Buffer.from('d0cf11e0a1b11ae1', 'hex'),
        Buffer.alloc(1024, 0),
        Buffer.from(stream, 'utf16le'),
        Buffer.alloc(1024, 0),
      ]);
      await rejection(`encrypted ${stream}`, upload(encrypted, 'secret.xlsx'), 'not_xlsx', {
        zh: [/密码/, /文件 › 信息 › 保护工作簿 › 用密码进行加密/],
        en: [/password/, /File › Info › Protect Workbook › Encrypt with Password/],
      });
    }
  });

  it('passes CSV and TSV text (UTF-8, GBK, UTF-16) on to the CSV reader, whatever its name', async () => {
    const texts = [
      Buffer.from('机构编号,机构名称,床位总数\nF001,梧桐街道敬老院,120\n', 'utf8'),
      Buffer.concat([Buffer.from('id,name\r\n1,', 'latin1'), Buffer.from('b0b2bcaa', 'hex'), Buffer.from('\r\n')]), // 安吉 in GBK
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('机构编号\t床位总数\r\nF001\t120\r\n', 'utf16le')]),
    ];
    for (const text of texts) {
      expect(await kindOf(text, 'data.csv')).toBe('text');
      expect(await kindOf(text, 'data.xlsx')).toBe('text');
    }
  });

  it('recognises an HTML table saved with an .xls name', async () => {
    const html = Buffer.from('<html><head><meta charset="utf-8"></head><body><table><tr><td>机构</td></tr></table></body></html>');
    await rejection('html', upload(html, 'export.xls'), 'not_xlsx', { zh: [/网页/, /另存为/], en: [/HTML/, /Save As/] });
  });

  it('recognises PDF, images and archives', async () => {
    await rejection('pdf', upload(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n')), 'not_xlsx', { zh: [/PDF/], en: [/PDF/, /Upload the original Excel file/] });
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), randomBytes(200)]);
    await rejection('png', upload(png, 'photo.png'), 'not_xlsx', { zh: [/图片/], en: [/image/] });
    const jpeg = Buffer.concat([Buffer.from('ffd8ffe0', 'hex'), randomBytes(200)]);
    await rejection('jpeg', upload(jpeg, 'photo.jpg'), 'not_xlsx', { zh: [/图片/], en: [/image/] });
    await rejection('gif', upload(Buffer.from('GIF89a\x01\x00\x01\x00')), 'not_xlsx', { en: [/image/] });
    const rar = Buffer.concat([Buffer.from('Rar!\x1a\x07\x01\x00', 'latin1'), randomBytes(100)]);
    await rejection('rar', upload(rar, 'forms.rar'), 'not_xlsx', { zh: [/解压/], en: [/Extract it/] });
  });

  it('rejects random bytes with a generic message', async () => {
    const random = Buffer.concat([Buffer.from([0x13, 0x00, 0x02]), randomBytes(5000)]);
    await rejection('random', upload(random, 'mystery.bin'), 'not_xlsx', {
      zh: [/不是 Excel 工作簿/, /mystery\.bin/],
      en: [/not an Excel workbook/, /mystery\.bin/],
    });
  });

  it('rejects a zip that is not a workbook, and says what it is when it can', async () => {
    await rejection('plain zip', upload(makeZip([{ name: 'readme.txt', data: 'hello' }]), 'files.zip'), 'not_xlsx', {
      zh: [/zip 压缩文件，但不是 Excel 工作簿/, /\[Content_Types\]\.xml/],
      en: [/a zip file, but not an Excel workbook/],
    });
    const empty = Buffer.from('504b0506' + '00'.repeat(18), 'hex');
    await rejection('empty zip', upload(empty, 'empty.zip'), 'not_xlsx', { en: [/a zip file, but not an Excel workbook/] });
    const ods = makeZip([
      { name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet', method: 'store' },
      { name: 'content.xml', data: '<office:document-content/>' },
      { name: 'META-INF/manifest.xml', data: '<manifest/>' },
    ]);
    expect(await kindOf(ods, 'table.xlsx')).toBe('ods');
    const numbers = makeZip([{ name: 'Index/Document.iwa', data: 'x' }]);
    await rejection('numbers', upload(numbers, 'table.numbers'), 'not_xlsx', { zh: [/Numbers/], en: [/Numbers/, /Export To › Excel/] });
    const docx = makeZip([{ name: '[Content_Types].xml', data: '<Types/>' }, { name: 'word/document.xml', data: '<w:document/>' }]);
    await rejection('docx', upload(docx, 'report.docx'), 'not_xlsx', { en: [/Word document/] });
    // An exceljs workbook with its workbook part removed.
    const zip = await XlsxZip.open(xlsx, DEFAULT_ZIP_LIMITS);
    const parts = [];
    for (const name of zip.names()) if (name !== 'xl/workbook.xml') parts.push({ name, data: Buffer.from(await zip.text(name)) });
    zip.close();
    await rejection('no workbook part', upload(makeZip(parts), 'broken.xlsx'), 'not_xlsx', { en: [/xl\/workbook\.xml/] });
  });

  it('turns any unexpected failure into not_xlsx', async () => {
    await rejection('not a buffer', () => inspectUpload(undefined as unknown as Buffer, 'x.xlsx'), 'not_xlsx', { en: [/x\.xlsx/] });
  });
});

describe('inspectUpload: broken and hostile zips', () => {
  it('rejects a truncated xlsx (cut in half)', async () => {
    await rejection('truncated', upload(xlsx.subarray(0, Math.floor(xlsx.length / 2)), 'half.xlsx'), 'not_xlsx', {
      zh: [/损坏或不完整/, /另存为/],
      en: [/damaged or incomplete/, /save it as a new "Excel Workbook \(\.xlsx\)"/],
    });
  });

  it('rejects an entry whose deflate data is cut short or garbage, without hanging', async () => {
    const sheet = Buffer.from('<worksheet>' + '<row/>'.repeat(20000) + '</worksheet>');
    const deflated = zlib.deflateRawSync(sheet);
    const cut = makeZip([
      ...MINIMAL_XLSX_PARTS,
      { name: 'xl/worksheets/sheet1.xml', compressed: deflated.subarray(0, deflated.length >> 1), declaredSize: sheet.length, crc: zlib.crc32(sheet) },
    ]);
    await rejection('cut deflate', readPart(cut, 'xl/worksheets/sheet1.xml'), 'not_xlsx', { en: [/cannot be decompressed/, /sheet1\.xml/] });
    const garbage = makeZip([
      ...MINIMAL_XLSX_PARTS,
      { name: 'xl/worksheets/sheet1.xml', compressed: Buffer.from('ffffffffffffffffffff', 'hex'), declaredSize: 100, crc: 0 },
    ]);
    await rejection('bad deflate', readPart(garbage, 'xl/worksheets/sheet1.xml'), 'not_xlsx', { en: [/cannot be decompressed/] });
    const short = makeZip([...MINIMAL_XLSX_PARTS, { name: 'xl/worksheets/sheet1.xml', data: '<worksheet/>', declaredSize: 5000 }]);
    await rejection('short entry', readPart(short, 'xl/worksheets/sheet1.xml'), 'not_xlsx');
  });

  it('rejects a wrong CRC-32 (deflated and stored)', async () => {
    for (const method of ['deflate', 'store'] as const) {
      const bad = makeZip([...MINIMAL_XLSX_PARTS, { name: 'xl/worksheets/sheet1.xml', data: '<worksheet/>', method, crc: 0x12345678 }]);
      await rejection(`crc ${method}`, readPart(bad, 'xl/worksheets/sheet1.xml'), 'not_xlsx', {
        zh: [/CRC-32/, /损坏/],
        en: [/CRC-32 mismatch/, /damaged/],
      });
    }
  });

  it('rejects too many entries', async () => {
    await rejection('too many entries', upload(xlsx, 'many.xlsx', { maxEntries: 5 }), 'too_large', { zh: [/超过上限 5 个/], en: [/more than the limit of 5/] });
  });

  it('rejects unsafe and duplicate entry names', async () => {
    for (const name of ['../evil.xml', 'xl/../../evil.xml', '/etc/passwd', 'C:/evil.xml', '..\\evil.xml']) {
      await rejection(`unsafe ${name}`, upload(makeZip([...MINIMAL_XLSX_PARTS, { name, data: 'x' }]), 'slip.xlsx'), 'not_xlsx', {
        zh: [/不安全/],
        en: [/unsafe path/],
      });
    }
    const twice = makeZip([...MINIMAL_XLSX_PARTS, { name: 'xl/workbook.xml', data: '<workbook/>' }]);
    await rejection('duplicate', upload(twice, 'twice.xlsx'), 'not_xlsx', { zh: [/重复/], en: [/twice/] });
    const caseTwice = makeZip([...MINIMAL_XLSX_PARTS, { name: 'XL/Workbook.xml', data: '<workbook/>' }]);
    await rejection('duplicate by case', upload(caseTwice, 'twice.xlsx'), 'not_xlsx', { en: [/twice/] });
  });

  it('rejects encrypted zip entries', async () => {
    const locked = makeZip([...MINIMAL_XLSX_PARTS, { name: 'xl/worksheets/sheet1.xml', data: '<worksheet/>', encrypted: true }]);
    await rejection('zip encryption', upload(locked, 'locked.xlsx'), 'not_xlsx', { zh: [/加密/, /密码/], en: [/encrypted/, /password/] });
  });
});

describe('zip bombs', () => {
  const bomb = zeroBomb(200); // 200 MiB of zeros in ~200 KB

  it('rejects an honest 200 MiB bomb by its declared ratio, before inflating anything', async () => {
    const bytes = makeZip([...MINIMAL_XLSX_PARTS, { name: 'xl/worksheets/sheet1.xml', compressed: bomb.compressed, declaredSize: bomb.size, crc: bomb.crc }]);
    expect(bytes.length).toBeLessThan(300_000);
    await rejection('bomb by ratio', upload(bytes, 'bomb.xlsx'), 'too_large', { zh: [/压缩炸弹/, /200:1/], en: [/zip bomb/, /200:1/] });
  });

  it('rejects by the declared total', async () => {
    const bytes = makeZip([...MINIMAL_XLSX_PARTS, { name: 'xl/worksheets/sheet1.xml', compressed: bomb.compressed, declaredSize: bomb.size, crc: bomb.crc }]);
    await rejection('bomb by total', upload(bytes, 'bomb.xlsx', { maxRatio: 1e9, maxUncompressedBytes: 100 * 1024 * 1024 }), 'too_large', {
      zh: [/超过上限 100 MB/],
      en: [/more than the limit of 100 MB/],
    });
  });

  it('rejects by the declared size of the part being read', async () => {
    const bytes = makeZip([...MINIMAL_XLSX_PARTS, { name: 'xl/worksheets/sheet1.xml', compressed: bomb.compressed, declaredSize: bomb.size, crc: bomb.crc }]);
    await rejection('bomb by entry limit', readPart(bytes, 'xl/worksheets/sheet1.xml', { maxRatio: 1e9, maxEntryBytes: 50 * 1024 * 1024 }), 'too_large', {
      en: [/beyond the limit of 50 MB/],
    });
  });

  it('stops a bomb that lies about its size by counting the real bytes', async () => {
    const bytes = makeZip([...MINIMAL_XLSX_PARTS, { name: 'xl/worksheets/sheet1.xml', compressed: bomb.compressed, declaredSize: 1000, crc: bomb.crc }]);
    const started = performance.now();
    await rejection('lying bomb', readPart(bytes, 'xl/worksheets/sheet1.xml'), 'too_large', { zh: [/压缩炸弹/], en: [/more than the 1000 bytes it declares/] });
    expect(performance.now() - started).toBeLessThan(1000);
    // A lie big enough to pass every declared check still meets the real count of maxEntryBytes.
    const roomy = makeZip([...MINIMAL_XLSX_PARTS, { name: 'xl/worksheets/sheet1.xml', compressed: bomb.compressed, declaredSize: 8 * 1024 * 1024, crc: bomb.crc }]);
    await rejection('lying bomb, roomy', readPart(roomy, 'xl/worksheets/sheet1.xml', { maxRatio: 1e9, maxEntryBytes: 10 * 1024 * 1024 }), 'too_large');
  });

  it('textChunks stops at maxBytes counted from the real stream, whatever was declared', async () => {
    const chunks = function* () {
      for (let i = 0; i < 1000; i++) yield Buffer.alloc(64 * 1024, 0x41);
    };
    const source = Readable.from(chunks());
    let seen = 0;
    const tooLarge = (count: number) => new WorkbookRejected({ code: 'too_large', sheet: null, row: null, column: null, header: null, cell: null, value: count, message: { zh: '过大。', en: 'too large.' } });
    const corrupt = () => new WorkbookRejected({ code: 'not_xlsx', sheet: null, row: null, column: null, header: null, cell: null, value: null, message: { zh: '损坏。', en: 'broken.' } });
    const error = await (async () => {
      for await (const text of textChunks(source, { maxBytes: 1024 * 1024, crc32: null, tooLarge, corrupt })) seen += text.length;
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WorkbookRejected);
    expect((error as WorkbookRejected).problem.code).toBe('too_large');
    expect((error as WorkbookRejected).problem.value).toBe(1024 * 1024 + 64 * 1024);
    expect(seen).toBe(1024 * 1024);
    expect(source.destroyed).toBe(true);
  });

  it('textChunks keeps a character split between chunks, and refuses bytes that are not UTF-8 instead of writing U+FFFD', async () => {
    const corrupt = (error: unknown) => new WorkbookRejected({ code: 'not_xlsx', sheet: null, row: null, column: null, header: null, cell: null, value: String((error as Error).message), message: { zh: '损坏。', en: 'broken.' } });
    const read = async (chunks: Buffer[]) => {
      let text = '';
      for await (const piece of textChunks(Readable.from(chunks), { maxBytes: 1024, crc32: null, tooLarge: corrupt, corrupt })) text += piece;
      return text;
    };
    const chinese = Buffer.from('<t>梧桐</t>');
    expect(await read([chinese.subarray(0, 4), chinese.subarray(4, 8), chinese.subarray(8)])).toBe('<t>梧桐</t>');
    for (const bad of [[Buffer.from('<t>'), Buffer.from([0xff]), Buffer.from('</t>')], [Buffer.from('<t>'), Buffer.from([0xe6, 0xa2]), Buffer.from('</t>')], [Buffer.from('<t>x</t>'), Buffer.from([0xe6])]]) {
      const error = await read(bad).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(WorkbookRejected);
      expect(String((error as WorkbookRejected).problem.value)).toMatch(/^invalid UTF-8 near byte \d+$/);
    }
  });

  it('textChunks settles when the source errors or closes early', async () => {
    const corrupt = () => new WorkbookRejected({ code: 'not_xlsx', sheet: null, row: null, column: null, header: null, cell: null, value: null, message: { zh: '损坏。', en: 'broken.' } });
    const tooLarge = corrupt;
    const failing = new Readable({ read() {} });
    setTimeout(() => failing.destroy(new Error('boom')), 5);
    await expect(textChunks(failing, { maxBytes: 100, crc32: null, tooLarge, corrupt }).next()).rejects.toBeInstanceOf(WorkbookRejected);
    const closing = new Readable({ read() {} });
    setTimeout(() => closing.destroy(), 5);
    await expect(textChunks(closing, { maxBytes: 100, crc32: null, tooLarge, corrupt }).next()).rejects.toBeInstanceOf(WorkbookRejected);
  });
});

describe('XlsxZip.stream: UTF-8 across chunk boundaries', () => {
  const text = '养老机构'.repeat(50000); // 200,000 characters, 600,000 bytes of UTF-8

  for (const method of ['deflate', 'store'] as const) {
    it(`re-joins 200,000 Chinese characters exactly (${method})`, async () => {
      const bytes = makeZip([...MINIMAL_XLSX_PARTS, { name: 'xl/worksheets/sheet1.xml', data: text, method }]);
      const zip = await inspectUpload(bytes, '养老.xlsx');
      try {
        const chunks: string[] = [];
        for await (const chunk of zip.stream('xl/worksheets/sheet1.xml')) chunks.push(chunk);
        expect(chunks.length).toBeGreaterThan(1); // several inflate chunks, so boundaries were crossed
        expect(chunks.some((chunk) => chunk.length % 4 !== 0)).toBe(true); // ...and they fell mid-word
        expect(chunks.join('').includes('\uFFFD')).toBe(false);
        expect(chunks.join('')).toBe(text);
        expect(await zip.text('xl/worksheets/sheet1.xml')).toBe(text);
      } finally {
        zip.close();
      }
    });
  }

  it('stream(name, maxBytes) applies a per-call limit', async () => {
    const bytes = makeZip([...MINIMAL_XLSX_PARTS, { name: 'xl/worksheets/sheet1.xml', data: text }]);
    const zip = await inspectUpload(bytes, '养老.xlsx');
    try {
      await rejection('per-call limit', () => zip.text('xl/worksheets/sheet1.xml', 100_000), 'too_large');
      await rejection('missing part', () => zip.text('xl/worksheets/sheet9.xml'), 'not_xlsx', { en: [/sheet9\.xml/] });
    } finally {
      zip.close();
    }
  });

  it('close() ends a stream that is being read', async () => {
    const bytes = makeZip([...MINIMAL_XLSX_PARTS, { name: 'xl/worksheets/sheet1.xml', data: text }]);
    const zip = await inspectUpload(bytes, '养老.xlsx');
    const iterator = zip.stream('xl/worksheets/sheet1.xml');
    await iterator.next();
    zip.close();
    const rest = (async () => {
      for (;;) if ((await iterator.next()).done) return 'done';
    })();
    // Either it was already fully buffered, or it is told the stream ended early; never a hang.
    await expect(Promise.race([rest.catch(() => 'rejected'), new Promise((r) => setTimeout(() => r('hang'), 2000))])).resolves.not.toBe('hang');
  });
});
