// The web app's commands through the built CLI: `user add` (password from stdin), `user list`,
// `token create | list | revoke`, `--help` of each, and `serve` on a fresh database printing the
// first admin's password once.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../checks/paths.js';
import { WebClient } from './support/web.js';

const BIN = projectPath('dist/server/cli/main.js');
const dir = mkdtempSync(join(tmpdir(), 'eldercare-web-cli-'));

function run(args: string[], input = '', env: Record<string, string> = {}) {
  const child = spawnSync(process.execPath, [BIN, ...args], {
    input,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, ...env },
  });
  return { code: child.status, stdout: child.stdout, stderr: child.stderr };
}

describe('user and token commands', () => {
  const db = join(dir, 'users.db');

  it('adds users with the password from stdin, refusing bad input', () => {
    expect(run(['user', 'add', 'alice', '--role', 'inspector', '--db', db], 'a-long-password\n')).toMatchObject({ code: 0, stdout: 'alice\tinspector\n' });
    const manager = run(['user', 'add', '王经理', '--role', 'facility_manager', '--facility', 'tongxiang:TX-002', '--facility', 'anji:TX-002', '--db', db], 'another-password\n');
    expect(manager).toMatchObject({ code: 0, stdout: '王经理\tfacility_manager\tanji:TX-002,tongxiang:TX-002\n' });
    // A bare id, or an unknown jurisdiction, binds nothing: the id alone does not name a facility.
    const bare = run(['user', 'add', 'bob', '--role', 'facility_manager', '--facility', 'TX-002', '--db', db], 'a-long-password\n');
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('"TX-002"');
    expect(run(['user', 'add', 'bob', '--role', 'facility_manager', '--facility', 'atlantis:TX-002', '--db', db], 'a-long-password\n').code).toBe(2);
    expect(run(['user', 'add', 'alice', '--role', 'reviewer', '--db', db], 'a-long-password\n')).toMatchObject({ code: 2 });
    expect(run(['user', 'add', 'bob', '--role', 'facility_manager', '--db', db], 'a-long-password\n').code).toBe(2);
    expect(run(['user', 'add', 'bob', '--role', 'boss', '--db', db], 'a-long-password\n').code).toBe(2);
    expect(run(['user', 'add', 'bob', '--role', 'reviewer', '--db', db], 'short\n').code).toBe(2);
    expect(run(['user', 'list', '--db', db]).stdout).toBe('alice\tinspector\t\n王经理\tfacility_manager\tanji:TX-002,tongxiang:TX-002\n');
  }, 120_000);

  it('creates an API token for a user, stating its expiry, and refuses an unknown user', () => {
    const token = run(['token', 'create', 'alice', '--db', db]);
    expect(token.code).toBe(0);
    expect(token.stdout).toMatch(/^eca_[A-Za-z0-9_-]{43}\n$/);
    const expires = /expires (\S+)/.exec(token.stderr)![1]!;
    expect(Math.round((Date.parse(expires) - Date.now()) / 86_400_000)).toBe(90);
    const short = run(['token', 'create', 'alice', '--days', '7', '--db', db]);
    expect(Math.round((Date.parse(/expires (\S+)/.exec(short.stderr)![1]!) - Date.now()) / 86_400_000)).toBe(7);
    expect(run(['token', 'create', 'alice', '--days', '0', '--db', db]).code).toBe(2);
    expect(run(['token', 'create', 'nobody', '--db', db]).code).toBe(2);
  }, 120_000);

  it('lists tokens (never the tokens themselves) and revokes one, or all of a user', () => {
    run(['token', 'create', '王经理', '--db', db]);
    const listed = JSON.parse(run(['token', 'list', '--json', '--db', db]).stdout) as { id: number; userName: string; expiresAt: string }[];
    expect(listed.map((t) => t.userName)).toEqual(['alice', 'alice', '王经理']);
    expect(run(['token', 'list', '--db', db]).stdout).not.toContain('eca_');
    expect(run(['token', 'revoke', String(listed[0]!.id), '--db', db])).toMatchObject({ code: 0 });
    expect(run(['token', 'revoke', String(listed[0]!.id), '--db', db]).code).toBe(2);
    expect(run(['token', 'revoke', '1abc', '--db', db]).code).toBe(2);
    expect(run(['token', 'revoke', '--user', 'alice', '--db', db]).stdout).toContain('revoked 1 token');
    expect(run(['token', 'list', '--user', '王经理', '--db', db]).stdout.split('\n').filter(Boolean)).toHaveLength(1);
  }, 120_000);

  it('--help prints each command\'s usage instead of an error', () => {
    for (const [command, flag] of [['serve', '--help'], ['user', '--help'], ['token', '-h']] as const) {
      const help = run([command, flag]);
      expect(help.code, `${command} ${flag}`).toBe(0);
      expect(help.stdout).toContain(`eldercare-audit ${command} `);
    }
  }, 120_000);
});

describe('serve', () => {
  it('creates the first admin with a password printed once, serves the app, and stops on SIGTERM', async () => {
    const db = join(dir, 'serve.db');
    const env = { ...process.env };
    delete env['ELDERCARE_AUDIT_ADMIN_PASSWORD'];
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--db', db], { env });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      await expect.poll(() => out, { timeout: 15_000 }).toMatch(/Ctrl\+C/);
      const url = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1]!;
      const password = /password:\s+(\S+)/.exec(out)![1]!;
      const client = new WebClient(url);
      expect((await client.login('admin', password)).status).toBe(303);
      const home = await client.get('/');
      expect(home.text).toContain('下载空白模板');
      expect(home.text).toContain('anji.xlsx');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});

describe('serve logs its database without secrets', () => {
  it('replaces a PostgreSQL password with asterisks and leaves file paths alone', async () => {
    const { redacted } = await import('../server/cli/web-commands.js');
    expect(redacted('postgres://eldercare:s3cret@db.internal:5432/audit')).toBe('postgres://eldercare:***@db.internal:5432/audit');
    expect(redacted('postgresql://eldercare@db/audit')).toBe('postgresql://eldercare@db/audit');
    expect(redacted('data/eldercare-audit.db')).toBe('data/eldercare-audit.db');
  });
});
