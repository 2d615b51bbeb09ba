// Two to six facilities side by side, from one audit or several: one row per rule, one column
// per facility. A rule the facility's rulebook does not list is "not in this rulebook", never a
// pass; a row whose cells all agree can be hidden ("same as the others").
import type { Finding } from '../../checks/finding.js';
import { RULES } from '../../checks/registry.js';
import type { Bilingual } from '../../checks/types.js';
import { UnknownFacilityError } from '../audit/presentation.js';
import type { AuditResult } from '../audit/result.js';
import { noteFor, type WaiverNote, type WaiversOn } from '../rectify/waivers.js';

export interface FacilityPick {
  auditId: string;
  result: AuditResult;
  facilityId: string;
}

export interface SideColumn {
  auditId: string;
  asOf: string;
  facilityId: string;
  name: string;
  jurisdiction: string;
  rulebooks: string[];
}

/** The finding of a column's facility for a row's rule, or null: not in that rulebook. */
export type SideCell = Finding | null;

export interface SideRow {
  rule: string;
  title: Bilingual;
  cells: SideCell[];
  /** The waiver beside each cell (null: none), judged on the comparison's day; statuses stay as stored. */
  waivers: (WaiverNote | null)[];
  /** Every cell has the same status and figures. */
  same: boolean;
}

export interface SideBySide {
  columns: SideColumn[];
  rows: SideRow[];
}

export const MIN_FACILITIES = 2;
export const MAX_FACILITIES = 6;

function sameCell(a: SideCell, b: SideCell): boolean {
  if (a === null || b === null) return a === b;
  return a.status === b.status && a.measured === b.measured && a.required === b.required;
}

export function sideBySide(picks: readonly FacilityPick[], options: { onlyDifferent?: boolean; waivers?: WaiversOn } = {}): SideBySide {
  if (picks.length < MIN_FACILITIES || picks.length > MAX_FACILITIES) {
    throw new RangeError(`pick ${MIN_FACILITIES} to ${MAX_FACILITIES} facilities (got ${picks.length}) / 请选择 ${MIN_FACILITIES}–${MAX_FACILITIES} 家机构`);
  }
  const perColumn = picks.map((pick) => {
    const findings = pick.result.findings.filter((f) => f.subject.kind === 'facility' && f.subject.id === pick.facilityId);
    if (findings.length === 0) throw new UnknownFacilityError(pick.facilityId);
    return findings;
  });
  const columns = picks.map((pick, i) => ({
    auditId: pick.auditId,
    asOf: pick.result.asOf,
    facilityId: pick.facilityId,
    name: perColumn[i]![0]!.subject.name,
    jurisdiction: perColumn[i]![0]!.subject.jurisdiction,
    rulebooks: [...new Set(perColumn[i]!.map((f) => f.rulebook))],
  }));
  const used = new Set(perColumn.flat().map((f) => f.rule));
  const rows = RULES.filter((rule) => used.has(rule.meta.id)).map((rule) => {
    const cells = perColumn.map((findings) => findings.find((f) => f.rule === rule.meta.id) ?? null);
    return { rule: rule.meta.id, title: rule.meta.title, cells, waivers: cells.map((cell) => noteFor(cell, options.waivers)), same: cells.every((cell) => sameCell(cell, cells[0]!)) };
  });
  return { columns, rows: options.onlyDifferent ? rows.filter((row) => !row.same) : rows };
}
