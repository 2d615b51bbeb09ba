import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../../checks/paths.js';
import { checkWorkbook } from './check.js';
import { resultJsonPieces } from './result-json.js';

const joined = (pieces: Iterable<string>) => [...pieces].join('');

describe('resultJsonPieces', () => {
  it('writes a result byte for byte as JSON.stringify(result, null, 2) does, in pieces', async () => {
    const { result } = await checkWorkbook(readFileSync(projectPath('samples', 'county-mix.xlsx')), { fileName: 'county-mix.xlsx' });
    expect(result.findings.length).toBeGreaterThan(0);
    // More findings than one piece holds, so that the joins between pieces are written too.
    const many = { ...result, findings: Array.from({ length: 3 }, () => result.findings).flat().slice(0, 1234) };
    for (const each of [result, many, { ...result, findings: [] }, { ...result, findings: result.findings.slice(0, 1) }]) {
      expect(joined(resultJsonPieces(each))).toBe(`${JSON.stringify(each, null, 2)}\n`);
    }
    expect([...resultJsonPieces(many)].length).toBe(2 + Math.ceil(many.findings.length / 500));
  });

  it('keeps a rejected workbook’s result whole (no findings, every error)', async () => {
    const { result } = await checkWorkbook(Buffer.from('not a workbook'), { fileName: 'x.xlsx' });
    expect(result.valid).toBe(false);
    expect(joined(resultJsonPieces(result))).toBe(`${JSON.stringify(result, null, 2)}\n`);
  });
});
