// The user store that lives in the same database as an audit store, whichever its engine.
import { PostgresStore } from './postgres.js';
import { SqliteStore } from './sqlite.js';
import { StoreError, type AuditStore } from './types.js';
import { PostgresUserStore } from './users-postgres.js';
import { SqliteUserStore } from './users-sqlite.js';
import type { UserStore } from './users-types.js';

export function userStoreFor(store: AuditStore): UserStore {
  if (store instanceof SqliteStore) return new SqliteUserStore(store);
  if (store instanceof PostgresStore) return new PostgresUserStore(store);
  throw new StoreError(`the ${store.engine} engine has no user store`);
}
