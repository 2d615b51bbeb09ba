// The engine's own duties: each jurisdiction on its own as-of date, rulebooks only from their
// date in force, and blanks placed at their cells.
import { describe, expect, it } from 'vitest';
import { asOfDates } from './as-of.js';
import { evaluateWorkbook } from './engine.js';
import { defaultRulebooks } from './rulebook.js';
import { facility, region, workbookFacts } from '../test/support/facts.js';

const books = defaultRulebooks();
const today = () => '2027-01-01';

describe('each jurisdiction on its own date', () => {
  // A Yaohai row of 2024-06-30 beside a Jiaxiang row of 2026-06-30: Yaohai's 60 % occupancy is due 2025-12-31.
  const facts = workbookFacts({
    regions: [region({ jurisdiction: 'yaohai', as_of: '2024-06-30' }), region({ jurisdiction: 'jiaxiang', as_of: '2026-06-30' })],
    facilities: [facility({ jurisdiction: 'yaohai', ownership: 'public', total_beds: 100, occupied_beds: 40 })],
  });

  it('dates each jurisdiction by its own region row and says the rows differ', () => {
    const dates = asOfDates(facts, undefined, today);
    expect(dates.byJurisdiction).toEqual({ yaohai: '2024-06-30', jiaxiang: '2026-06-30' });
    expect(dates.asOf).toBe('2026-06-30');
    expect(dates.mixed).toBe(true);
  });

  it('a Yaohai target still due is a warning, not a failure judged on the Jiaxiang date', () => {
    const dates = asOfDates(facts, undefined, today);
    const findings = evaluateWorkbook(facts, books, { asOf: dates.asOf, asOfByJurisdiction: dates.byJurisdiction });
    const occupancy = findings.find((f) => f.rule === 'occupancy.public-institutions' && f.subject.id === 'yaohai')!;
    expect(occupancy.status).toBe('warn');
    expect(occupancy.message.zh).toContain('达标期限 2025-12-31，尚未到期');
  });

  it("the caller's date holds for every jurisdiction", () => {
    const dates = asOfDates(facts, '2026-01-31', today);
    expect(dates.byJurisdiction).toEqual({ yaohai: '2026-01-31', jiaxiang: '2026-01-31' });
    expect(dates.mixed).toBe(false);
    const findings = evaluateWorkbook(facts, books, { asOf: dates.asOf, asOfByJurisdiction: dates.byJurisdiction });
    expect(findings.find((f) => f.rule === 'occupancy.public-institutions')!.status).toBe('fail');
  });

  it('a jurisdiction without a region row takes the latest date, else today', () => {
    const only = workbookFacts({ facilities: [facility({ jurisdiction: 'tongxiang' })] });
    expect(asOfDates(only, undefined, today).byJurisdiction).toEqual({ tongxiang: '2027-01-01' });
  });
});

describe('in force', () => {
  it('before its date in force a rulebook gives not_applicable with the reason', () => {
    const facts = workbookFacts({ facilities: [facility({ jurisdiction: 'tongxiang', total_beds: 130, star_rating: 4 })] });
    const findings = evaluateWorkbook(facts, books, { asOf: '2022-01-01' });
    expect(findings.length).toBeGreaterThan(0);
    for (const finding of findings) {
      expect(finding.status).toBe('not_applicable');
      expect(finding.message.zh).toMatch(/》自 2022-08-13 起施行，基准日 2022-01-01 早于施行日期/);
      expect(finding.message.en).toMatch(/in force from 2022-08-13/);
    }
  });

  it('from the date in force the rules apply', () => {
    const facts = workbookFacts({ facilities: [facility({ jurisdiction: 'tongxiang', total_beds: 130, star_rating: 4 })] });
    const findings = evaluateWorkbook(facts, books, { asOf: '2022-08-13' });
    expect(findings.some((f) => f.status !== 'not_applicable')).toBe(true);
  });
});

describe('blanks at their cells', () => {
  it('names the sheet and cell the reader found the column in', () => {
    const facts = workbookFacts({
      regions: [region({ jurisdiction: 'tongxiang', as_of: '2026-06-30', elderly_population: 10_000 })],
      facilities: [
        facility({ facility_id: 'TX-1', jurisdiction: 'tongxiang', row: 3, total_beds: 10, dementia_beds: 10 }),
        facility({ facility_id: 'TX-2', jurisdiction: 'tongxiang', row: 4, total_beds: 300, dementia_beds: null }),
      ],
      places: { facilities: { name: '养老机构', columns: { dementia_beds: 'H' } } },
    });
    const finding = evaluateWorkbook(facts, books, { asOf: '2026-06-30' }).find((f) => f.rule === 'beds.dementia-per-10k')!;
    expect(finding.status).toBe('insufficient_data');
    expect(finding.measuredRange).toEqual([10, 310]);
    expect(finding.blanks).toEqual([{ sheet: 'facilities', subject: 'TX-2', field: 'dementia_beds', cell: '养老机构!H4', range: [0, 300] }]);
    expect(finding.message.zh).toContain('TX-2 认知障碍照护床位数（养老机构!H4，0–300）');
  });
});
