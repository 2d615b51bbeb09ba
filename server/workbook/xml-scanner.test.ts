import { describe, expect, it } from 'vitest';
import { prologOf, XmlScanner } from './xml-scanner.js';

/** The events of `xml` fed in `chunks` pieces of the given size, as one readable list. */
function events(xml: string, chunkSize = xml.length): string[] {
  const seen: string[] = [];
  const scanner = new XmlScanner();
  scanner.on('opentag', (tag) => seen.push(`<${tag.name}${Object.entries(tag.attributes).map(([k, v]) => ` ${k}=${JSON.stringify(v)}`).join('')}${tag.isSelfClosing ? '/' : ''}>`));
  scanner.on('closetag', (tag) => seen.push(`</${tag.name}>`));
  scanner.on('text', (text) => {
    if (seen.at(-1)?.startsWith('text:')) seen[seen.length - 1] += text;
    else seen.push(`text:${text}`);
  });
  scanner.on('error', (error) => seen.push(`error:${error.message}`));
  for (let at = 0; at < xml.length; at += chunkSize) scanner.write(xml.slice(at, at + chunkSize));
  scanner.close();
  return seen;
}

const SHEET =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<!-- by hand -->' +
  '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
  '<row r="1" spans="1:2"><c r="A1" t="s"><v>0</v></c><c r=\'B1\' t="inlineStr"><is><t xml:space="preserve"> 养老&amp;护理 &#x4E2D;&#25991; </t></is></c></row>' +
  '<row r="2"><c r="A2"/><c r="B2" s="3"><f>SUM(A1:A2)</f><v>3</v></c><c r="C2" t="str"><v><![CDATA[a<b>&c]]></v></c></row>' +
  '</sheetData></worksheet>';

describe('XmlScanner', () => {
  it('reads elements, attributes in either quotes, text, references, CDATA; skips the declaration and comments', () => {
    expect(events(SHEET)).toEqual([
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
      '<sheetData>',
      '<row r="1" spans="1:2">',
      '<c r="A1" t="s">',
      '<v>',
      'text:0',
      '</v>',
      '</c>',
      '<c r="B1" t="inlineStr">',
      '<is>',
      '<t xml:space="preserve">',
      'text: 养老&护理 中文 ',
      '</t>',
      '</is>',
      '</c>',
      '</row>',
      '<row r="2">',
      '<c r="A2"/>',
      '</c>',
      '<c r="B2" s="3">',
      '<f>',
      'text:SUM(A1:A2)',
      '</f>',
      '<v>',
      'text:3',
      '</v>',
      '</c>',
      '<c r="C2" t="str">',
      '<v>',
      'text:a<b>&c',
      '</v>',
      '</c>',
      '</row>',
      '</sheetData>',
      '</worksheet>',
    ]);
  });

  it('gives the same events however the part is cut into chunks', () => {
    const whole = events(SHEET);
    for (const size of [1, 2, 3, 5, 7, 16, 64]) expect(events(SHEET, size)).toEqual(whole);
  });

  it('normalises line ends in text and white space in attribute values, as XML does', () => {
    expect(events('<a b="x\ty\nz">1\r\n2\r3</a>')).toEqual(['<a b="x y z">', 'text:1\n2\n3', '</a>']);
  });

  it('keeps a ">" inside a quoted attribute value', () => {
    expect(events('<a b="1>2"/>')).toEqual(['<a b="1>2"/>', '</a>']);
  });

  const malformed: [string, string, RegExp][] = [
    ['a closing tag that does not match', '<a><b></a></b>', /<\/a> closes <b>/],
    ['an element left open', '<a><b></b>', /unclosed element <a>/],
    ['text outside the root', 'x<a/>', /text outside the root/],
    ['a second root', '<a/><b/>', /second root/],
    ['no root at all', '  ', /no root element/],
    ['an undefined entity', '<a>&lol;</a>', /undefined entity &lol;/],
    ['a bare ampersand', '<a>fish & chips</a>', /bare "&"/],
    ['a reference to a character XML forbids', '<a>&#0;</a>', /character reference/],
    ['a surrogate by reference', '<a>&#xD800;</a>', /character reference/],
    ['a raw control character', '<a>\u0007</a>', /does not allow/],
    ['a repeated attribute', '<a b="1" b="2"/>', /repeated attribute b/],
    ['an unquoted attribute', '<r><a b=1/></r>', /tag <a b=1/],
    ['a "<" in an attribute value', '<a b="<"/><c/>', /tag <a/],
    ['a part cut inside a tag', '<a><b c="1', /ends inside a tag/],
    ['a DOCTYPE', '<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>', /DOCTYPE/],
    ['another declaration', '<a><!ELEMENT a ANY></a>', /declaration <!ELEMENT/],
  ];
  for (const [what, xml, message] of malformed) {
    it(`refuses ${what}`, () => {
      const seen = events(xml);
      expect(seen.at(-1)).toMatch(/^error:/);
      expect(seen.at(-1)).toMatch(message);
      // Nothing after the first error: the part is refused whole.
      expect(seen.filter((event) => event.startsWith('error:'))).toHaveLength(1);
    });
  }

  it('lets a DOCTYPE handler refuse the part its own way', () => {
    const scanner = new XmlScanner();
    scanner.on('doctype', () => {
      throw new RangeError('refused');
    });
    expect(() => scanner.write('<!DOCTYPE a><a/>')).toThrow(RangeError);
  });
});

describe('prologOf', () => {
  it('finds a DTD after the declaration, comments and processing instructions, and only there', () => {
    expect(prologOf('<?xml version="1.0"?>\r\n<!-- c --><?pi x?> <!DOCTYPE x [<!ENTITY a "b">]><x/>')).toBe('doctype');
    expect(prologOf('<?xml version="1.0"?><worksheet><!DOCTYPE x></worksheet>')).toBe('root');
    expect(prologOf('\n<Types/>')).toBe('root');
  });

  it('asks for more text while the prolog is unfinished, however it is cut', () => {
    const xml = '<?xml version="1.0"?><!-- a comment --><!DOCTYPE x>';
    for (let end = 0; end < xml.indexOf('<!DOCTYPE') + 9; end++) expect(prologOf(xml.slice(0, end)), xml.slice(0, end)).toBeNull();
    expect(prologOf(xml)).toBe('doctype');
  });
});
