// Numbered SQL migrations for PostgreSQL (migrations/postgres/NNN_name.sql, the same numbering
// as SQLite's), each applied in its own transaction. Several app instances may start at once:
// a session-level advisory lock makes exactly one of them migrate while the others wait, then
// find nothing left to do. A database from a newer version of the tool is refused, untouched.
import type { Pool, PoolClient } from 'pg';
import { projectPath } from '../../checks/paths.js';
import { loadMigrations, type Migration } from './migrate-sqlite.js';
import { StoreError } from './types.js';

export const POSTGRES_MIGRATIONS_DIR = projectPath('server/store/migrations/postgres');

/** An arbitrary constant that names eldercare-audit's migration lock among advisory locks. */
const MIGRATION_LOCK = 7_340_021_611;

const VERSION_TABLE = `CREATE TABLE IF NOT EXISTS eldercare_schema (version INTEGER NOT NULL);
  INSERT INTO eldercare_schema (version) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM eldercare_schema)`;

export async function postgresSchemaVersion(client: Pick<PoolClient, 'query'>): Promise<number> {
  const exists = await client.query<{ present: boolean }>(`SELECT to_regclass('eldercare_schema') IS NOT NULL AS present`);
  if (!exists.rows[0]?.present) return 0;
  const row = await client.query<{ version: number }>('SELECT version FROM eldercare_schema');
  return row.rows[0]?.version ?? 0;
}

function refuseNewer(current: number, known: number): void {
  if (current > known) {
    throw new StoreError(
      `数据库版本 ${current} 高于本程序支持的版本 ${known}，请升级 eldercare-audit；数据库未被修改。 / ` +
        `The database is at schema version ${current}, newer than this eldercare-audit supports (${known}); upgrade the tool. The database was not modified.`,
    );
  }
}

export async function migratePostgres(pool: Pool, migrations: Migration[] = loadMigrations(POSTGRES_MIGRATIONS_DIR)): Promise<number> {
  const client = await pool.connect();
  try {
    // Refuse a newer database before taking the lock or creating anything.
    refuseNewer(await postgresSchemaVersion(client), migrations.length);
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query(VERSION_TABLE);
      const current = await postgresSchemaVersion(client);
      refuseNewer(current, migrations.length);
      for (const migration of migrations.slice(current)) {
        await client.query('BEGIN');
        try {
          await client.query(migration.sql);
          await client.query('UPDATE eldercare_schema SET version = $1', [migration.version]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw new StoreError(`migration ${migration.name} failed: ${(error as Error).message}`);
        }
      }
      return migrations.length;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}
