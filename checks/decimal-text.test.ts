// decimalText writes what Intl.NumberFormat('en-US', { maximumFractionDigits }) writes, on
// every kind of value a message can show: whole numbers, short decimals, exact halves, values
// just short of a carry, the very small and the very large, negatives and the odd ones.
import { describe, expect, it } from 'vitest';
import { decimalText } from './decimal-text.js';

const intl = new Map<number, Intl.NumberFormat>();
const expected = (value: number, digits: number) => {
  if (!intl.has(digits)) intl.set(digits, new Intl.NumberFormat('en-US', { maximumFractionDigits: digits, useGrouping: true }));
  return intl.get(digits)!.format(value);
};

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function values(): number[] {
  const next = random(20);
  const list = [0, -0, 1, -1, 0.5, 1.5, 2.5, 1.005, 9.995, -9.995, 0.125, 99.99999, 999_999.995, 1e21, 1.5e21, 123456789012345678901, 1e-7, 5e-7, 4.9999e-3, Number.MAX_VALUE, Number.MIN_VALUE, 0.1 + 0.2, 1 / 3, 2 / 3, NaN, Infinity, -Infinity];
  for (let n = 0; n < 4000; n += 1) {
    const sign = next() < 0.2 ? -1 : 1;
    // Any magnitude, with full precision.
    list.push(sign * next() * 10 ** Math.floor(next() * 30 - 12));
    // Few decimals, as workbooks hold: 12.5, 0.085, 1,200.
    const places = Math.floor(next() * 7);
    list.push(sign * Math.round(next() * 10 ** (Math.floor(next() * 8) + places)) / 10 ** places);
    // Exact halves and near-carries at some number of decimals.
    const at = Math.floor(next() * 10);
    list.push(sign * (Math.floor(next() * 1000) + 0.5 / 10 ** at));
    list.push(sign * (Math.floor(next() * 1000) + 1 - 10 ** -(at + 1)));
  }
  return list;
}

describe('decimalText', () => {
  it('writes what Intl.NumberFormat en-US writes, at 0 to 12 decimals', () => {
    const mismatches: string[] = [];
    for (const value of values()) {
      for (let digits = 0; digits <= 12; digits += 1) {
        const want = expected(value, digits);
        const got = decimalText(value, digits);
        if (got !== want) mismatches.push(`${value} @${digits}: ${got} ≠ ${want}`);
      }
    }
    expect(mismatches.slice(0, 20)).toEqual([]);
  });

  it('rounds the digits that read back as the value, half away from zero', () => {
    expect(decimalText(1.005, 2)).toBe('1.01');
    expect(decimalText(-2.5, 0)).toBe('-3');
    expect(decimalText(9.995, 2)).toBe('10');
    expect(decimalText(1234567.891, 2)).toBe('1,234,567.89');
    expect(decimalText(-0.001, 2)).toBe('-0');
  });
});
