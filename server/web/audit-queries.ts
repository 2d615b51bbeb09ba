// The reads the pages and the API share, each already cut to what the user may see.
import type { Finding } from '../../checks/finding.js';
import { countStatuses, type AuditResult, type StatusCounts } from '../audit/result.js';
import type { AuditListItem, AuditStore, StoredAudit } from '../store/types.js';
import type { User } from '../store/users-types.js';
import { notFound } from './context.js';
import { pageOf, type Page } from './paging.js';
import { canSeeFacility, facilityScope, visibleResult } from './visibility.js';

export interface VisibleAudit {
  stored: StoredAudit;
  /** The result as this user may see it. */
  result: AuditResult;
}

/** An audit as `user` may see it; with `facility`, only that facility's findings are read. */
export async function loadVisibleAudit(store: AuditStore, user: User, auditId: string, facility?: string): Promise<VisibleAudit> {
  const stored = await store.getAudit(auditId, facility === undefined ? undefined : { facility });
  const result = stored && visibleResult(stored.result, user);
  if (!stored || !result) throw notFound();
  return { stored, result };
}

export interface AuditSearch {
  /** Part of a file name, audit id or uploader's name. */
  q?: string;
  jurisdiction?: string;
  facility?: string;
  page: number;
  pageSize: number;
}

export type AuditPage = Page<AuditListItem>;

// The store lists audits by facility and jurisdiction; text search and a manager's several
// facilities are applied here, over at most this many of the newest audits.
const SCAN_LIMIT = 10_000;

async function candidates(store: AuditStore, user: User, search: AuditSearch): Promise<AuditListItem[]> {
  const base = { limit: SCAN_LIMIT, ...(search.jurisdiction ? { jurisdiction: search.jurisdiction } : {}) };
  const scope = facilityScope(user);
  if (search.facility) {
    return canSeeFacility(user, search.facility) ? store.listAudits({ ...base, facility: search.facility }) : [];
  }
  if (scope === null) return store.listAudits(base);
  const byId = new Map<string, AuditListItem>();
  for (const facility of scope) for (const item of await store.listAudits({ ...base, facility })) byId.set(item.auditId, item);
  return [...byId.values()].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : b.auditId.localeCompare(a.auditId)));
}

/** A manager's counts are their facilities' only, never the whole workbook's. */
async function scopedCounts(store: AuditStore, user: User, item: AuditListItem): Promise<AuditListItem> {
  if (facilityScope(user) === null) return item;
  const stored = await store.getAudit(item.auditId);
  const result = stored && visibleResult(stored.result, user);
  return { ...item, summary: result ? result.summary : item.summary };
}

export async function searchAudits(store: AuditStore, user: User, search: AuditSearch): Promise<AuditPage> {
  const needle = search.q?.trim().toLowerCase() ?? '';
  const matching = (await candidates(store, user, search)).filter(
    (item) => needle === '' || [item.fileName, item.auditId, item.uploadedBy].some((text) => text.toLowerCase().includes(needle)),
  );
  const page = pageOf(matching, search.page, search.pageSize);
  return { ...page, items: await Promise.all(page.items.map((item) => scopedCounts(store, user, item))) };
}

export interface FacilityHistoryEntry {
  auditId: string;
  createdAt: string;
  asOf: string;
  fileName: string;
  summary: StatusCounts;
}

export interface FacilityOverview {
  id: string;
  name: string;
  jurisdiction: string;
  latest: VisibleAudit;
  /** Newest first. */
  history: FacilityHistoryEntry[];
  /** The facility's findings in each audit of the history, in the same order. */
  historyFindings: Finding[][];
}

const HISTORY_LIMIT = 24;

function facilityFindings(result: AuditResult, facilityId: string): Finding[] {
  return result.findings.filter((f) => f.subject.kind === 'facility' && f.subject.id === facilityId);
}

export async function facilityOverview(store: AuditStore, user: User, facilityId: string): Promise<FacilityOverview> {
  if (!canSeeFacility(user, facilityId)) throw notFound();
  const items = await store.listAudits({ facility: facilityId, limit: HISTORY_LIMIT });
  const audits = (await Promise.all(items.map((item) => store.getAudit(item.auditId, { facility: facilityId })))).filter(
    (a): a is StoredAudit => a !== null,
  );
  const withFindings = audits
    .map((stored) => ({ stored, findings: facilityFindings(stored.result, facilityId) }))
    .filter((entry) => entry.findings.length > 0);
  const newest = withFindings[0];
  if (!newest) throw notFound();
  const subject = newest.findings[0]!.subject;
  const latestResult: AuditResult = {
    ...newest.stored.result,
    findings: newest.findings,
    summary: countStatuses(newest.findings),
    warnings: [],
  };
  return {
    id: facilityId,
    name: subject.name,
    jurisdiction: subject.jurisdiction,
    latest: { stored: newest.stored, result: latestResult },
    history: withFindings.map(({ stored, findings }) => ({
      auditId: stored.auditId,
      createdAt: stored.createdAt,
      asOf: stored.result.asOf,
      fileName: stored.result.workbook.file,
      summary: countStatuses(findings),
    })),
    historyFindings: withFindings.map(({ findings }) => findings),
  };
}
