import { describe, expect, it } from 'vitest';
import { makeZip } from '../../../test/support/zip.js';
import { DEFAULT_ZIP_LIMITS, XlsxZip } from '../zip.js';
import { odsSource } from './ods.js';
import type { RawRow } from './source.js';

const NS = 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"';

async function rowsOf(body: string): Promise<{ sheet: string; rows: RawRow[] }[]> {
  const bytes = makeZip([
    { name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet', method: 'store' },
    { name: 'content.xml', data: `<office:document-content ${NS}><office:body><office:spreadsheet>${body}</office:spreadsheet></office:body></office:document-content>` },
  ]);
  const source = odsSource(await XlsxZip.open(bytes, DEFAULT_ZIP_LIMITS, 't.ods'), 't.ods');
  const sheets: { sheet: string; rows: RawRow[] }[] = [];
  await source.read({
    begin: (name) => {
      const sheet = { sheet: name, rows: [] as RawRow[] };
      sheets.push(sheet);
      return (row) => sheet.rows.push(row);
    },
    end: () => undefined,
  });
  source.close();
  return sheets;
}

describe('.ods rows', () => {
  it('expands repeated rows and cells that hold values, skips empty ones, and gives merges, text and types', async () => {
    const [sheet] = await rowsOf(
      `<table:table table:name="机构">
        <table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="3"/></table:table-row>
        <table:table-row><table:table-cell table:number-columns-spanned="2" office:value-type="string"><text:p>床位<text:s text:c="2"/>数</text:p><office:annotation><text:p>a comment</text:p></office:annotation></table:table-cell><table:covered-table-cell/><table:table-cell office:value-type="float" office:value="120"><text:p>120张</text:p></table:table-cell></table:table-row>
        <table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="2" office:value-type="boolean" office:boolean-value="true"/><table:table-cell office:value-type="date" office:date-value="2026-09-30T00:00:00"/><table:table-cell table:formula="of:=[.A1]"/></table:table-row>
        <table:table-row table:number-rows-repeated="1048570"><table:table-cell/></table:table-row>
      </table:table>`,
    );
    expect(sheet!.sheet).toBe('机构');
    expect(sheet!.rows.map((r) => [r.row, Object.fromEntries(r.cells), r.merges ?? []])).toEqual([
      [3, { 1: { type: 'string', value: '床位  数' }, 3: { type: 'number', value: 120, date: false } }, [{ firstRow: 3, lastRow: 3, firstColumn: 1, lastColumn: 2 }]],
      [4, { 1: { type: 'boolean', value: true }, 2: { type: 'boolean', value: true }, 3: { type: 'date', value: '2026-09-30' }, 4: { type: 'formula_without_value', formula: '[.A1]' } }, []],
      [5, { 1: { type: 'boolean', value: true }, 2: { type: 'boolean', value: true }, 3: { type: 'date', value: '2026-09-30' }, 4: { type: 'formula_without_value', formula: '[.A1]' } }, []],
    ]);
  });

  it('refuses a row with values repeated past the last row, and a repeat count that is no number', async () => {
    await expect(rowsOf('<table:table table:name="s"><table:table-row table:number-rows-repeated="1048577"><table:table-cell office:value-type="float" office:value="1"/></table:table-row></table:table>')).rejects.toThrow(/beyond row/);
    await expect(rowsOf('<table:table table:name="s"><table:table-row table:number-rows-repeated="-1"><table:table-cell/></table:table-row></table:table>')).rejects.toThrow(/number-rows-repeated/);
  });
});
