import { describe, expect, it } from 'vitest';
import {
  ceiling,
  exact,
  field,
  flag,
  lowest,
  quotient,
  scale,
  settle,
  share,
  sum,
  unknown,
  type BlankSpot,
  type Bounds,
} from './bounds.js';

const at = (subject: string, name = 'dementia_beds'): BlankSpot => ({ sheet: 'facilities', row: 2, subject, field: name });
const range = (b: Bounds) => [b.low, b.high];
const yesShare = (values: (boolean | null)[]) =>
  share(values.map((v, i) => ({ part: flag(v, at(`F${i}`, 'infection_monitoring')), whole: exact(1) })))!;

describe('sums and scaling', () => {
  it('a known figure is exact and widens nothing', () => {
    const b = exact(10);
    expect(b).toMatchObject({ value: 10, low: 10, high: 10, blanks: [] });
  });

  it('a bounded blank adds its interval; the value sums the known terms only', () => {
    const b = sum([exact(10), unknown(at('F2'), 0, 300)]);
    expect(b.value).toBe(10);
    expect(range(b)).toEqual([10, 310]);
    expect(b.blanks.map((blank) => blank.subject)).toEqual(['F2']);
  });

  it('an unbounded blank makes the sum unbounded above', () => {
    const b = sum([exact(10), unknown(at('F2'))]);
    expect(range(b)).toEqual([10, Infinity]);
  });

  it('nothing known: value null', () => {
    expect(sum([unknown(at('F1'), 0, 5)]).value).toBeNull();
  });

  it('a blank with a single allowed value is that value and no blank', () => {
    const b = field(null, at('F1'), 0, 0);
    expect(b.blanks).toEqual([]);
    expect(range(b)).toEqual([0, 0]);
  });

  it('scaling by zero removes an unbounded term rather than producing NaN', () => {
    const b = scale(unknown(at('F1')), 0);
    expect(range(b)).toEqual([0, 0]);
    expect(b.blanks).toEqual([]);
  });

  it('scaling keeps the interval order and infinity', () => {
    expect(range(scale(sum([exact(2), unknown(at('F1'), 0, 3)]), 10_000))).toEqual([20_000, 50_000]);
    expect(range(scale(unknown(at('F1'), 1), 2))).toEqual([2, Infinity]);
  });
});

describe('quotients of independent measures', () => {
  it('divides the ends crosswise', () => {
    const b = quotient(sum([exact(10), unknown(at('F2'), 0, 300)]), exact(100_000));
    expect(range(b)).toEqual([10 / 100_000, 310 / 100_000]);
  });

  it('an unbounded denominator lets the quotient come near 0 without reaching it', () => {
    const b = quotient(exact(5), unknown({ sheet: 'region', row: 2, subject: 'anji', field: 'elderly_population' }, 1));
    expect(range(b)).toEqual([0, 5]);
    expect(b.lowOpen).toBe(true);
    expect(b.value).toBeNull();
  });

  it('refuses a denominator that can be 0', () => {
    expect(() => quotient(exact(1), unknown(at('F1')))).toThrow(/positive/);
  });
});

describe('shares of parts tied to their wholes', () => {
  it('19 yes and 1 blank of 20: 95 %–100 %, value over the known 19', () => {
    const b = yesShare([...Array<boolean>(19).fill(true), null]);
    expect(b.value).toBe(1);
    expect(b.low).toBeCloseTo(0.95, 12);
    expect(b.high).toBe(1);
  });

  it('18 yes, 1 no, 1 blank: at most 95 %', () => {
    const b = yesShare([...Array<boolean>(18).fill(true), false, null]);
    expect(b.low).toBeCloseTo(0.9, 12);
    expect(b.high).toBeCloseTo(0.95, 12);
    expect(b.value).toBeCloseTo(18 / 19, 12);
  });

  it('a blank part is bounded by its known whole: 50 of 100 beds known, 0..200 of 200', () => {
    const b = share([
      { part: exact(50), whole: exact(100) },
      { part: unknown(at('F2', 'nursing_beds'), 0, 200), whole: exact(200) },
    ])!;
    expect(b.low).toBeCloseTo(50 / 300, 12);
    expect(b.high).toBeCloseTo(250 / 300, 12);
    expect(b.value).toBeCloseTo(0.5, 12);
  });

  it('a blank whole at least its known part: the share falls toward 0 and reaches the part/part ratio at most', () => {
    const b = share([
      { part: exact(50), whole: exact(100) },
      { part: exact(60), whole: unknown(at('F2', 'total_beds'), 60) },
    ])!;
    expect(b.low).toBe(0);
    expect(b.lowOpen).toBe(true);
    expect(b.high).toBeCloseTo(110 / 160, 12);
  });

  it('part and whole both blank and unbounded: the share comes near 100 % without reaching it', () => {
    const b = share([
      { part: exact(50), whole: exact(100) },
      { part: unknown(at('F2', 'nursing_beds')), whole: unknown(at('F2', 'total_beds')) },
    ])!;
    expect(range(b)).toEqual([0, 1]);
    expect(b.highOpen).toBe(true);
    expect(b.lowOpen).toBe(true);
  });

  it('reaches 100 % when the known part already is the whole', () => {
    const b = share([
      { part: exact(100), whole: exact(100) },
      { part: unknown(at('F2', 'nursing_beds')), whole: unknown(at('F2', 'total_beds')) },
    ])!;
    expect(b.high).toBe(1);
    expect(b.highOpen).toBe(false);
  });

  it('a share over wholes that are 0 for every filling is null (not applicable)', () => {
    expect(share([{ part: exact(0), whole: exact(0) }])).toBeNull();
    expect(share([])).toBeNull();
  });
});

describe('head-counts and minima', () => {
  it('ceiling rounds both ends up', () => {
    expect(range(ceiling(quotient(unknown(at('F1', 'total_beds'), 61, 130), exact(60))))).toEqual([2, 3]);
  });

  it('the lowest of known allowances and a blank one runs from 0 to the known lowest', () => {
    const b = lowest([exact(400), exact(450), unknown({ sheet: 'staff', row: 3, subject: 'S3', field: 'monthly_allowance_yuan' })]);
    expect(b.value).toBe(400);
    expect(range(b)).toEqual([0, 400]);
    expect(b.blanks).toHaveLength(1);
  });
});

describe('settling a measure against its requirement', () => {
  const gte = (m: Bounds, r: number) => settle(m, exact(r), 'gte');
  const gt = (m: Bounds, r: number) => settle(m, exact(r), 'gt');

  it('exact figures: pass at equality under ≥, short under >', () => {
    expect(gte(exact(60), 60)).toEqual({ status: 'pass' });
    expect(gt(exact(0.6), 0.6)).toEqual({ status: 'short', shortfall: 0 });
    expect(gte(exact(59), 60)).toEqual({ status: 'short', shortfall: 1 });
  });

  it('19 yes and 1 blank against 100 % is open; 18 yes, 1 no, 1 blank is short by the least, 5 points', () => {
    expect(gte(yesShare([...Array<boolean>(19).fill(true), null]), 1)).toEqual({ status: 'open' });
    const settled = gte(yesShare([...Array<boolean>(18).fill(true), false, null]), 1);
    expect(settled.status).toBe('short');
    expect(settled.status === 'short' && settled.shortfall).toBeCloseTo(0.05, 12);
  });

  it('a blank that cannot change the verdict: 10 known beds already meet 10', () => {
    expect(gte(sum([exact(10), unknown(at('F2'), 0, 300)]), 10)).toEqual({ status: 'pass' });
    expect(gte(sum([exact(10), unknown(at('F2'), 0, 300)]), 11)).toEqual({ status: 'open' });
  });

  it('an unbounded blank never settles a shortfall', () => {
    expect(gte(sum([exact(0), unknown(at('F2'))]), 1_000_000)).toEqual({ status: 'open' });
  });

  it('an open upper end at the requirement falls short for every filling, with no least shortfall', () => {
    const b = share([
      { part: exact(50), whole: exact(100) },
      { part: unknown(at('F2', 'nursing_beds')), whole: unknown(at('F2', 'total_beds')) },
    ])!;
    expect(gte(b, 1)).toEqual({ status: 'short', shortfall: null });
    expect(gte(b, 0.65)).toEqual({ status: 'open' });
  });

  it('an open lower end at the requirement passes a strict rule', () => {
    const b: Bounds = { value: null, low: 0.6, high: 0.9, lowOpen: true, highOpen: false, blanks: [] };
    expect(gt(b, 0.6)).toEqual({ status: 'pass' });
    expect(gt({ ...b, lowOpen: false }, 0.6)).toEqual({ status: 'open' });
  });

  it('a requirement with blanks: settled only when the whole range of both lies on one side', () => {
    const required = ceiling(quotient(unknown(at('F1', 'total_beds'), 61, 130), exact(60)));
    expect(settle(exact(3), required, 'gte')).toEqual({ status: 'pass' });
    expect(settle(exact(2), required, 'gte')).toEqual({ status: 'open' });
    expect(settle(exact(1), required, 'gte')).toEqual({ status: 'short', shortfall: 1 });
    expect(settle(exact(5), ceiling(quotient(unknown(at('F1', 'total_beds'), 1), exact(60))), 'gte')).toEqual({ status: 'open' });
  });
});
