// Numbered SQL migrations (migrations/sqlite/NNN_name.sql), each applied in one BEGIN IMMEDIATE
// transaction and recorded in PRAGMA user_version. A database from a newer version of the tool
// is refused, never modified.
import type { Database } from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectPath } from '../../checks/paths.js';
import { StoreError } from './types.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const SQLITE_MIGRATIONS_DIR = projectPath('server/store/migrations/sqlite');

export function loadMigrations(dir: string = SQLITE_MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .filter((name) => /^\d{3}_.+\.sql$/.test(name))
    .sort()
    .map((name) => ({ version: Number(name.slice(0, 3)), name, sql: readFileSync(join(dir, name), 'utf8') }));
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) throw new Error(`migration ${migration.name} is out of sequence`);
  });
  return migrations;
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Throws, touching nothing, when the database was written by a newer eldercare-audit. */
export function assertNotNewer(db: Database, migrations: Migration[] = loadMigrations()): void {
  const current = schemaVersion(db);
  if (current > migrations.length) {
    throw new StoreError(
      `数据库版本 ${current} 高于本程序支持的版本 ${migrations.length}，请升级 eldercare-audit；数据库未被修改。 / ` +
        `The database is at schema version ${current}, newer than this eldercare-audit supports (${migrations.length}); upgrade the tool. The database was not modified.`,
    );
  }
}

/** Brings the database up to `target` (default: the newest migration). */
export function migrateSqlite(db: Database, migrations: Migration[] = loadMigrations(), target = migrations.length): void {
  assertNotNewer(db, migrations);
  for (const migration of migrations.slice(schemaVersion(db), target)) {
    const apply = db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    });
    apply.immediate();
  }
}
