// The store: one interface, whose first engine is SQLite (better-sqlite3) and whose second will
// be PostgreSQL. No SQL lives outside an engine. Operations are async so that a networked
// engine fits the same interface.
import type { WorkbookFacts } from '../../checks/facts.js';
import type { LoadedRulebook } from '../../checks/rulebook.js';
import type { AuditResult, StatusCounts } from '../audit/result.js';
import type { FindingsPageQuery, PositionedFinding } from './findings-pages.js';

/** One file an audit read, as sent. */
export interface NewOriginal {
  name: string;
  bytes: Buffer;
}

export interface NewAudit {
  /** The file read; with `files`, the first of them. */
  bytes: Buffer;
  /** The audit's name for what it read (`result.workbook.file`). */
  fileName: string;
  /** Every file, in the order read, when the audit read several; each is kept byte for byte. */
  files?: readonly NewOriginal[];
  uploadedBy: string;
  /** The caller's rulebook selection (`--rulebook`), or null for each subject's own. */
  rulebookSelection: string | null;
  result: AuditResult;
  facts: WorkbookFacts;
  /** The loaded rulebooks, for the hash of each file the audit used. */
  rulebooks: readonly LoadedRulebook[];
  /** The audit this one re-runs. */
  rerunOf?: string;
  /** The id to store it under (newAuditId), when the caller names it before it is stored. */
  auditId?: string;
}

export interface AuditListItem {
  auditId: string;
  createdAt: string;
  asOf: string;
  fileName: string;
  uploadedBy: string;
  sha256: string;
  rulebooks: string[];
  rerunOf: string | null;
  summary: StatusCounts;
}

export interface AuditQuery {
  /** Audits holding this facility id; with `jurisdiction`, that facility of that jurisdiction. */
  facility?: string;
  /** Audits holding facts of this jurisdiction (with `facility`: the facility's jurisdiction). */
  jurisdiction?: string;
  limit?: number;
  offset?: number;
}

export interface StoredAudit {
  auditId: string;
  createdAt: string;
  uploadedBy: string;
  rulebookSelection: string | null;
  rerunOf: string | null;
  result: AuditResult;
}

/** One stored file of an audit: its name as sent, and what its bytes are. */
export interface OriginalInfo {
  /** Its place in the order read, from 0. */
  position: number;
  fileName: string;
  sha256: string;
  size: number;
  /** The media type its bytes were read as (server/workbook/sources/media-type.ts). */
  mediaType: string;
}

export interface Original extends OriginalInfo {
  bytes: Buffer;
}

/** One facility: its id is unique within an audit, and with `jurisdiction` across audits. */
export interface AuditScope {
  facility: string;
  jurisdiction?: string;
}

export interface StoreHealth {
  engine: string;
  schemaVersion: number;
  writable: boolean;
  /** Why a write would be refused (a full disk, a read-only database), when it would. */
  reason?: { zh: string; en: string };
}

/** Where another thread can open the same store, with the settings it was opened with. */
export interface StoreLocation {
  location: string;
  sqlite?: { maxPageCount?: number };
}

export interface AuditStore {
  readonly engine: string;
  /** How another thread opens this same store (to store an audit off the request thread); null for an in-memory database. */
  readonly shared: StoreLocation | null;
  /** Stores an upload (once per distinct bytes), its audit, facts and findings atomically. */
  saveAudit(audit: NewAudit): Promise<string>;
  /**
   * A stored audit; with `scope`, its result holds only that facility's findings (the rest of
   * the result is the audit's): a facility's page or report of a county-scale audit reads tens
   * of rows, not tens of thousands.
   */
  getAudit(auditId: string, scope?: AuditScope): Promise<StoredAudit | null>;
  /** A stored audit without its findings (`result.findings` is empty; `summary` counts them). */
  getAuditHead(auditId: string): Promise<StoredAudit | null>;
  /** One page of an audit's findings (findings-pages.ts): a county's report reads them page by page. */
  findingsPage(auditId: string, query: FindingsPageQuery): Promise<PositionedFinding[]>;
  getFacts(auditId: string): Promise<WorkbookFacts | null>;
  listAudits(query?: AuditQuery): Promise<AuditListItem[]>;
  /** A file the audit read, byte for byte: the first, or the one at `position`. */
  getOriginal(auditId: string, position?: number): Promise<Original | null>;
  /** Every file the audit read, in order, without their bytes; null when there is no such audit. */
  listOriginals(auditId: string): Promise<OriginalInfo[] | null>;
  /**
   * The engine and schema version, read from the database, and whether it takes a write (a
   * one-row probe, and for a file its disk's free space): throws when it is unreachable.
   */
  health(): Promise<StoreHealth>;
  /** An online, consistent copy of the whole store. */
  backup(destination: string): Promise<void>;
  close(): Promise<void>;
}

export class StoreError extends Error {
  constructor(
    message: string,
    /** The machine's reason when a write was refused (a full disk, a read-only file), for the user. */
    readonly reason?: { zh: string; en: string },
  ) {
    super(message);
    this.name = 'StoreError';
  }
}
