// The store through the real bin, as scripts use it: check --db, history, show, rerun,
// original, backup; rejected uploads store nothing; a newer database is refused.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../checks/paths.js';
import type { AuditResult } from '../server/audit/result.js';
import type { AuditListItem } from '../server/store/types.js';
import { buildWorkbook, FACILITY_HEADER } from './support/workbook.js';

const BIN = projectPath('dist/server/cli/main.js');
const dir = mkdtempSync(join(tmpdir(), 'eldercare-cli-store-'));
const sample = projectPath('samples', 'tongxiang.xlsx');

function run(args: string[], env: Record<string, string> = {}) {
  const child = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env } });
  return { code: child.status, stdout: child.stdout, stderr: child.stderr };
}
const json = <T>(args: string[], env: Record<string, string> = {}) => {
  const out = run([...args, '--json'], env);
  return { ...out, value: JSON.parse(out.stdout) as T };
};

function tableCounts(db: string): Record<string, number> {
  const handle = new Database(db, { readonly: true });
  try {
    const tables = ['uploads', 'audits', 'audit_rulebooks', 'facts', 'staff_rosters', 'findings'];
    return Object.fromEntries(tables.map((t) => [t, (handle.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]));
  } finally {
    handle.close();
  }
}

describe('audits kept in SQLite, through the command line', () => {
  const db = join(dir, 'audits.db');
  const checked = json<AuditResult & { auditId: string }>(['check', sample, '--db', db]);

  it('check --db stores a valid audit and prints its id; show gives back the same result', () => {
    expect(checked.code).toBe(1);
    expect(checked.value.auditId).toMatch(/^\d{8}-\d{6}-[0-9a-f]{8}$/);
    const shown = json<AuditResult & { auditId: string }>(['show', checked.value.auditId, '--db', db]);
    expect(shown.code).toBe(0);
    expect(shown.value).toEqual(checked.value);
    const text = run(['show', checked.value.auditId, '--db', db, '--lang', 'en']);
    expect(text.stdout).toMatch(/Total: FAIL 11/);
  });

  it('check --db prints the summary check prints (made by the storing worker), then the audit id', () => {
    // A database of its own: the history below counts this one's audits.
    const plain = run(['check', sample, '--lang', 'en']);
    const stored = run(['check', sample, '--db', join(dir, 'summary.db'), '--lang', 'en']);
    expect(stored.code).toBe(plain.code);
    expect(stored.stdout.slice(0, plain.stdout.length)).toBe(plain.stdout);
    expect(stored.stdout.slice(plain.stdout.length)).toMatch(/^Audit id: \d{8}-\d{6}-[0-9a-f]{8}\n$/);
  });

  it('original returns the uploaded bytes, byte for byte', () => {
    const out = join(dir, 'original.xlsx');
    expect(run(['original', checked.value.auditId, out, '--db', db]).code).toBe(0);
    const sha = createHash('sha256').update(readFileSync(out)).digest('hex');
    expect(sha).toBe(checked.value.workbook.sha256);
    expect(readFileSync(out).equals(readFileSync(sample))).toBe(true);
  });

  it('rerun makes a new audit of the stored original, linked to the first; history lists newest first', () => {
    const rerun = json<AuditResult & { auditId: string }>(['rerun', checked.value.auditId, '--as-of', '2024-06-30', '--db', db]);
    expect(rerun.value.auditId).not.toBe(checked.value.auditId);
    expect(rerun.value.asOf).toBe('2024-06-30');
    expect(rerun.value.summary.warn).toBeGreaterThan(0);
    const history = json<AuditListItem[]>(['history', '--db', db]).value;
    expect(history.map((a) => a.auditId)).toEqual([rerun.value.auditId, checked.value.auditId]);
    expect(history[0]!.rerunOf).toBe(checked.value.auditId);
    expect(history[1]!.summary).toEqual(checked.value.summary);
    // Same bytes, stored once.
    expect(tableCounts(db).uploads).toBe(1);
  });

  it('history filters by facility and by jurisdiction', () => {
    expect(json<AuditListItem[]>(['history', '--facility', 'TX-002', '--db', db]).value).toHaveLength(2);
    expect(json<AuditListItem[]>(['history', '--facility', 'AJ-001', '--db', db]).value).toEqual([]);
    expect(json<AuditListItem[]>(['history', '--jurisdiction', 'tongxiang', '--db', db]).value).toHaveLength(2);
    expect(json<AuditListItem[]>(['history', '--jurisdiction', 'anji', '--db', db]).value).toEqual([]);
  });

  it('a rejected workbook leaves every table unchanged', async () => {
    const before = tableCounts(db);
    const bad = join(dir, 'bad.xlsx');
    writeFileSync(bad, await buildWorkbook([{ name: '机构', rows: [FACILITY_HEADER, ['F1', '甲', '桐乡市', '养老院子', '公办', -3]] }]));
    const rejected = json<AuditResult & { auditId?: string }>(['check', bad, '--db', db]);
    expect(rejected.code).toBe(2);
    expect(rejected.value.auditId).toBeUndefined();
    writeFileSync(join(dir, 'not.xlsx'), 'just text');
    expect(run(['check', join(dir, 'not.xlsx'), '--db', db]).code).toBe(2);
    expect(tableCounts(db)).toEqual(before);
    // Nor does it make a database file that was not there.
    const unmade = join(dir, 'never-made.db');
    expect(run(['check', bad, '--db', unmade]).code).toBe(2);
    expect(existsSync(unmade)).toBe(false);
  });

  it('backup writes a consistent copy that the commands can read', () => {
    const copy = join(dir, 'backup.db');
    expect(run(['backup', copy, '--db', db]).code).toBe(0);
    expect(json<AuditListItem[]>(['history', '--db', copy]).value).toHaveLength(2);
    expect(tableCounts(copy)).toEqual(tableCounts(db));
  });

  it('ELDERCARE_AUDIT_DB names the database when --db is absent', () => {
    const envDb = join(dir, 'from-env.db');
    const stored = json<AuditResult & { auditId: string }>(['check', sample], { ELDERCARE_AUDIT_DB: envDb });
    expect(json<AuditListItem[]>(['history'], { ELDERCARE_AUDIT_DB: envDb }).value.map((a) => a.auditId)).toEqual([stored.value.auditId]);
  });

  it('an unknown audit id, or a database from a newer version, is exit 2 with a message', () => {
    const missing = run(['show', 'no-such-audit', '--db', db]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no audit "no-such-audit"');
    const newer = join(dir, 'newer.db');
    const handle = new Database(newer);
    handle.pragma('user_version = 99');
    handle.close();
    const before = readFileSync(newer);
    const refused = run(['history', '--db', newer]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/newer than this eldercare-audit supports/);
    expect(readFileSync(newer).equals(before)).toBe(true);
  });

  it('check --json --db prints nothing when the store refuses the audit', () => {
    const newer = join(dir, 'newer-check.db');
    const handle = new Database(newer);
    handle.pragma('user_version = 99');
    handle.close();
    const refused = run(['check', sample, '--json', '--db', newer]);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/newer than this eldercare-audit supports/);
  });
});
