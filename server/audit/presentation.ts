// What every presentation of an audit shares (the CLI summary, the PDF reports, the web
// pages): the words for statuses and subject kinds, the order of seriousness, the grouping of
// findings by subject, and the cut of an audit down to one facility.
import type { Finding } from '../../checks/finding.js';
import type { Bilingual, Status, SubjectKind } from '../../checks/types.js';
import { countStatuses, type AuditResult } from './result.js';

export const STATUS_WORDS: Record<Status, Bilingual> = {
  fail: { zh: '不合格', en: 'FAIL' },
  warn: { zh: '预警', en: 'WARN' },
  insufficient_data: { zh: '数据不足', en: 'NO DATA' },
  pass: { zh: '合格', en: 'pass' },
  not_applicable: { zh: '不适用', en: 'n/a' },
};

/**
 * The audit's as-of date as a reader sees it: one date, or each jurisdiction's where they
 * differ (`anji 2026-09-30、yaohai 2024-06-30`), since each is judged on its own.
 */
export function asOfText(result: Pick<AuditResult, 'asOf' | 'asOfByJurisdiction'>, lang: 'zh' | 'en'): string {
  const dates = Object.entries(result.asOfByJurisdiction ?? {});
  if (new Set(dates.map(([, date]) => date)).size <= 1) return result.asOf;
  return dates.map(([jurisdiction, date]) => `${jurisdiction} ${date}`).join(lang === 'zh' ? '、' : ', ');
}

/** Most serious first. */
export const STATUS_ORDER: readonly Status[] = ['fail', 'warn', 'insufficient_data', 'pass', 'not_applicable'];

export const KIND_WORDS: Record<SubjectKind, Bilingual> = {
  region: { zh: '地区', en: 'Region' },
  facility: { zh: '机构', en: 'Facility' },
  area: { zh: '居住区', en: 'Residential area' },
};

export interface SubjectGroup {
  subject: Finding['subject'];
  /** Most serious first, then in rule order. */
  findings: Finding[];
  /** The index in STATUS_ORDER of the most serious finding. */
  severity: number;
}

export function bySeriousness(a: Finding, b: Finding): number {
  return STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status);
}

/** Findings grouped by subject, the groups in the order their subjects first appear. */
export function groupBySubject(findings: readonly Finding[]): SubjectGroup[] {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    const key = `${finding.subject.kind}\u0000${finding.subject.id}`;
    const group = groups.get(key);
    if (group) group.push(finding);
    else groups.set(key, [finding]);
  }
  return [...groups.values()].map((group) => {
    const sorted = [...group].sort(bySeriousness);
    return { subject: group[0]!.subject, findings: sorted, severity: STATUS_ORDER.indexOf(sorted[0]!.status) };
  });
}

export class UnknownFacilityError extends Error {
  constructor(readonly facilityId: string) {
    super(`审核中没有机构“${facilityId}” / no facility "${facilityId}" in this audit`);
    this.name = 'UnknownFacilityError';
  }
}

/** The audit cut down to one facility's findings, its counts recomputed; unknown ids throw. */
export function forFacility(result: AuditResult, facilityId: string): AuditResult {
  const findings = result.findings.filter((f) => f.subject.kind === 'facility' && f.subject.id === facilityId);
  if (findings.length === 0) throw new UnknownFacilityError(facilityId);
  const used = new Set(findings.map((f) => f.rulebook));
  return { ...result, findings, summary: countStatuses(findings), rulebooks: result.rulebooks.filter((b) => used.has(b.id)) };
}
