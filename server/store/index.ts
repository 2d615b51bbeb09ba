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

export type { AuditStore } from './types.js';
