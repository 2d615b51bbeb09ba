// Databases held at an older schema, on either engine, and SQL written once with `?`
// placeholders run on them: the migration tests store audits as an earlier version of the tool
// did, then let today's store migrate them.
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { PostgresServer } from '../../bench/postgres-server.js';
import { loadMigrations, migrateSqlite } from '../../server/store/migrate-sqlite.js';
import { migratePostgres, POSTGRES_MIGRATIONS_DIR } from '../../server/store/migrate-postgres.js';
import { eachFactRow, FINDING_COLUMNS, findingRow } from '../../server/store/rows.js';
import { eachRoster } from '../../server/store/rosters.js';
import type { NewAudit } from '../../server/store/types.js';

export type Exec = (sql: string, params: unknown[]) => Promise<unknown[]>;

/** Rows for a query, none for a statement. */
export function sqliteExec(db: Database.Database): Exec {
  return async (sql, params) => {
    const statement = db.prepare(sql);
    return statement.reader ? statement.all(...params) : (statement.run(...params), []);
  };
}

/** The same on PostgreSQL, each `?` made the next `$n`. */
export function postgresExec(pool: pg.Pool): Exec {
  return async (sql, params) => {
    let n = 0;
    return (await pool.query(sql.replace(/\?/g, () => `$${++n}`), params)).rows;
  };
}

/** A new SQLite file in a temporary folder, migrated up to `version` and no further. */
export function sqliteAtSchema(version: number): { path: string; db: Database.Database; exec: Exec } {
  const path = join(mkdtempSync(join(tmpdir(), `eldercare-at${version}-`)), `at${version}.db`);
  const db = new Database(path);
  migrateSqlite(db, loadMigrations(), version);
  return { path, db, exec: sqliteExec(db) };
}

/** Runs `body` on a new database of `server` migrated up to `version`, then closes its pool. */
export async function onPostgresAtSchema(server: PostgresServer, version: number, body: (url: string, exec: Exec) => Promise<void>): Promise<void> {
  const url = await server.createDatabase();
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    await migratePostgres(pool, loadMigrations(POSTGRES_MIGRATIONS_DIR).slice(0, version));
    await body(url, postgresExec(pool));
  } finally {
    await pool.end();
  }
}

/**
 * An audit's rulebooks, facts, rosters and findings as the tool stored them at schemas 4 and 5
 * (each finding with its own copy of its source); its uploads and `audits` row are the caller's,
 * since migration 005 changed those.
 */
export async function storeAuditRowsBefore006(exec: Exec, audit: NewAudit, id: string): Promise<void> {
  for (const [position, book] of audit.result.rulebooks.entries()) {
    await exec('INSERT INTO audit_rulebooks (audit_id, position, rulebook, version, status, title_zh, title_en, file_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
      id, position, book.id, book.version, book.status, book.title.zh, book.title.en, 'hash',
    ]);
  }
  for (const fact of eachFactRow(audit.facts)) {
    await exec('INSERT INTO facts (audit_id, sheet, position, subject_id, facility_id, jurisdiction, data) VALUES (?, ?, ?, ?, ?, ?, ?)', [
      id, fact.sheet, fact.position, fact.subject_id, fact.facility_id, fact.jurisdiction, fact.data,
    ]);
  }
  for (const roster of eachRoster(audit.facts.staff)) {
    await exec('INSERT INTO staff_rosters (audit_id, facility_id, staff_count, data) VALUES (?, ?, ?, ?)', [id, roster.facilityId, roster.staffCount, roster.data]);
  }
  for (const [position, finding] of audit.result.findings.entries()) {
    const f = findingRow(finding);
    await exec(`INSERT INTO findings (audit_id, position, ${FINDING_COLUMNS.join(', ')}) VALUES (?, ?, ${FINDING_COLUMNS.map(() => '?').join(', ')})`, [
      id, position, ...FINDING_COLUMNS.map((c) => f[c]),
    ]);
  }
}
