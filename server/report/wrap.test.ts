import { describe, expect, it } from 'vitest';
import { breakLongRuns } from './wrap.js';

/** Every character 1 point wide, counting the measures. */
function measured() {
  const counter = { calls: 0, width: (_char: string) => (counter.calls += 1, 1) };
  return counter;
}

describe('breakLongRuns', () => {
  it('leaves text as it was when no run is wider than two lines: spaces, Chinese, short words', () => {
    const { width } = measured();
    for (const text of ['', 'Social workers per institution beds', '梧桐街道颐养院'.repeat(200), 'x'.repeat(20), `${'y'.repeat(20)} ${'z'.repeat(20)}`]) {
      expect(breakLongRuns(text, 10, width)).toBe(text);
    }
  });

  it('cuts a run wider than two lines into pieces that fit, each on its own line, keeping every character', () => {
    const { width } = measured();
    const out = breakLongRuns(`名称 ${'W'.repeat(21)} 后`, 10, width);
    expect(out).toBe(`名称 ${'WWWWWWWWW\n'.repeat(2)}WWW 后`);
    expect(out.replace(/\n/g, '')).toBe(`名称 ${'W'.repeat(21)} 后`);
  });

  it('keeps a character outside the Basic Multilingual Plane whole', () => {
    const out = breakLongRuns('𝐀'.repeat(30), 10, () => 1);
    expect(out.split('\n').every((line) => [...line].every((char) => char === '𝐀'))).toBe(true);
  });

  it('measures each character of 32,767 a bounded number of times (linear, not quadratic)', () => {
    const counter = measured();
    const out = breakLongRuns('W'.repeat(32_767), 40, counter.width);
    expect(counter.calls).toBeLessThanOrEqual(2 * 32_767);
    expect(out.split('\n').every((line) => line.length <= 40)).toBe(true);
  });
});
