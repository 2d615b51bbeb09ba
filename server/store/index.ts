// Opens the store named by a location: a file path for SQLite (the default). The PostgreSQL
// engine will be chosen here by a postgres:// URL.
import { projectPath } from '../../checks/paths.js';
import { SqliteStore } from './sqlite.js';
import { StoreError, type AuditStore } from './types.js';

export const DEFAULT_DB_PATH = projectPath('data/eldercare-audit.db');

/** `--db`, else ELDERCARE_AUDIT_DB, else data/eldercare-audit.db under the project root. */
export function resolveDbLocation(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return option ?? env['ELDERCARE_AUDIT_DB'] ?? DEFAULT_DB_PATH;
}

export function openStore(location: string): AuditStore {
  if (/^postgres(ql)?:\/\//.test(location)) {
    throw new StoreError('PostgreSQL is not supported by this version; use a SQLite file path');
  }
  return new SqliteStore(location);
}

export type { AuditStore } from './types.js';
