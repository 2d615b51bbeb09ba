// Migration 006 (each finding's source stored once per audit) on both engines: a database at
// schema 5 holding audits, as the tool of that schema stored them, is migrated; its findings,
// findings pages, facts and originals read back byte for byte as they read before, its rows are
// not rewritten, and an audit stored after it reads back exactly as the same audit stored before.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type PostgresServer } from '../bench/postgres-server.js';
import { openStore } from '../server/store/index.js';
import { loadMigrations } from '../server/store/migrate-sqlite.js';
import { POSTGRES_MIGRATIONS_DIR } from '../server/store/migrate-postgres.js';
import type { FindingsPageQuery } from '../server/store/findings-pages.js';
import { auditRow, FINDING_COLUMNS, findingFromRow, type FindingRow } from '../server/store/rows.js';
import { originalsToStore } from '../server/store/originals-rows.js';
import type { AuditStore, NewAudit } from '../server/store/types.js';
import { auditOf, auditOfFiles, countyFacts } from './support/store-audits.js';
import { facility, region, workbookFacts } from './support/facts.js';
import { onPostgresAtSchema, sqliteAtSchema, storeAuditRowsBefore006, type Exec } from './support/old-schema.js';

/** Runs one statement with `?` placeholders. */

/** Stores an audit as the schema-5 tool did: its files, and every finding with its own copy of its rule's source. */
async function storeAtSchema5(exec: Exec, audit: NewAudit, id: string): Promise<void> {
  const createdAt = '2026-12-01T08:00:00.000Z';
  const files = originalsToStore(audit);
  for (const file of files) {
    await exec('INSERT INTO uploads (sha256, size, bytes, created_at) SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM uploads WHERE sha256 = ?)', [
      file.sha256, file.bytes.length, file.bytes, createdAt, file.sha256,
    ]);
  }
  const row = auditRow(audit, id, createdAt);
  const columns = Object.keys(row);
  await exec(`INSERT INTO audits (upload_id, ${columns.join(', ')}) VALUES ((SELECT id FROM uploads WHERE sha256 = ?), ${columns.map(() => '?').join(', ')})`, [
    files[0]!.sha256, ...Object.values(row),
  ]);
  for (const [position, file] of files.entries()) {
    await exec('INSERT INTO audit_files (audit_id, position, upload_id, file_name, media_type) VALUES (?, ?, (SELECT id FROM uploads WHERE sha256 = ?), ?, ?)', [
      id, position, file.sha256, file.name, file.mediaType,
    ]);
  }
  await storeAuditRowsBefore006(exec, audit, id);
}

/** Two counties' facilities under their own rulebooks: the same rule quotes two rulebooks' sources. */
function twoCounties(): ReturnType<typeof countyFacts> {
  const tongxiang = countyFacts(3);
  return workbookFacts({
    facilities: [...tongxiang.facilities, facility({ facility_id: 'A1', name: '安吉一院', jurisdiction: 'anji', total_beds: 80 })],
    staff: tongxiang.staff,
    regions: [...tongxiang.regions, region({ jurisdiction: 'anji', elderly_population: 50_000 })],
  });
}

const audits = [
  { id: '20261201-080000-00000000', audit: auditOf(countyFacts(4), Buffer.from('one county')) },
  { id: '20261201-080000-00000001', audit: auditOf(twoCounties(), Buffer.from('two counties')) },
  { id: '20261201-080000-00000002', audit: auditOfFiles(countyFacts(2), [{ name: '机构.csv', bytes: Buffer.from('a') }, { name: '地区.csv', bytes: Buffer.from('b') }]) },
];

/** The page queries a report makes: both orders, whole and for one facility, across page edges. */
const PAGES: FindingsPageQuery[] = [
  { order: 'stored', after: -1, limit: 1000 },
  { order: 'stored', after: 3, limit: 5 },
  { order: 'issues', after: 0, limit: 1000 },
  { order: 'issues', after: 2, limit: 3 },
  { order: 'stored', after: -1, limit: 1000, scope: { facility: 'F1' } },
  { order: 'issues', after: 0, limit: 1000, scope: { facility: 'A1', jurisdiction: 'anji' } },
];

/** The rows of findings as schema 5 held them, which 006 must leave as they are. */
const SNAPSHOT = `SELECT audit_id, position, ${FINDING_COLUMNS.join(', ')} FROM findings ORDER BY audit_id, position`;

/** Everything an audit reads back as, as text: its result, its pages, its facts and its files. */
async function readBack(store: AuditStore, id: string): Promise<string> {
  const pages = [];
  for (const query of PAGES) pages.push(await store.findingsPage(id, query));
  const originals = await store.listOriginals(id);
  const bytes = await Promise.all(originals!.map(async (o) => (await store.getOriginal(id, o.position))!.bytes.toString('hex')));
  const { auditId: _id, createdAt: _at, ...stored } = (await store.getAudit(id))!;
  return JSON.stringify({ stored, facility: (await store.getAudit(id, { facility: 'F1' }))!.result.findings, pages, facts: await store.getFacts(id), originals, bytes });
}

/**
 * The page query of the schema-5 tool (findings-pages.ts at 6a7c79c), kept here verbatim so that
 * the pages read through migration 006 are compared with what that tool read, not with today's
 * query on the old table.
 */
function schema5PageSql(auditId: string, query: FindingsPageQuery): { sql: string; params: (string | number)[] } {
  const params: (string | number)[] = [];
  const p = (value: string | number) => {
    params.push(value);
    return '?';
  };
  const relativeShortfall = `CASE WHEN shortfall IS NULL OR required IS NULL OR required = 0 THEN 0.0
  ELSE CAST(shortfall AS DOUBLE PRECISION) / CAST(required AS DOUBLE PRECISION) END`;
  const audit = `audit_id = ${p(auditId)}`;
  const scope = query.scope
    ? ` AND subject_kind = 'facility' AND subject_id = ${p(query.scope.facility)}` + (query.scope.jurisdiction === undefined ? '' : ` AND jurisdiction = ${p(query.scope.jurisdiction)}`)
    : '';
  const sql =
    query.order === 'stored'
      ? `SELECT * FROM findings WHERE ${audit}${scope} AND position > ${p(query.after)} ORDER BY position LIMIT ${p(query.limit)}`
      : `SELECT * FROM findings WHERE ${audit}${scope} AND status IN ('fail', 'warn')
           ORDER BY CASE status WHEN 'fail' THEN 0 ELSE 1 END, ${relativeShortfall} DESC, position
           LIMIT ${p(query.limit)} OFFSET ${p(query.after)}`;
  return { sql, params };
}

/** The pages as the schema-5 tool read them, from its findings table. */
async function pagesAtSchema5(exec: Exec, id: string) {
  const pages = [];
  for (const query of PAGES) {
    const { sql, params } = schema5PageSql(id, query);
    const rows = (await exec(sql, params)) as (FindingRow & { position: number })[];
    pages.push(rows.map((row) => ({ position: Number(row.position), finding: findingFromRow(row) })));
  }
  return pages;
}

async function expectReadAsBefore(location: string, exec: Exec, engine: string): Promise<void> {
  const before = await Promise.all(audits.map(({ id }) => pagesAtSchema5(exec, id)));
  const snapshot = await exec(SNAPSHOT, []);
  const store = openStore(location);
  try {
    const storedAgain: string[] = [];
    for (const [i, { id, audit }] of audits.entries()) {
      const stored = (await store.getAudit(id))!;
      expect(stored.result).toEqual(audit.result);
      expect(JSON.stringify(await Promise.all(PAGES.map((query) => store.findingsPage(id, query))))).toBe(JSON.stringify(before[i]));
      // (The sheets' presence comes from the row counts, which these audits give only in part.)
      const { sheets: _sheets, ...facts } = (await store.getFacts(id))!;
      const { sheets: _given, ...given } = audit.facts;
      expect(facts).toEqual(given);
      // The same audit stored again, now with its sources apart, reads back the same text.
      const again = await store.saveAudit(audit);
      storedAgain.push(again);
      expect(await readBack(store, again)).toBe(await readBack(store, id));
      expect(await exec('SELECT count(*) AS n FROM findings WHERE audit_id = ? AND source IS NULL', [again])).toEqual([{ n: engine === 'sqlite' ? 0 : '0' }]);
    }
    // The two counties' audit holds a rule under two rulebooks: two sources of it.
    const sources = (await exec('SELECT rulebook FROM finding_sources WHERE audit_id = ?', [storedAgain[1]])) as { rulebook: string }[];
    expect(new Set(sources.map((s) => s.rulebook))).toEqual(new Set(['tongxiang', 'anji']));
    expect(sources.length).toBeLessThan(audits[1]!.audit.result.findings.length);
  } finally {
    await store.close();
  }
  // 006 rewrote no finding of schema 5.
  expect(await exec(`${SNAPSHOT.replace(' ORDER BY', ' WHERE audit_id IN (?, ?, ?) ORDER BY')}`, audits.map(({ id }) => id))).toEqual(snapshot);
}

describe('migration 006 on SQLite', () => {
  it('a database at schema 5 with audits reads back byte for byte as before, and as an audit stored after it', async () => {
    const { path, db, exec } = sqliteAtSchema(5);
    for (const { id, audit } of audits) await storeAtSchema5(exec, audit, id);
    await expectReadAsBefore(path, exec, 'sqlite');
    expect(db.pragma('user_version', { simple: true })).toBe(loadMigrations().length);
    db.close();
  });
});

describe('migration 006 on PostgreSQL', () => {
  let server: PostgresServer;
  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterAll(() => server?.stop());

  it('a database at schema 5 with audits reads back byte for byte as before, and as an audit stored after it', async () => {
    await onPostgresAtSchema(server, 5, async (url, exec) => {
      for (const { id, audit } of audits) await storeAtSchema5(exec, audit, id);
      await expectReadAsBefore(url, exec, 'postgresql');
      expect(await exec('SELECT version FROM eldercare_schema', [])).toEqual([{ version: loadMigrations(POSTGRES_MIGRATIONS_DIR).length }]);
    });
  });
});
