// The committed samples are what the committed generator makes of the committed source data,
// and every source row reaches the reader.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../checks/paths.js';
import { expandStaff, generateSamples, loadSampleSources } from '../samples/generate.js';
import { readBytes } from './support/workbook.js';

describe('samples', () => {
  it('numbers expanded staff per facility', () => {
    const rows = expandStaff([
      { facility_id: 'A', role: '养老护理员', count: 2 },
      { facility_id: 'B', role: '护士' },
      { facility_id: 'A', role: '管理人员' },
    ]);
    expect(rows.map((row) => row['staff_id'])).toEqual(['A-001', 'A-002', 'B-001', 'A-003']);
    expect(rows.every((row) => !('count' in row))).toBe(true);
  });

  it('the committed workbooks match what the generator makes of samples/source', async () => {
    const out = mkdtempSync(join(tmpdir(), 'eldercare-samples-'));
    const written = await generateSamples(out);
    expect(written.map((path) => basename(path)).sort()).toEqual(loadSampleSources().map((s) => s.file).sort());
    for (const path of written) {
      const fresh = await readBytes(readFileSync(path));
      const committed = await readBytes(readFileSync(projectPath('samples', basename(path))));
      expect(fresh.errors).toEqual([]);
      expect(committed.facts, `samples/${basename(path)} is stale: run npm run samples`).toEqual(fresh.facts);
    }
  });

  it('every source row is read: staff counts expand, other sheets one row each', async () => {
    for (const source of loadSampleSources()) {
      const { rows: counted, errors } = await readBytes(readFileSync(projectPath('samples', source.file)));
      expect(errors, source.file).toEqual([]);
      for (const [sheet, rows] of Object.entries(source.sheets)) {
        const expected = sheet === 'staff' ? expandStaff(rows).length : rows.length;
        expect(counted[sheet as keyof typeof source.sheets], `${source.file} ${sheet}`).toBe(expected);
      }
    }
  });
});
