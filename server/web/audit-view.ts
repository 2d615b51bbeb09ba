// The audit page's view model: the findings filter read from the query string, the options of
// its drop-downs, and the bars of the status chart.
import type { Finding } from '../../checks/finding.js';
import type { Lang } from '../../checks/format.js';
import { STATUSES, type Status } from '../../checks/types.js';
import { STATUS_ORDER } from '../audit/presentation.js';
import type { StatusCounts } from '../audit/result.js';

export interface FindingFilter {
  status?: Status;
  rule?: string;
  jurisdiction?: string;
  facility?: string;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Findings on one page of an audit: a county-scale audit's would make a page of megabytes. */
export const FINDINGS_PER_PAGE = 200;

export function readFilter(query: Record<string, unknown>): FindingFilter {
  const status = text(query['status']);
  return {
    ...((STATUSES as readonly string[]).includes(status ?? '') ? { status: status as Status } : {}),
    ...(text(query['rule']) ? { rule: text(query['rule'])! } : {}),
    ...(text(query['jurisdiction']) ? { jurisdiction: text(query['jurisdiction'])! } : {}),
    ...(text(query['facility']) ? { facility: text(query['facility'])! } : {}),
  };
}

/** The matching findings, most serious first (the audit's order within a status). */
export function applyFilter(findings: readonly Finding[], filter: FindingFilter): Finding[] {
  return findings
    .filter(
      (f) =>
        (!filter.status || f.status === filter.status) &&
        (!filter.rule || f.rule === filter.rule) &&
        (!filter.jurisdiction || f.subject.jurisdiction === filter.jurisdiction) &&
        (!filter.facility || (f.subject.kind === 'facility' && f.subject.id === filter.facility)),
    )
    .map((finding, index) => ({ finding, index }))
    .sort((a, b) => STATUS_ORDER.indexOf(a.finding.status) - STATUS_ORDER.indexOf(b.finding.status) || a.index - b.index)
    .map(({ finding }) => finding);
}

export interface FilterOptions {
  rules: { id: string; title: string }[];
  jurisdictions: string[];
  facilities: { id: string; name: string }[];
}

export function filterOptions(findings: readonly Finding[], lang: Lang): FilterOptions {
  const rules = new Map<string, string>();
  const jurisdictions = new Set<string>();
  const facilities = new Map<string, string>();
  for (const f of findings) {
    rules.set(f.rule, f.title[lang]);
    jurisdictions.add(f.subject.jurisdiction);
    if (f.subject.kind === 'facility') facilities.set(f.subject.id, f.subject.name);
  }
  return {
    rules: [...rules].map(([id, title]) => ({ id, title })).sort((a, b) => a.id.localeCompare(b.id)),
    jurisdictions: [...jurisdictions].sort(),
    facilities: [...facilities].map(([id, name]) => ({ id, name })).sort((a, b) => a.id.localeCompare(b.id)),
  };
}

export interface StatusBar {
  status: Status;
  count: number;
  /** Bar length in the chart's units (0–100), the largest count filling it. */
  length: number;
}

export function statusBars(summary: StatusCounts): StatusBar[] {
  const max = Math.max(1, ...STATUS_ORDER.map((s) => summary[s]));
  return STATUS_ORDER.map((status) => ({ status, count: summary[status], length: Math.round((summary[status] / max) * 100) }));
}
