import { describe, expect, it } from 'vitest';
import { toGb18030 } from '../../../test/support/convert.js';
import { csvRecords, decodeCsv, firstBadGb18030, firstBadUtf8 } from './csv.js';

const rows = (text: string) => [...csvRecords(text, 't.csv')].map((r) => [r.row, Object.fromEntries([...r.cells].map(([c, v]) => [c, v.type === 'string' ? v.value : '?']))]);

describe('CSV records', () => {
  it.each([
    ['a,b\r\nc,d', [[1, { 1: 'a', 2: 'b' }], [2, { 1: 'c', 2: 'd' }]]],
    ['"a,1","say ""hi"""\n', [[1, { 1: 'a,1', 2: 'say "hi"' }]]],
    ['"two\nlines",x\ny', [[1, { 1: 'two\nlines', 2: 'x' }], [2, { 1: 'y' }]]],
    [',,c\n\n', [[1, { 3: 'c' }], [2, {}]]],
    ['a\tb c\td\n', [[1, { 1: 'a', 2: 'b c', 3: 'd' }]]],
    ['a\tb,c\n', [[1, { 1: 'a\tb', 2: 'c' }]]],
    ['"a"b,c', [[1, { 1: 'ab', 2: 'c' }]]],
  ])('%j', (text, expected) => {
    expect(rows(text)).toEqual(expected);
  });
});

describe('CSV encodings', () => {
  it('finds the first bad byte of UTF-8 and of GB18030', () => {
    expect(firstBadUtf8(Buffer.from('机构,ok', 'utf8'))).toBe(-1);
    expect(firstBadUtf8(Buffer.from([0x41, 0xe6, 0x9c, 0x41]))).toBe(1);
    expect(firstBadUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0); // a surrogate
    expect(firstBadGb18030(Buffer.from('b0b2bcaa81308130', 'hex'))).toBe(-1);
    expect(firstBadGb18030(Buffer.from('b0b2ff', 'hex'))).toBe(2);
    expect(firstBadGb18030(Buffer.from('b0b2b0', 'hex'))).toBe(2);
  });

  it('reads UTF-8 with and without a BOM, GB18030 and UTF-16 alike', () => {
    const text = '机构编号,床位总数\r\n';
    expect(decodeCsv(Buffer.from(text, 'utf8'), 'a.csv')).toBe(text);
    expect(decodeCsv(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]), 'a.csv')).toBe(text);
    expect(decodeCsv(toGb18030(text), 'a.csv')).toBe(text);
    expect(decodeCsv(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), 'a.csv')).toBe(text);
  });
});
