import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { makeZip, MINIMAL_XLSX_PARTS } from '../../test/support/zip.js';
import { WorkbookRejected } from './problems.js';
import { xlsxSource } from './sources/xlsx.js';
import type { RawRow } from './sources/source.js';
import { ByteXmlTokenizer, type ByteXmlHandler } from './xml-bytes.js';
import { XmlScanner } from './xml-scanner.js';
import { byteChunks, XlsxZip } from './zip.js';

/** Events as one readable list, texts joined as XML reads them; the first error ends the list. */
function byteEvents(chunks: Buffer[]): string[] {
  const seen: string[] = [];
  const text = (piece: string) => {
    if (seen.at(-1)?.startsWith('text:')) seen[seen.length - 1] += piece;
    else seen.push(`text:${piece}`);
  };
  const handler: ByteXmlHandler = {
    open(element, xml) {
      const attributes = Array.from({ length: xml.attributeCount }, (_, i) => {
        const at = i * 5;
        return ` ${xml.bytes.toString('utf8', xml.attributes[at]!, xml.attributes[at + 1]!)}=${JSON.stringify(xml.attributeValue(i))}`;
      });
      seen.push(`<${element.name}${attributes.join('')}>`);
    },
    close(element) {
      seen.push(`</${element.name}>`);
    },
    text: (xml, start, end, flags) => text(xml.text(start, end, flags)),
    doctype() {},
  };
  const tokenizer = new ByteXmlTokenizer(handler, []);
  try {
    for (const chunk of chunks) tokenizer.write(chunk);
    tokenizer.close();
  } catch (error) {
    seen.push(`error:${(error as Error).message}`);
  }
  return seen;
}

/** The string scanner's events for the same XML, in the same form. */
function stringEvents(xml: string): string[] {
  const seen: string[] = [];
  const scanner = new XmlScanner();
  scanner.on('opentag', (tag) => seen.push(`<${tag.name}${Object.entries(tag.attributes).map(([k, v]) => ` ${k}=${JSON.stringify(v)}`).join('')}>`));
  scanner.on('closetag', (tag) => seen.push(`</${tag.name}>`));
  scanner.on('text', (piece) => {
    if (seen.at(-1)?.startsWith('text:')) seen[seen.length - 1] += piece;
    else seen.push(`text:${piece}`);
  });
  scanner.on('error', (error) => seen.push(`error:${error.message}`));
  try {
    scanner.write(xml);
    scanner.close();
  } catch (error) {
    seen.push(`error:${(error as Error).message}`);
  }
  return seen;
}

/** `xml`'s bytes cut every `size` bytes, each cut moved back to a character boundary (as the zip reader cuts). */
function cut(xml: string, size: number): Buffer[] {
  const bytes = Buffer.from(xml);
  const chunks: Buffer[] = [];
  let at = 0;
  while (at < bytes.length) {
    let end = Math.min(at + size, bytes.length);
    while (end < bytes.length && end > at + 1 && (bytes[end]! & 0xc0) === 0x80) end--;
    while (end < bytes.length && (bytes[end]! & 0xc0) === 0x80) end++;
    chunks.push(bytes.subarray(at, end));
    at = end;
  }
  return chunks;
}

const SHEET =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<!-- by hand -->' +
  '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
  '<row r="1" spans="1:2"><c r="A1" t="s"><v>0</v></c><c r=\'B1\' t="inlineStr"><is><t xml:space="preserve"> 养老&amp;护理 &#x4E2D;&#25991; </t></is></c></row>' +
  '<row r="2"><c r="A2"/><c r="B2" s="3"><f>SUM(A1:A2)</f><v>3</v></c><c r="C2" t="str"><v><![CDATA[a<b>&c]]></v></c>' +
  '<c r="D2" t="inlineStr"><is><r><rPr><rFont val="宋体"/></rPr><t>梧桐</t></r><r><t>Sunshine</t></r><rPh sb="0" eb="2"><t>ウ</t></rPh></is></c>' +
  '<x:c xmlns:x="urn:x" a="x\ty\nz" b=\'1>2\'>1\r\n2\r3 &lt;&gt;&quot;&apos;</x:c></row>' +
  '</sheetData></worksheet>\n';

/** Malformed XML, and a few near misses that are well-formed. */
const MALFORMED = [
  '<a><b></a></b>',
  '<a><b></b>',
  'x<a/>',
  '<a/><b/>',
  '  ',
  '<a>&lol;</a>',
  '<a>fish & chips</a>',
  '<a>&#0;</a>',
  '<a>&#xD800;</a>',
  '<a>&#x110000;</a>',
  '<a>\u0007</a>',
  '<a>\uFFFE</a>',
  '<a b="\u0001"/>',
  '<a b="1" b="2"/>',
  '<r><a b=1/></r>',
  '<a b="<"/><c/>',
  '<a><b c="1',
  '<a><b',
  '<a><!ELEMENT a ANY></a>',
  '<![CDATA[x]]><a/>',
  '<a></a >',
  '<a></a b>',
  '<1a/>',
  '<a b="1"c="2"/>',
  '<a/ >',
  '<a>&amp</a>',
];

describe('ByteXmlTokenizer', () => {
  it('gives the string scanner’s events, however the bytes are cut into chunks', () => {
    const expected = stringEvents(SHEET);
    expect(expected.some((event) => event.startsWith('error'))).toBe(false);
    for (const size of [1, 2, 3, 5, 7, 16, 64, 100_000]) expect(byteEvents(cut(SHEET, size)), `chunks of ${size}`).toEqual(expected);
  });

  it('refuses what the string scanner refuses, at the same event, and accepts what it accepts', () => {
    for (const xml of MALFORMED) {
      const expected = stringEvents(xml);
      const refused = expected.at(-1)!.startsWith('error:');
      for (const size of [1, 3, 1000]) {
        const seen = byteEvents(cut(xml, size));
        if (!refused) expect(seen, `${xml} in chunks of ${size}`).toEqual(expected);
        else {
          expect(seen.slice(0, -1), `${xml} in chunks of ${size}`).toEqual(expected.slice(0, -1));
          expect(seen.at(-1), `${xml} in chunks of ${size}`).toMatch(/^error:/);
        }
      }
    }
    expect(MALFORMED.filter((xml) => stringEvents(xml).at(-1)!.startsWith('error:')).length).toBeGreaterThan(20);
  });

  it('hands a DTD to its handler, which refuses it', () => {
    const handler: ByteXmlHandler = { open() {}, close() {}, text() {}, doctype: () => { throw new RangeError('refused'); } };
    expect(() => new ByteXmlTokenizer(handler, []).write(Buffer.from('<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>'))).toThrow(RangeError);
  });

  it('reads a text of many megabytes cut into small chunks in linear time, and refuses a tag that never ends', () => {
    const long = `<a>${'养'.repeat(4_000_000)}</a>`;
    const started = performance.now();
    const seen = byteEvents(cut(long, 16 * 1024));
    expect(seen).toHaveLength(3);
    expect(seen[1]!.length).toBe(5 + 4_000_000);
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(byteEvents(cut(`<a><b c="${'x'.repeat(2_000_000)}`, 64 * 1024)).at(-1)).toMatch(/markup longer than 1 MB/);
  });

  it('gets whole characters from the zip reader’s byte chunks, a Chinese character cut between inflate chunks included', async () => {
    const bytes = Buffer.from(SHEET);
    const pieces = Array.from({ length: Math.ceil(bytes.length / 7) }, (_, i) => bytes.subarray(i * 7, i * 7 + 7));
    const corrupt = (error: unknown) => new WorkbookRejected({ code: 'not_xlsx', sheet: null, row: null, column: null, header: null, cell: null, value: String(error), message: { zh: '损坏。', en: 'broken.' } });
    const chunks: Buffer[] = [];
    for await (const chunk of byteChunks(Readable.from(pieces), { maxBytes: 1e6, crc32: null, tooLarge: corrupt, corrupt })) chunks.push(chunk);
    expect(byteEvents(chunks)).toEqual(stringEvents(SHEET));
  });
});

/** The rows of a one-sheet workbook whose sheet XML is `sheetData`. */
async function rowsOf(sheetData: string): Promise<RawRow[]> {
  const sheet = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetData}</sheetData></worksheet>`;
  const zip = await XlsxZip.open(makeZip([...MINIMAL_XLSX_PARTS, { name: 'xl/worksheets/sheet1.xml', data: sheet }]));
  const source = await xlsxSource(zip, 't.xlsx');
  const rows: RawRow[] = [];
  try {
    await source.read({ begin: () => (row) => rows.push(row), end: () => {} });
  } finally {
    source.close();
  }
  return rows;
}

describe('sheet cells read from their bytes', () => {
  it('reads every number as Number() reads its text, whether its digits take the fast way or not', async () => {
    const texts = ['0', '7', '-0', '007', '0.1', '-12.5', '1.', '.5', '0.30000000000000004', '123456789012345', '1234567890123456789', '99999.999999999999', '1e5', '-2.5E-3', ' 12 ', '1.7976931348623157e308', '5e-324', '0x1A', 'Infinity', 'abc', '1,200', ''];
    const rows = await rowsOf(`<row r="1">${texts.map((text, i) => `<c r="${String.fromCharCode(65 + i)}1"><v>${text}</v></c>`).join('')}</row>`);
    const cells = rows[0]!.cells;
    texts.forEach((text, i) => {
      const value = Number(text);
      const expected = text.trim() === '' ? undefined : Number.isFinite(value) ? { type: 'number', value, date: false } : { type: 'error', value: text };
      expect(cells.get(i + 1), JSON.stringify(text)).toEqual(expected);
      if (expected?.type === 'number') expect(Object.is((cells.get(i + 1) as { value: number }).value, value), text).toBe(true);
    });
  });

  it('reads row numbers, references, styles and types from plain bytes and from references alike, and refuses what lies outside the grid', async () => {
    const rows = await rowsOf('<row r="&#50;"><c r="&#65;2" t="inlineStr"><is><t>甲</t></is></c><c t="b"><v>1</v></c><c r="AB2" t="str"><v>_x001B_x</v></c></row><row><c r="A3" t="e"><v>#N/A</v></c><c r="B3" t="d"><v>2025-12-31</v></c><c r="C3"><f>A1</f></c><c r="D3" t="weird"><v>4</v></c></row>');
    expect(rows.map((row) => [row.row, [...row.cells]])).toEqual([
      [2, [[1, { type: 'string', value: '甲' }], [2, { type: 'boolean', value: true }], [28, { type: 'string', value: '\u001bx' }]]],
      [3, [[1, { type: 'error', value: '#N/A' }], [2, { type: 'date', value: '2025-12-31' }], [3, { type: 'formula_without_value', formula: 'A1' }], [4, { type: 'number', value: 4, date: false }]]],
    ]);
    for (const bad of ['<row r="1.0"><c r="A1"><v>1</v></c></row>', '<row r="0"/>', '<row r="1"><c r="$A$1"><v>1</v></c></row>', '<row r="1"><c r="XFE1"><v>1</v></c></row>', '<row r="1"><c r="A12345678"><v>1</v></c></row>']) {
      const error = await rowsOf(bad).catch((caught: unknown) => caught);
      expect(error, bad).toBeInstanceOf(WorkbookRejected);
      expect((error as WorkbookRejected).problem.code, bad).toBe('not_xlsx');
    }
  });
});

/** The shared strings of a one-sheet workbook whose `<sst>` holds `items`, as the sheet's cells read them (A1, A2, …). */
async function sharedStringsOf(items: readonly string[]): Promise<unknown[]> {
  const sst = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${items.length}">${items.join('')}</sst>`;
  const sheet = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${items.map((_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="s"><v>${i}</v></c></row>`).join('')}</sheetData></worksheet>`;
  const rels =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>' +
    '</Relationships>';
  const parts = MINIMAL_XLSX_PARTS.map((part) => (part.name === 'xl/_rels/workbook.xml.rels' ? { ...part, data: rels } : part));
  const zip = await XlsxZip.open(makeZip([...parts, { name: 'xl/sharedStrings.xml', data: sst }, { name: 'xl/worksheets/sheet1.xml', data: sheet }]));
  const source = await xlsxSource(zip, 't.xlsx');
  const cells: unknown[] = [];
  try {
    await source.read({ begin: () => (row) => cells.push((row.cells.get(1) as { value?: unknown } | undefined)?.value), end: () => {} });
  } finally {
    source.close();
  }
  return cells;
}

describe('shared strings read from their bytes', () => {
  it('reads the usual string in one pass and every other as the tokenizer reads it, each to the same text', async () => {
    const cases: [string, string][] = [
      ['<si><t>机构编号</t></si>', '机构编号'],
      ['<si><t xml:space="preserve"> 前后空格 </t></si>', ' 前后空格 '],
      ['<si><t></t></si>', ''],
      ['<si><t/></si>', ''],
      ['<si><t>Wutong 颐养院 👵</t></si>', 'Wutong 颐养院 👵'],
      ['<si><t>_x0041_BC</t></si>', 'ABC'],
      ['<si><t>a&amp;b &#x4E2D;</t></si>', 'a&b 中'],
      ['<si><t>一\r\n二\r三\n四\t五</t></si>', '一\n二\n三\n四\t五'],
      ['<si><r><t>富</t></r><r><rPr><b/></rPr><t xml:space="preserve">文本 </t></r></si>', '富文本 '],
      ['<si><t>汉字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh><phoneticPr fontId="1"/></si>', '汉字'],
      ['<si><t lang="zh">属性</t></si>', '属性'],
      ['<si><t>空白在后</t> </si>', '空白在后'],
      ['<si>\n  <t>换行缩进</t>\n</si>', '换行缩进'],
    ];
    expect(await sharedStringsOf(cases.map(([xml]) => xml))).toEqual(cases.map(([, text]) => text));
  });

  it('reads strings cut anywhere by the zip reader’s chunks', async () => {
    // ≈700 KB of strings: the inflated part comes in 64 KB pieces, so cuts fall inside strings,
    // inside `<si><t>` and `</t></si>`, and inside a Chinese character's bytes.
    const texts = Array.from({ length: 20_000 }, (_, i) => `${'养老'.repeat(i % 7)}S${i}${i % 3 === 0 ? ' 颐' : ''}`);
    expect(await sharedStringsOf(texts.map((text) => `<si><t>${text}</t></si>`))).toEqual(texts);
  });

  it('refuses what the tokenizer refuses, in the usual string too', async () => {
    for (const bad of ['<si><t>非字符\uFFFF</t></si>', '<si><t>控制\u0001字符</t></si>', '<si><t>未闭合</t></sj>', '<si><t>裸&符号</t></si>', '<si><t>a</t></si><si><t>b</si>']) {
      const error = await sharedStringsOf([bad]).catch((caught: unknown) => caught);
      expect(error, bad).toBeInstanceOf(WorkbookRejected);
      expect((error as WorkbookRejected).problem.code, bad).toBe('not_xlsx');
    }
  });
});
