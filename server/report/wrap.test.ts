import { describe, expect, it } from 'vitest';
import { wrapLines } from './wrap.js';

/** Every character 1 point wide, counting the measures. */
function measured() {
  const counter = { calls: 0, width: (_codePoint: number) => (counter.calls += 1, 1) };
  return counter;
}

const one = () => 1;

describe('wrapLines', () => {
  it('breaks between words after their spaces, and keeps a word that does not fit whole for the next line', () => {
    expect(wrapLines('Social workers per institution beds', 16, one)).toEqual(['Social workers ', 'per institution ', 'beds']);
  });

  it('breaks Chinese between any two characters, never before closing nor after opening punctuation', () => {
    expect(wrapLines('护理员配比不足', 3, one)).toEqual(['护理员', '配比不', '足']);
    // 「，」 may not start a line: 「足，」 moves down whole.
    expect(wrapLines('配比不足，缺两人', 4, one)).toEqual(['配比不', '足，缺两', '人']);
    // 「（」 may not end a line.
    expect(wrapLines('缺人数（人）', 4, one)).toEqual(['缺人数', '（人）']);
    // After 「：」 a line may end even before a Latin word; after an ASCII comma it may not.
    expect(wrapLines('的3人：S0024126', 8, one)).toEqual(['的3人：', 'S0024126']);
    expect(wrapLines('1,234,567', 4, one)).toEqual(['1,23', '4,56', '7']);
  });

  it('keeps a number with its hyphen whole, but may break a hyphenated word', () => {
    expect(wrapLines('GB 38600-2019', 11, one)).toEqual(['GB ', '38600-2019']);
    expect(wrapLines('well-known', 6, one)).toEqual(['well-', 'known']);
  });

  it('measures a word with Latin letters whole (kerned), Chinese by its characters', () => {
    const words: string[] = [];
    const kerned = (word: string) => (words.push(word), word.trimEnd().length - 1);
    // Kerned, 「receive 」 is 6 wide and 「the 」 2, so both and 「缺」 fit on a line of 9 (by their letters, 12).
    expect(wrapLines('receive the 缺人', 9, one, kerned)).toEqual(['receive the 缺', '人']);
    expect(words).toEqual(['receive ', 'the ']);
  });

  it('ends a line at each newline, keeping empty lines; empty text has no lines', () => {
    expect(wrapLines('a\n\nb\n', 10, one)).toEqual(['a', '', 'b']);
    expect(wrapLines('', 10, one)).toEqual([]);
  });

  it('cuts a word wider than a line where the line is full, keeping every character', () => {
    const lines = wrapLines(`名称 ${'W'.repeat(21)} 后`, 10, one);
    expect(lines).toEqual(['名称 WWWWWWW', 'WWWWWWWWWW', 'WWWW 后']);
    expect(lines.every((line) => line.length <= 10)).toBe(true);
  });

  it('keeps a character outside the Basic Multilingual Plane whole', () => {
    const lines = wrapLines('𝐀'.repeat(30), 10, one);
    expect(lines.every((line) => [...line].every((char) => char === '𝐀'))).toBe(true);
    expect(lines.join('')).toBe('𝐀'.repeat(30));
  });

  it('measures each character of 32,767 a bounded number of times (linear, not quadratic)', () => {
    const counter = measured();
    const lines = wrapLines('W'.repeat(32_767), 40, counter.width);
    expect(counter.calls).toBeLessThanOrEqual(2 * 32_767);
    expect(lines.every((line) => line.length <= 40)).toBe(true);
    expect(lines.join('').length).toBe(32_767);
  });
});
