// `eldercare-audit db copy --from <sqlite file> --to <postgres url>`: moves a deployment to
// PostgreSQL, verified, in one transaction.
import { existsSync } from 'node:fs';
import { copySqliteToPostgres, TABLES } from '../store/copy.js';
import { isPostgresUrl, PostgresStore } from '../store/postgres.js';
import { SqliteStore } from '../store/sqlite.js';
import { parse, UsageError } from './args.js';
import type { Command } from './main.js';

export const dbCommand: Command = {
  usage: 'db copy --from SQLITE_FILE --to postgres://…',
  summary: { zh: '把 SQLite 数据库整体复制到空的 PostgreSQL 数据库并核验', en: 'copy a SQLite database into an empty PostgreSQL database, verified' },
  async run(args) {
    const { values, positionals } = parse(args, { from: { type: 'string' }, to: { type: 'string' } }, { min: 1, max: 1 });
    if (positionals[0] !== 'copy') throw new UsageError('expected `db copy --from <file> --to <url>`');
    if (!values.from || !existsSync(values.from)) throw new UsageError(`--from must name an existing SQLite file${values.from ? `: ${values.from}` : ''}`);
    if (!values.to || !isPostgresUrl(values.to)) throw new UsageError('--to must be a postgres:// or postgresql:// URL');
    const from = new SqliteStore(values.from);
    const to = new PostgresStore(values.to);
    try {
      const report = await copySqliteToPostgres(from, to);
      for (const table of TABLES) process.stdout.write(`${table.padEnd(16)} ${report.tables[table]}\n`);
      process.stdout.write(`已核验 ${report.originalsVerified} 份原始文件的 sha256 / sha256 of ${report.originalsVerified} originals verified\n`);
      return 0;
    } finally {
      await from.close();
      await to.close();
    }
  },
};
