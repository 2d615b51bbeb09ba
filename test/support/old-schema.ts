// SQL written once with `?` placeholders and run on a database held at an older schema, on
// either engine: the migration tests store audits as an earlier version of the tool did.
import type Database from 'better-sqlite3';
import type pg from 'pg';

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
