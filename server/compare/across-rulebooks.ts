// A stored audit's facts re-evaluated under another jurisdiction's rulebook, beside the
// findings it was audited with ("this district's areas under Jiaxiang's 200 m² single-site
// rule"). Facts come from the store, never from Excel. A rule one side does not list is "not in
// this rulebook" (null), never a pass.
import type { WorkbookFacts } from '../../checks/facts.js';
import type { Finding } from '../../checks/finding.js';
import { evaluateWorkbook } from '../../checks/engine.js';
import { RULES } from '../../checks/registry.js';
import type { LoadedRulebook } from '../../checks/rulebook.js';
import type { Bilingual } from '../../checks/types.js';
import type { AuditResult } from '../audit/result.js';
import { noteFor, type WaiverNote, type WaiversOn } from '../rectify/waivers.js';

export interface AcrossRow {
  rule: string;
  title: Bilingual;
  subject: Finding['subject'];
  /** The finding as audited; null: not in the audit's rulebook. */
  audited: Finding | null;
  /** The finding under the other rulebook; null: not in that rulebook. */
  other: Finding | null;
  /** The waiver of this rule and subject beside the audited finding (else the other), judged on the comparison's day; null: none. */
  waiver: WaiverNote | null;
}

export interface AcrossRulebooks {
  rulebook: { id: string; version: string; names: Bilingual };
  asOf: string;
  rows: AcrossRow[];
}

export function acrossRulebooks(
  result: AuditResult,
  facts: WorkbookFacts,
  rulebooks: readonly LoadedRulebook[],
  target: string,
  options: { asOf?: string; facility?: string; waivers?: WaiversOn } = {},
): AcrossRulebooks {
  const book = rulebooks.find((b) => b.id === target);
  if (!book) throw new RangeError(`unknown rulebook "${target}" / 未知规则集“${target}”`);
  const asOf = options.asOf ?? result.asOf;
  const inScope = (f: Finding) => options.facility === undefined || (f.subject.kind === 'facility' && f.subject.id === options.facility);
  // Each jurisdiction on the date the audit judged it on, unless the caller names one for all.
  const byJurisdiction = options.asOf === undefined ? result.asOfByJurisdiction : undefined;
  const other = evaluateWorkbook(facts, rulebooks, { asOf, rulebook: target, ...(byJurisdiction ? { asOfByJurisdiction: byJurisdiction } : {}) }).filter(inScope);
  const audited = result.findings.filter(inScope);
  const key = (f: Pick<Finding, 'rule' | 'subject'>) => `${f.subject.kind}\u0000${f.subject.id}\u0000${f.rule}`;
  const auditedByKey = new Map(audited.map((f) => [key(f), f]));
  const otherByKey = new Map(other.map((f) => [key(f), f]));
  const order = new Map(RULES.map((rule, i) => [rule.meta.id, i]));
  // Each subject with the rules either side found for it, in one pass over both.
  const subjects = new Map<string, { subject: Finding['subject']; rules: Set<string> }>();
  for (const f of [...audited, ...other]) {
    const id = `${f.subject.kind}\u0000${f.subject.id}`;
    const entry = subjects.get(id) ?? subjects.set(id, { subject: f.subject, rules: new Set() }).get(id)!;
    entry.rules.add(f.rule);
  }
  const rows: AcrossRow[] = [];
  for (const { subject, rules } of subjects.values()) {
    for (const rule of [...rules].sort((a, b) => order.get(a)! - order.get(b)!)) {
      const pair = { rule, subject };
      const [auditedFinding, otherFinding] = [auditedByKey.get(key(pair)) ?? null, otherByKey.get(key(pair)) ?? null];
      rows.push({
        rule,
        title: RULES[order.get(rule)!]!.meta.title,
        subject,
        audited: auditedFinding,
        other: otherFinding,
        waiver: noteFor(auditedFinding ?? otherFinding, options.waivers),
      });
    }
  }
  return { rulebook: { id: book.id, version: book.version, names: book.names }, asOf, rows };
}
