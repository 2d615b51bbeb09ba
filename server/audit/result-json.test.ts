import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../../checks/paths.js';
import { checkWorkbook } from './check.js';
import type { AuditResult } from './result.js';
import { resultJsonBytes } from './result-json.js';

const pieces = (result: AuditResult) => [...resultJsonBytes(result)];
const joined = (result: AuditResult) => Buffer.concat(pieces(result)).toString('utf8');
const expected = (result: AuditResult) => `${JSON.stringify(result, null, 2)}\n`;

async function sample(): Promise<AuditResult> {
  const { result } = await checkWorkbook(readFileSync(projectPath('samples', 'county-mix.xlsx')), { fileName: 'county-mix.xlsx' });
  return result;
}

/** A result whose findings are whatever a test gives (the writer must not trust their shape). */
const withFindings = (result: AuditResult, findings: unknown[]): AuditResult => ({ ...result, findings }) as unknown as AuditResult;

// Strings JSON.stringify escapes or passes through: quotes, backslashes, every control
// character, line and paragraph separators, lone and paired surrogates, CJK, emoji.
const STRINGS = [
  '',
  'say "hi" \\ back/slash',
  Array.from({ length: 32 }, (_, code) => String.fromCharCode(code)).join(''),
  '\u007f\u2028\u2029',
  'lone \ud800 high, lone \udc00 low, reversed \udc00\ud800, end \ud83d',
  '养老机构 😀 𠀀 é',
  '\u0000findings\u0000',
];
const NUMBERS = [0, -0, 1, -1.5, 0.1 + 0.2, 1e21, 1e-7, 123456789012345680000, 5e-324, Number.MAX_VALUE, NaN, Infinity, -Infinity];

describe('resultJsonBytes', () => {
  it('writes a result byte for byte as JSON.stringify(result, null, 2) does, in movable pieces', async () => {
    const result = await sample();
    expect(result.findings.length).toBeGreaterThan(0);
    // Enough findings (sharing their title and source objects) for several pieces.
    const many = { ...result, findings: Array.from({ length: 80 }, () => result.findings).flat() };
    for (const each of [result, many, { ...result, findings: [] }, { ...result, findings: result.findings.slice(0, 1) }]) {
      expect(joined(each)).toBe(expected(each));
    }
    const parts = pieces(many);
    expect(parts.length).toBeGreaterThan(1);
    // Each piece is the used part of its own memory, so that moving one moves nothing else.
    expect(new Set(parts.map((part) => part.buffer)).size).toBe(parts.length);
    for (const part of parts) expect(part.byteOffset).toBe(0);
  });

  it('keeps a rejected workbook’s result whole (no findings, every error)', async () => {
    const { result } = await checkWorkbook(Buffer.from('not a workbook'), { fileName: 'x.xlsx' });
    expect(result.valid).toBe(false);
    expect(joined(result)).toBe(expected(result));
  });

  it('writes every kind of value as JSON.stringify does', async () => {
    const result = await sample();
    const title = { zh: STRINGS[5], en: STRINGS[1] };
    const source = { seed: STRINGS[2], clause: STRINGS[4], quote: STRINGS[3], reading: title };
    const withToJson = { toJSON: (key: string) => `key ${key}` };
    const sparse: unknown[] = [1];
    sparse[3] = 2;
    const bare = Object.create(null) as Record<string, unknown>;
    bare.x = [];
    const findings: unknown[] = [
      { rule: 'r', title, subject: { id: STRINGS[4] }, source, strings: STRINGS, numbers: NUMBERS, message: title },
      // The same shared objects again, and a finding that names them under other keys.
      { rule: 'r', title, source, status: null, measured: -0, big: 1e21 },
      { other: source, title: [title, source], source: null },
      {
        empty: [],
        emptyObject: {},
        nested: [[], [[]], [{}], [null, true, false]],
        skipped: undefined,
        fn: () => 1,
        symbol: Symbol('s'),
        inArray: [undefined, () => 1, Symbol('s')],
        date: new Date(Date.UTC(2026, 5, 30)),
        withToJson,
        hides: { toJSON: () => undefined },
        boxed: [new Number(3), new String('s'), new Boolean(false)],
        sparse,
        bare,
        'a"key\n\u2028': STRINGS[6],
      },
      { title: undefined, source: { toJSON: () => undefined }, only: 1 },
      { title: withToJson },
      {},
      null,
      5,
      'a finding that is a string',
      [],
      [title, NUMBERS],
      withToJson,
      new Date(0),
      undefined,
      // Longer than a piece, so that one value is written across the pieces' size.
      { message: '长'.repeat(1_200_000), then: 'x'.repeat(3_000_000) },
    ];
    const each = withFindings(result, findings);
    expect(joined(each)).toBe(expected(each));
    for (const finding of findings) {
      const alone = withFindings(result, [finding]);
      expect(joined(alone)).toBe(expected(alone));
    }
  });

  it('throws where JSON.stringify throws', async () => {
    const result = withFindings(await sample(), [{ n: 1n }]);
    expect(() => expected(result)).toThrow(TypeError);
    expect(() => pieces(result)).toThrow(TypeError);
  });
});
