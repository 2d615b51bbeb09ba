// Migration 005 (every file of an audit kept) on both engines: a database at schema 4 holding
// audits, as the tool of that schema stored them, is migrated and still serves the same audits
// and the same original bytes, with the media type the bytes say; nothing stored is changed.
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectPath } from '../checks/paths.js';
import { startPostgres, type PostgresServer } from '../bench/postgres-server.js';
import { loadMigrations } from '../server/store/migrate-sqlite.js';
import { POSTGRES_MIGRATIONS_DIR } from '../server/store/migrate-postgres.js';
import { openStore } from '../server/store/index.js';
import { auditRow } from '../server/store/rows.js';
import type { NewAudit } from '../server/store/types.js';
import { mediaTypeOf } from '../server/workbook/sources/media-type.js';
import { auditOf, countyFacts } from './support/store-audits.js';
import { onPostgresAtSchema, sqliteAtSchema, storeAuditRowsBefore006, type Exec } from './support/old-schema.js';

/** Runs one statement with `?` placeholders. */

/** The originals a schema-4 database may hold: each format the reader took before 005. */
const ORIGINALS = [
  { name: 'tongxiang.xlsx', bytes: readFileSync(projectPath('samples/tongxiang.xlsx')) },
  { name: '桐乡.xls', bytes: Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(600, 1)]) },
  { name: '桐乡.ods', bytes: Buffer.concat([Buffer.from('504b0304', 'hex'), Buffer.alloc(26), Buffer.from('mimetypeapplication/vnd.oasis.opendocument.spreadsheet'), Buffer.alloc(100, 2)]) },
  { name: '机构.csv', bytes: Buffer.from('机构编号,机构名称\nTX-001,颐养院\n') },
];

/** Stores an audit as the schema-4 tool did: its one upload and the audit's rows, no files table. */
async function storeAtSchema4(exec: Exec, audit: NewAudit, id: string): Promise<void> {
  const createdAt = '2026-11-30T08:00:00.000Z';
  const sha256 = audit.result.workbook.sha256;
  await exec('INSERT INTO uploads (sha256, size, bytes, created_at) VALUES (?, ?, ?, ?)', [sha256, audit.bytes.length, audit.bytes, createdAt]);
  const { workbook_sha256: _none, ...row } = auditRow(audit, id, createdAt);
  const columns = Object.keys(row);
  await exec(`INSERT INTO audits (upload_id, ${columns.join(', ')}) VALUES ((SELECT id FROM uploads WHERE sha256 = ?), ${columns.map(() => '?').join(', ')})`, [sha256, ...Object.values(row)]);
  await storeAuditRowsBefore006(exec, audit, id);
}

const audits = ORIGINALS.map((file, i) => ({ id: `20261130-080000-0000000${i}`, audit: auditOf(countyFacts(2 + i), file.bytes, file.name) }));
const SNAPSHOT = ['SELECT id, sha256, size, bytes, created_at FROM uploads ORDER BY id', 'SELECT id, upload_id, file_name, as_of, pass, fail, row_counts, warnings FROM audits ORDER BY id'];

async function expectServedAsBefore(location: string): Promise<void> {
  const store = openStore(location);
  try {
    for (const [i, { id, audit }] of audits.entries()) {
      const stored = await store.getAudit(id);
      expect(stored!.result).toEqual(audit.result);
      const original = await store.getOriginal(id);
      expect(original!.bytes.equals(ORIGINALS[i]!.bytes)).toBe(true);
      expect(original!.fileName).toBe(ORIGINALS[i]!.name);
      expect(await store.listOriginals(id)).toEqual([
        { position: 0, fileName: ORIGINALS[i]!.name, size: ORIGINALS[i]!.bytes.length, sha256: audit.result.workbook.sha256, mediaType: mediaTypeOf(ORIGINALS[i]!.bytes) },
      ]);
    }
    expect(new Set((await Promise.all(audits.map(({ id }) => store.listOriginals(id)))).map((files) => files![0]!.mediaType)).size).toBe(4);
    expect((await store.listAudits()).map((a) => [a.auditId, a.sha256, a.fileName])).toEqual(
      [...audits].reverse().map(({ id, audit }) => [id, audit.result.workbook.sha256, audit.result.workbook.file]),
    );
  } finally {
    await store.close();
  }
}

describe('migration 005 on SQLite', () => {
  it('a database at schema 4 with audits serves the same audits and original bytes after it', async () => {
    const { path, db, exec } = sqliteAtSchema(4);
    for (const { id, audit } of audits) await storeAtSchema4(exec, audit, id);
    const before = SNAPSHOT.map((sql) => db.prepare(sql).all());
    db.close();
    await expectServedAsBefore(path);
    const after = new Database(path);
    expect(after.pragma('user_version', { simple: true })).toBe(loadMigrations().length);
    expect(SNAPSHOT.map((sql) => after.prepare(sql).all())).toEqual(before);
    after.close();
  });
});

describe('migration 005 on PostgreSQL', () => {
  let server: PostgresServer;
  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterAll(() => server?.stop());

  it('a database at schema 4 with audits serves the same audits and original bytes after it', async () => {
    await onPostgresAtSchema(server, 4, async (url, exec) => {
      for (const { id, audit } of audits) await storeAtSchema4(exec, audit, id);
      const before = await Promise.all(SNAPSHOT.map((sql) => exec(sql, [])));
      await expectServedAsBefore(url);
      expect(await exec('SELECT version FROM eldercare_schema', [])).toEqual([{ version: loadMigrations(POSTGRES_MIGRATIONS_DIR).length }]);
      expect(await Promise.all(SNAPSHOT.map((sql) => exec(sql, [])))).toEqual(before);
    });
  });
});
