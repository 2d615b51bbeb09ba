// Where a report's findings come from, a page at a time: the store (a county's audit, read in
// pages of rows, never whole) or a result already in memory (an unstored check, a facility's
// part of an audit). The report only walks pages, so its memory does not follow the audit's size.
import type { Finding } from '../../checks/finding.js';
import { forFacility } from '../audit/presentation.js';
import type { AuditResult } from '../audit/result.js';
import type { FindingsPageQuery } from '../store/findings-pages.js';
import type { AuditScope, AuditStore } from '../store/types.js';

export interface ReportSource {
  /** The audit without its findings (`findings` is empty); `summary` counts the whole audit's. */
  readonly head: AuditResult;
  /**
   * The findings (a facility report's: that facility's only), page by page: `stored` in stored
   * order, `issues` the failures and warnings most serious first (findings-pages.ts).
   */
  pages(order: FindingsPageQuery['order']): AsyncIterable<readonly Finding[]>;
}

/** Rows per page: large enough that a county is some 40 queries, small enough to be nothing in memory. */
export const FINDINGS_PER_PAGE = 500;

/** The audit `auditId` of `store`, read a page at a time; with `scope`, one facility's findings. */
export function storeSource(store: Pick<AuditStore, 'findingsPage'>, auditId: string, head: AuditResult, scope?: AuditScope): ReportSource {
  return {
    head: { ...head, findings: [] },
    async *pages(order) {
      for (let after = -1, skipped = 0; ; ) {
        const page = await store.findingsPage(auditId, { order, after: order === 'stored' ? after : skipped, limit: FINDINGS_PER_PAGE, ...(scope ? { scope } : {}) });
        if (page.length === 0) return;
        yield page.map((row) => row.finding);
        after = page.at(-1)!.position;
        skipped += page.length;
        if (page.length < FINDINGS_PER_PAGE) return;
      }
    },
  };
}

/** How far a finding falls short, relative to its requirement: the order of the issues table. */
function relativeShortfall(finding: Finding): number {
  if (finding.shortfall === null || !finding.required) return 0;
  return finding.shortfall / finding.required;
}

const SERIOUSNESS: Partial<Record<Finding['status'], number>> = { fail: 0, warn: 1 };

/** A result in memory (with `facility`, cut to that facility: unknown ids throw), as one page. */
export function resultSource(result: AuditResult, facility?: string): ReportSource {
  const findings = facility === undefined ? result.findings : forFacility(result, facility).findings;
  return {
    head: { ...result, findings: [] },
    async *pages(order) {
      if (order === 'stored') yield findings;
      else
        yield findings
          .filter((f) => f.status === 'fail' || f.status === 'warn')
          .sort((a, b) => SERIOUSNESS[a.status]! - SERIOUSNESS[b.status]! || relativeShortfall(b) - relativeShortfall(a));
    },
  };
}
