// The rectification record that lives in the same database as an audit store, whichever its engine.
import { PostgresStore } from './postgres.js';
import { PostgresRectificationStore } from './rectification-postgres.js';
import { SqliteRectificationStore } from './rectification-sqlite.js';
import type { RectificationStore } from './rectification-types.js';
import { SqliteStore } from './sqlite.js';
import { StoreError, type AuditStore } from './types.js';

export function rectificationStoreFor(store: AuditStore): RectificationStore {
  if (store instanceof SqliteStore) return new SqliteRectificationStore(store.database);
  if (store instanceof PostgresStore) return new PostgresRectificationStore(store);
  throw new StoreError(`the ${store.engine} engine has no rectification record`);
}
