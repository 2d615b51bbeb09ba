// Which program saved a workbook changes nothing: files re-saved by LibreOffice Calc (shared
// strings, rich-text runs in several fonts, its own styles) read as the exceljs originals do.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../checks/paths.js';
import { readBytes } from './support/workbook.js';

const read = (path: string) => readBytes(readFileSync(projectPath(path)));

describe('workbooks saved by LibreOffice', () => {
  for (const sample of ['anji', 'jiaxiang']) {
    it(`samples/${sample}.xlsx re-saved by LibreOffice gives the same facts and warnings`, async () => {
      const original = await read(`samples/${sample}.xlsx`);
      const resaved = await read(`test/fixtures/libreoffice-${sample}.xlsx`);
      expect(resaved.errors).toEqual([]);
      expect(resaved.facts).toEqual(original.facts);
      expect(resaved.warnings).toEqual(original.warnings);
      expect(resaved.facts!.facilities.length).toBeGreaterThan(0);
    });
  }

  it('reads rich-text headers and values as their plain text; comments and hidden rows change nothing', async () => {
    const { facts, errors, warnings } = await read('test/fixtures/libreoffice-richtext.xlsx');
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
    expect(facts!.facilities.map((f) => [f.facility_id, f.name, f.jurisdiction, f.ownership, f.total_beds, f.has_rehab_room])).toEqual([
      ['TX-001', '桐乡市Sunshine颐养院', 'tongxiang', 'public_private', 120, true],
      ['TX-002', 'Hidden Row 养老院', 'tongxiang', 'public', 80, false],
    ]);
  });
});
