// usualValue (the reader's way round normaliseCell for the usual cell) must give exactly what
// normaliseCell gives wherever it gives anything, and leave every other cell to normaliseCell:
// every kind of column against cells of every type, blank, placeholder, padded, unknown and odd.
import { describe, expect, it } from 'vitest';
import { CONTRACT, type ColumnSpec } from '../../checks/contract.js';
import { defaultRulebooks } from '../../checks/rulebook.js';
import { jurisdictionNames } from '../audit/check.js';
import type { RawCell } from './sheet-stream.js';
import { EnumLookup, normaliseCell, usualValue, type ValueContext } from './values.js';

const enums = new Map<string, EnumLookup>();
for (const sheet of CONTRACT) for (const column of sheet.columns) if (column.labels) enums.set(column.key, new EnumLookup(column.labels));
enums.set('jurisdiction', new EnumLookup(Object.fromEntries(jurisdictionNames(defaultRulebooks()).map((j) => [j.id, j.names]))));
const context: ValueContext = { date1904: false, enums };

/** One column of each kind the contract has (its first), and every enumeration column. */
const columns: ColumnSpec[] = [];
for (const column of CONTRACT.flatMap((sheet) => sheet.columns)) {
  if (column.kind === 'enum' || column.kind === 'jurisdiction' || !columns.some((c) => c.kind === column.kind)) columns.push(column);
}

const labels = [...enums.values()].flatMap((lookup) => lookup.choices.split('、'));
const texts = ['', ' ', '　', '/', '—', 'n/a', '不适用', 'TX-001', ' TX-001 ', 'TX\u00a0001', '是', ' 是 ', '否', 'yes', 'N', '√', '×', '有', '无', '0', '1', '12', '1,200', '3.5㎡', '50%', '2025-06-30', '二星', 'a\nb', 'a\u0007b', 'a\u202eb', '\ufeff护理员', '养老机构', 'caregiver', ...labels];
const cells: (RawCell | undefined)[] = [
  undefined,
  ...texts.map((value): RawCell => ({ type: 'string', value })),
  ...[0, 1, -3, 12.5, 45_000, 1e21].map((value): RawCell => ({ type: 'number', value, date: false })),
  ...[0, 12.5, 45_000].map((value): RawCell => ({ type: 'number', value, date: true })),
  { type: 'boolean', value: true },
  { type: 'boolean', value: false },
  { type: 'date', value: '2025-06-30' },
  { type: 'error', value: '#REF!' },
  { type: 'formula_without_value', formula: 'SUM(A1:A3)' },
];

describe('usualValue', () => {
  it('gives what normaliseCell gives, or leaves the cell to it', () => {
    let taken = 0;
    for (const column of columns) {
      for (const cell of cells) {
        const usual = usualValue(cell, column, context);
        if (usual === undefined) continue;
        taken += 1;
        expect(normaliseCell(cell, column, context), `${column.key} ${JSON.stringify(cell)}`).toEqual({ ok: true, value: usual });
      }
    }
    // The usual cells are taken: the shortcut is not simply never used.
    expect(taken).toBeGreaterThan(columns.length * 5);
  });

  it('leaves to normaliseCell every cell it reports', () => {
    for (const column of columns) {
      for (const cell of cells) {
        if (!normaliseCell(cell, column, context).ok) expect(usualValue(cell, column, context), `${column.key} ${JSON.stringify(cell)}`).toBeUndefined();
      }
    }
  });
});
