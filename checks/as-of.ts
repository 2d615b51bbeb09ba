// The as-of date of each jurisdiction (the catalogue's Conventions): the caller's date; else
// the `统计日期` of that jurisdiction's own region row; else the latest date in the workbook;
// else today. A Yaohai row dated 2024-06-30 is never judged on a Jiaxiang row's 2026-06-30.
import type { WorkbookFacts } from './facts.js';

export interface AsOfDates {
  /** The audit's date where no jurisdiction names its own: the caller's, the latest, or today. */
  asOf: string;
  /** Every jurisdiction of the workbook with the date its subjects are judged on. */
  byJurisdiction: Record<string, string>;
  /** Whether the region rows carry different dates (the result warns about it). */
  mixed: boolean;
}

export function asOfDates(facts: WorkbookFacts, caller: string | undefined, today: () => string): AsOfDates {
  const own = new Map<string, string>();
  for (const region of facts.regions) if (region.as_of !== null) own.set(region.jurisdiction, region.as_of);
  const dates = [...own.values()].sort();
  const asOf = caller ?? dates.at(-1) ?? today();
  const byJurisdiction: Record<string, string> = {};
  for (const list of [facts.regions, facts.facilities, facts.areas]) {
    for (const item of list) byJurisdiction[item.jurisdiction] = caller ?? own.get(item.jurisdiction) ?? asOf;
  }
  return { asOf, byJurisdiction, mixed: caller === undefined && new Set(dates).size > 1 };
}
