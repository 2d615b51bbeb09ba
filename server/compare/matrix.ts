// Facilities × rules for an audit (or one jurisdiction of it): the status of every pair, as a
// heat map, and a ranking by pass rate and by total shortfall, filterable by the facilities'
// facts (jurisdiction, type, ownership, claimed stars). Reads stored findings and facts only;
// the waivers it shows beside the cells are given to it (the compare core never reads the store).
import type { FacilityFacts, FacilityType, Ownership, WorkbookFacts } from '../../checks/facts.js';
import type { Finding } from '../../checks/finding.js';
import { RULES } from '../../checks/registry.js';
import type { Bilingual, Status } from '../../checks/types.js';
import type { AuditResult } from '../audit/result.js';
import { noteFor, waivedCounts, type WaiverNote, type WaiversOn } from '../rectify/waivers.js';

export interface MatrixFilter {
  jurisdiction?: string;
  facilityType?: FacilityType;
  ownership?: Ownership;
  stars?: number;
}

export type MatrixSort = 'passRate' | 'shortfall' | 'name' | { rule: string };

export interface MatrixRow {
  rank: number;
  facility: Pick<FacilityFacts, 'facility_id' | 'name' | 'jurisdiction' | 'facility_type' | 'ownership' | 'star_rating'>;
  /** One per matrix column: the status, or null when the facility's rulebook lacks the rule. */
  cells: (Status | null)[];
  /** The waiver beside each cell (null: none), judged on the comparison's day; the statuses stay as stored. */
  waivers: (WaiverNote | null)[];
  /** pass ÷ (pass + warn + fail); null when no rule reached a verdict. */
  passRate: number | null;
  /**
   * Σ shortfall ÷ required over failing and warned findings: rules measure in different units,
   * so each shortfall counts as the share of its own requirement that is missing.
   */
  relativeShortfall: number;
  failures: number;
  /** How many of `failures` are under a valid waiver: counted apart, never taken out. */
  waivedFailures: number;
}

export interface Matrix {
  rules: { id: string; title: Bilingual }[];
  rows: MatrixRow[];
}

const SEVERITY: Record<Status, number> = { fail: 0, warn: 1, insufficient_data: 2, pass: 3, not_applicable: 4 };

function matches(facility: FacilityFacts, filter: MatrixFilter): boolean {
  return (
    (filter.jurisdiction === undefined || facility.jurisdiction === filter.jurisdiction) &&
    (filter.facilityType === undefined || facility.facility_type === filter.facilityType) &&
    (filter.ownership === undefined || facility.ownership === filter.ownership) &&
    (filter.stars === undefined || facility.star_rating === filter.stars)
  );
}

function compareRows(sort: MatrixSort, ruleIndex: Map<string, number>) {
  return (a: MatrixRow, b: MatrixRow): number => {
    if (sort === 'name') return a.facility.facility_id.localeCompare(b.facility.facility_id);
    if (sort === 'shortfall') return b.relativeShortfall - a.relativeShortfall || a.facility.facility_id.localeCompare(b.facility.facility_id);
    if (sort === 'passRate') {
      // Unknown pass rates go last; ties by fewer failures, then by id for a stable order.
      const pa = a.passRate ?? -1;
      const pb = b.passRate ?? -1;
      return pb - pa || a.failures - b.failures || a.facility.facility_id.localeCompare(b.facility.facility_id);
    }
    const i = ruleIndex.get(sort.rule) ?? -1;
    const sa = a.cells[i] ? SEVERITY[a.cells[i]!] : 5;
    const sb = b.cells[i] ? SEVERITY[b.cells[i]!] : 5;
    return sa - sb || a.facility.facility_id.localeCompare(b.facility.facility_id);
  };
}

export function buildMatrix(result: AuditResult, facts: WorkbookFacts, options: { filter?: MatrixFilter; sort?: MatrixSort; waivers?: WaiversOn } = {}): Matrix {
  const filter = options.filter ?? {};
  const byFacility = new Map<string, Finding[]>();
  for (const finding of result.findings) {
    if (finding.subject.kind !== 'facility') continue;
    const list = byFacility.get(finding.subject.id);
    if (list) list.push(finding);
    else byFacility.set(finding.subject.id, [finding]);
  }
  const used = new Set([...byFacility.values()].flat().map((f) => f.rule));
  const rules = RULES.filter((rule) => used.has(rule.meta.id)).map((rule) => ({ id: rule.meta.id, title: rule.meta.title }));
  const ruleIndex = new Map(rules.map((rule, i) => [rule.id, i]));
  const rows: MatrixRow[] = facts.facilities
    .filter((facility) => byFacility.has(facility.facility_id) && matches(facility, filter))
    .map((facility) => {
      const findings = byFacility.get(facility.facility_id)!;
      const cells: (Status | null)[] = rules.map(() => null);
      const waivers: (WaiverNote | null)[] = rules.map(() => null);
      let decided = 0;
      let passed = 0;
      let relativeShortfall = 0;
      let failures = 0;
      for (const finding of findings) {
        cells[ruleIndex.get(finding.rule)!] = finding.status;
        waivers[ruleIndex.get(finding.rule)!] = noteFor(finding, options.waivers);
        if (finding.status === 'pass' || finding.status === 'warn' || finding.status === 'fail') decided += 1;
        if (finding.status === 'pass') passed += 1;
        if (finding.status === 'fail') failures += 1;
        if (finding.shortfall !== null && finding.required) relativeShortfall += finding.shortfall / finding.required;
      }
      const { facility_id, name, jurisdiction, facility_type, ownership, star_rating } = facility;
      return {
        rank: 0,
        facility: { facility_id, name, jurisdiction, facility_type, ownership, star_rating },
        cells,
        waivers,
        passRate: decided ? passed / decided : null,
        relativeShortfall,
        failures,
        waivedFailures: waivedCounts(waivers.filter((note): note is WaiverNote => note !== null)).fail ?? 0,
      };
    });
  rows.sort(compareRows(options.sort ?? 'passRate', ruleIndex));
  rows.forEach((row, i) => (row.rank = i + 1));
  return { rules, rows };
}
