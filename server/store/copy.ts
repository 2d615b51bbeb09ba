// Moves an existing deployment from its SQLite file to an empty PostgreSQL database: every
// table, original bytes included, in one transaction, then verified (row counts, and the
// sha256 of every original recomputed from the copied bytes). Refuses a non-empty target.
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { PostgresStore } from './postgres.js';
import { SqliteStore } from './sqlite.js';
import { StoreError } from './types.js';

/** Every table, parents before children; audits in insertion order, so a re-run follows its original. */
export const TABLES = ['uploads', 'audits', 'audit_files', 'audit_rulebooks', 'facts', 'staff_rosters', 'finding_sources', 'findings', 'users', 'user_facilities', 'sessions', 'api_tokens', 'notices', 'notice_items', 'waivers', 'evidence_files', 'rectification_events'] as const;

/** Tables whose id PostgreSQL generates: copied ids need OVERRIDING SYSTEM VALUE and a moved sequence. */
const IDENTITY_TABLES = new Set(['uploads', 'users', 'api_tokens', 'rectification_events']);

const BATCH = 500;

export interface CopyReport {
  tables: Record<(typeof TABLES)[number], number>;
  originalsVerified: number;
}

async function insertBatch(client: pg.PoolClient, table: string, rows: Record<string, unknown>[]): Promise<void> {
  const columns = Object.keys(rows[0]!);
  const values: unknown[] = [];
  const tuples = rows.map((row) => `(${columns.map((column) => `$${values.push(row[column])}`).join(', ')})`);
  const overriding = IDENTITY_TABLES.has(table) ? ' OVERRIDING SYSTEM VALUE' : '';
  await client.query(`INSERT INTO ${table} (${columns.join(', ')})${overriding} VALUES ${tuples.join(', ')}`, values);
}

async function countRows(client: pg.PoolClient, table: string): Promise<number> {
  return (await client.query<{ n: number }>(`SELECT CAST(count(*) AS INTEGER) AS n FROM ${table}`)).rows[0]!.n;
}

export async function copySqliteToPostgres(from: SqliteStore, to: PostgresStore): Promise<CopyReport> {
  await to.ready;
  const source = from.database;
  const client = await to.pool.connect();
  try {
    for (const table of TABLES) {
      if ((await countRows(client, table)) > 0) throw new StoreError(`目标数据库非空（${table} 已有数据），拒绝复制 / the target database is not empty (${table} has rows); nothing was copied`);
    }
    const tables = {} as CopyReport['tables'];
    await client.query('BEGIN');
    try {
      for (const table of TABLES) {
        let batch: Record<string, unknown>[] = [];
        let copied = 0;
        for (const row of source.prepare(`SELECT * FROM ${table} ORDER BY rowid`).iterate() as Iterable<Record<string, unknown>>) {
          batch.push(row);
          if (batch.length === BATCH) {
            await insertBatch(client, table, batch);
            copied += batch.length;
            batch = [];
          }
        }
        if (batch.length) await insertBatch(client, table, batch);
        tables[table] = copied + batch.length;
        if (IDENTITY_TABLES.has(table) && tables[table] > 0) {
          await client.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT max(id) FROM ${table}))`);
        }
      }
      // Verify inside the transaction: a mismatch rolls the whole copy back.
      for (const table of TABLES) {
        const copied = await countRows(client, table);
        const expected = (source.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
        if (copied !== expected) throw new StoreError(`${table}: ${expected} rows in the source, ${copied} copied`);
      }
      const originals = await client.query<{ sha256: string; bytes: Buffer }>('SELECT sha256, bytes FROM uploads');
      for (const { sha256, bytes } of originals.rows) {
        if (createHash('sha256').update(bytes).digest('hex') !== sha256) throw new StoreError(`the original ${sha256} did not survive the copy`);
      }
      await client.query('COMMIT');
      return { tables, originalsVerified: originals.rows.length };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  } finally {
    client.release();
  }
}
