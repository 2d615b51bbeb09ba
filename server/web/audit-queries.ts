// The reads the pages and the API share, each already cut to what the user may see.
import type { Finding } from '../../checks/finding.js';
import { countStatuses, type AuditResult, type StatusCounts } from '../audit/result.js';
import type { AuditListItem, AuditStore, StoredAudit } from '../store/types.js';
import type { User } from '../store/users-types.js';
import { notFound } from './context.js';
import { pageOf, type Page } from './paging.js';
import type { FacilityRef } from '../store/users-types.js';
import { canSeeFacility, facilityScope, SCOPED_WORKBOOK, visibleListItem, visibleResult } from './visibility.js';

export interface VisibleAudit {
  stored: StoredAudit;
  /** The result as this user may see it. */
  result: AuditResult;
}

/**
 * The stored audit as far as `user` may read it: whole for everyone but a facility manager, whose
 * facilities are read one by one (tens of rows, not a county's findings); with `facility`, that
 * facility's findings only.
 */
async function readFor(store: AuditStore, user: User, auditId: string, facility?: string): Promise<StoredAudit | null> {
  const scope = facilityScope(user);
  if (scope === null) return store.getAudit(auditId, facility === undefined ? undefined : { facility });
  const wanted = facility === undefined ? scope : scope.filter((f) => f.id === facility);
  const parts = await Promise.all(wanted.map((f) => store.getAudit(auditId, { facility: f.id, jurisdiction: f.jurisdiction })));
  const first = parts.find((part): part is StoredAudit => part !== null);
  return first ? { ...first, result: { ...first.result, findings: parts.flatMap((part) => part?.result.findings ?? []) } } : null;
}

/** An audit as `user` may see it; with `facility`, only that facility's findings are read. */
export async function loadVisibleAudit(store: AuditStore, user: User, auditId: string, facility?: string): Promise<VisibleAudit> {
  const stored = await readFor(store, user, auditId, facility);
  const result = stored && visibleResult(stored.result, user);
  if (!stored || !result) throw notFound();
  return { stored, result };
}

export interface AuditSearch {
  /** Part of a file name, audit id or uploader's name (a facility manager: of an audit id). */
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

const newestFirst = (a: AuditListItem, b: AuditListItem) =>
  a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : b.auditId.localeCompare(a.auditId);

async function candidates(store: AuditStore, user: User, search: AuditSearch): Promise<AuditListItem[]> {
  const base = { limit: SCAN_LIMIT };
  const scope = facilityScope(user);
  if (scope === null) {
    return store.listAudits({ ...base, ...(search.jurisdiction ? { jurisdiction: search.jurisdiction } : {}), ...(search.facility ? { facility: search.facility } : {}) });
  }
  const wanted = scope.filter(
    (f) => (search.facility === undefined || f.id === search.facility) && (search.jurisdiction === undefined || f.jurisdiction === search.jurisdiction),
  );
  const byId = new Map<string, AuditListItem>();
  for (const f of wanted) for (const item of await store.listAudits({ ...base, facility: f.id, jurisdiction: f.jurisdiction })) byId.set(item.auditId, item);
  // Only audits that hold findings of theirs, with their counts: never the whole workbook's.
  const visible = await Promise.all(
    [...byId.values()].map(async (item) => {
      const stored = await readFor(store, user, item.auditId);
      const result = stored && visibleResult(stored.result, user);
      return result ? visibleListItem(item, result) : null;
    }),
  );
  return visible.filter((item): item is AuditListItem => item !== null).sort(newestFirst);
}

export async function searchAudits(store: AuditStore, user: User, search: AuditSearch): Promise<AuditPage> {
  const needle = search.q?.trim().toLowerCase() ?? '';
  // A manager's list has no file names; searching them would tell what it hides.
  const searched = (item: AuditListItem) => (facilityScope(user) === null ? [item.fileName, item.auditId, item.uploadedBy] : [item.auditId]);
  const matching = (await candidates(store, user, search)).filter(
    (item) => needle === '' || searched(item).some((text) => text.toLowerCase().includes(needle)),
  );
  return pageOf(matching, search.page, search.pageSize);
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

function facilityFindings(result: AuditResult, facility: FacilityRef): Finding[] {
  return result.findings.filter((f) => f.subject.kind === 'facility' && f.subject.id === facility.id && f.subject.jurisdiction === facility.jurisdiction);
}

/** A facility's page: keyed on (jurisdiction, id), so another county's home of the same number is another page. */
export async function facilityOverview(store: AuditStore, user: User, facility: FacilityRef): Promise<FacilityOverview> {
  if (!canSeeFacility(user, facility)) throw notFound();
  const scope = { facility: facility.id, jurisdiction: facility.jurisdiction };
  const items = await store.listAudits({ ...scope, limit: HISTORY_LIMIT });
  const audits = (await Promise.all(items.map((item) => store.getAudit(item.auditId, scope)))).filter((a): a is StoredAudit => a !== null);
  const withFindings = audits
    .map((stored) => ({ stored, findings: facilityFindings(stored.result, facility) }))
    .filter((entry) => entry.findings.length > 0);
  const newest = withFindings[0];
  if (!newest) throw notFound();
  const subject = newest.findings[0]!.subject;
  const scoped = facilityScope(user) !== null;
  const latestResult: AuditResult = {
    ...newest.stored.result,
    ...(scoped ? { workbook: SCOPED_WORKBOOK } : {}),
    findings: newest.findings,
    summary: countStatuses(newest.findings),
    warnings: [],
  };
  return {
    id: facility.id,
    name: subject.name,
    jurisdiction: subject.jurisdiction,
    latest: { stored: newest.stored, result: latestResult },
    history: withFindings.map(({ stored, findings }) => ({
      auditId: stored.auditId,
      createdAt: stored.createdAt,
      asOf: stored.result.asOf,
      fileName: scoped ? '' : stored.result.workbook.file,
      summary: countStatuses(findings),
    })),
    historyFindings: withFindings.map(({ findings }) => findings),
  };
}
