// Opens the store named by a location: a postgres:// or postgresql:// URL for PostgreSQL, any
// other string a file path for SQLite (the default).
import { projectPath } from '../../checks/paths.js';
import { DEFAULT_SQLITE_OPTIONS, SqliteStore, type SqliteOptions } from './sqlite.js';
import { isPostgresUrl, PostgresStore } from './postgres.js';
import type { AuditStore } from './types.js';

export const DEFAULT_DB_PATH = projectPath('data/eldercare-audit.db');

/** `--db`, else ELDERCARE_AUDIT_DB, else data/eldercare-audit.db under the project root. */
export function resolveDbLocation(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return option ?? env['ELDERCARE_AUDIT_DB'] ?? DEFAULT_DB_PATH;
}

/** `options.sqlite` applies to a file (a cap on its size, the free space /healthz wants). */
export function openStore(location: string, options: { sqlite?: Partial<SqliteOptions> } = {}): AuditStore {
  return isPostgresUrl(location) ? new PostgresStore(location) : new SqliteStore(location, { ...DEFAULT_SQLITE_OPTIONS, ...options.sqlite });
}

/** A store opened ahead of its first use (openStoreAhead). */
export interface PendingStore {
  /** The store, opened. */
  open(): Promise<AuditStore>;
  /** Closes it, if it was opened; one started ahead but never asked for closes in the background. */
  close(): Promise<void>;
}

/**
 * A store that will be needed once some long work (a check) is done: PostgreSQL connects, and
 * migrates a new database, in the background meanwhile (a new database's migrations are ≈0.5 s);
 * if that attempt failed it is made again when the store is asked for. A SQLite file is opened
 * only then, since opening it creates it (a rejected workbook leaves no file behind).
 */
export function openStoreAhead(location: string, options: { sqlite?: Partial<SqliteOptions> } = {}): PendingStore {
  let ahead: PostgresStore | null = isPostgresUrl(location) ? new PostgresStore(location) : null;
  let store: AuditStore | null = null;
  return {
    async open() {
      if (store) return store;
      if (ahead) {
        const started = ahead;
        ahead = null;
        try {
          await started.ready;
          return (store = started);
        } catch {
          await started.close();
        }
      }
      return (store = openStore(location, options));
    },
    async close() {
      // Not waited for: a rejected workbook's answer need not wait for a connection it never used.
      void ahead?.close().catch(() => undefined);
      ahead = null;
      await store?.close();
    },
  };
}

export type { AuditStore } from './types.js';
