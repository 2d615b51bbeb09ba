// The rule engine: normalised facts + rulebooks → one finding for every pair (rule of the
// subject's rulebook, subject of that rule's kind). A plain function of its input.
import type { FacilityFacts, SiteFacts, StaffFacts, WorkbookFacts } from './facts.js';
import type { LoadedRulebook } from './rulebook.js';
import { ruleById } from './registry.js';
import { toFinding, type CellOf, type Finding } from './finding.js';
import type { Bilingual, Evaluation, Subject } from './types.js';
import { groupBy } from './group-by.js';

export type { Finding } from './finding.js';

export interface EvaluateOptions {
  /** The audit's as-of date, `YYYY-MM-DD`, for every subject whose jurisdiction has none below. */
  asOf: string;
  /** Each jurisdiction's own as-of date (checks/as-of.ts): a subject is judged on its own. */
  asOfByJurisdiction?: Record<string, string>;
  /** Check every subject against this rulebook instead of its own jurisdiction's. */
  rulebook?: string;
}

/** The subjects of a workbook, in sheet order: regions, then facilities, then areas. */
export function subjectsOf(facts: WorkbookFacts): Subject[] {
  const staffByFacility = groupBy(facts.staff, (member) => member.facility_id);
  const facilitiesByJurisdiction = groupBy(facts.facilities, (facility) => facility.jurisdiction);
  const sitesByArea = groupBy(facts.sites, (site) => site.area_id);
  // A loop, not flatMap: flatMap over a county's 5,000 facilities took ~50 ms.
  const staffOf = (facilities: FacilityFacts[]): StaffFacts[] => {
    const staff: StaffFacts[] = [];
    for (const facility of facilities) {
      const own = staffByFacility.get(facility.facility_id);
      if (own) for (const member of own) staff.push(member);
    }
    return staff;
  };
  const subjects: Subject[] = [];
  for (const region of facts.regions) {
    const facilities = facts.sheets.facilities ? (facilitiesByJurisdiction.get(region.jurisdiction) ?? []) : null;
    subjects.push({
      kind: 'region',
      region,
      facilities,
      staff: facts.sheets.staff && facilities ? staffOf(facilities) : null,
    });
  }
  for (const facility of facts.facilities) {
    subjects.push({
      kind: 'facility',
      facility,
      staff: facts.sheets.staff ? (staffByFacility.get(facility.facility_id) ?? []) : null,
    });
  }
  for (const area of facts.areas) {
    const sites: SiteFacts[] = sitesByArea.get(area.area_id) ?? [];
    subjects.push({ kind: 'area', area, sites });
  }
  return subjects;
}

function describeSubject(subject: Subject, books: Map<string, LoadedRulebook>): Finding['subject'] {
  switch (subject.kind) {
    case 'region': {
      const id = subject.region.jurisdiction;
      return { kind: 'region', id, name: books.get(id)?.names.zh ?? id, jurisdiction: id };
    }
    case 'facility':
      return {
        kind: 'facility',
        id: subject.facility.facility_id,
        name: subject.facility.name,
        jurisdiction: subject.facility.jurisdiction,
      };
    case 'area':
      return { kind: 'area', id: subject.area.area_id, name: subject.area.name, jurisdiction: subject.area.jurisdiction };
  }
}

const NOT_IN_FORCE = '\u0000notInForce';

/** `《…》自 2022-08-13 起施行，基准日 2022-01-01 早于施行日期`: why a rulebook does not apply yet. */
function notInForce(book: LoadedRulebook, asOf: string): Bilingual {
  return {
    zh: `《${book.document.title.zh}》自 ${book.inForce} 起施行，基准日 ${asOf} 早于施行日期，不适用`,
    en: `${book.document.title.en} is in force from ${book.inForce}; the as-of date ${asOf} is before it, so the rule does not apply`,
  };
}

/** Places a blank at its cell (`机构!H5`) where the reader recorded the sheet's columns. */
function cellsOf(facts: WorkbookFacts): CellOf {
  return (blank) => {
    const place = facts.places?.[blank.sheet];
    const column = place?.columns[blank.field];
    return place && column && blank.unlisted === undefined ? `${place.name}!${column}${blank.row}` : undefined;
  };
}

/** Evaluates every subject of the workbook against its rulebook. */
export function evaluateWorkbook(
  facts: WorkbookFacts,
  rulebooks: readonly LoadedRulebook[],
  options: EvaluateOptions,
): Finding[] {
  const books = new Map(rulebooks.map((book) => [book.id, book]));
  const forced = options.rulebook ? books.get(options.rulebook) : undefined;
  if (options.rulebook && !forced) throw new Error(`unknown rulebook "${options.rulebook}"`);
  const findings: Finding[] = [];
  const cellOf = cellsOf(facts);
  for (const subject of subjectsOf(facts)) {
    const described = describeSubject(subject, books);
    const book = forced ?? books.get(described.jurisdiction);
    if (!book) continue; // the reader only accepts jurisdictions that have a rulebook
    const asOf = options.asOfByJurisdiction?.[described.jurisdiction] ?? options.asOf;
    // Before its date in force a rulebook binds nobody: every rule says so, with the reason.
    const notYet = book.inForce !== null && asOf < book.inForce ? notInForce(book, asOf) : null;
    for (const entry of book.rules) {
      const rule = ruleById(entry.rule)!;
      if (rule.meta.subject !== subject.kind) continue;
      if (notYet) {
        const meta = { ...rule.meta, messages: { [NOT_IN_FORCE]: notYet } };
        findings.push(toFinding({ outcome: 'not_applicable', messageId: NOT_IN_FORCE }, meta, entry, book, described, asOf));
        continue;
      }
      const evaluation = (rule.evaluate as (s: Subject, p: unknown, c: { asOf: string }) => Evaluation)(
        subject,
        entry.params,
        { asOf },
      );
      findings.push(toFinding(evaluation, rule.meta, entry, book, described, asOf, cellOf));
    }
  }
  return findings;
}
