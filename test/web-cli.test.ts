// The web app's commands through the built code: `user add` (password from stdin), `user list`,
// `token create`, and `serve` on a fresh database printing the first admin's password once.
// Until main.ts routes these commands, a one-line module runs them as main.ts does.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../checks/paths.js';
import { WebClient } from './support/web.js';

const COMMANDS = projectPath('dist/server/cli/web-commands.js');
const RUNNER = `
const { serveCommand, userCommand, tokenCommand } = await import(${JSON.stringify(COMMANDS)});
const [name, ...args] = process.argv.slice(1);
const command = { serve: serveCommand, user: userCommand, token: tokenCommand }[name];
command.run(args).then((code) => { process.exitCode = code; }, (error) => { process.stderr.write(error.message + '\\n'); process.exitCode = 2; });
`;
const dir = mkdtempSync(join(tmpdir(), 'eldercare-web-cli-'));

function run(args: string[], input = '', env: Record<string, string> = {}) {
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', RUNNER, '--', ...args], {
    input,
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, ...env },
  });
  return { code: child.status, stdout: child.stdout, stderr: child.stderr };
}

describe('user and token commands', () => {
  const db = join(dir, 'users.db');

  it('adds users with the password from stdin, refusing bad input', () => {
    expect(run(['user', 'add', 'alice', '--role', 'inspector', '--db', db], 'a-long-password\n')).toMatchObject({ code: 0, stdout: 'alice\tinspector\n' });
    const manager = run(['user', 'add', '王经理', '--role', 'facility_manager', '--facility', 'TX-002', '--facility', 'TX-003', '--db', db], 'another-password\n');
    expect(manager).toMatchObject({ code: 0, stdout: '王经理\tfacility_manager\tTX-002,TX-003\n' });
    expect(run(['user', 'add', 'alice', '--role', 'reviewer', '--db', db], 'a-long-password\n')).toMatchObject({ code: 2 });
    expect(run(['user', 'add', 'bob', '--role', 'facility_manager', '--db', db], 'a-long-password\n').code).toBe(2);
    expect(run(['user', 'add', 'bob', '--role', 'boss', '--db', db], 'a-long-password\n').code).toBe(2);
    expect(run(['user', 'add', 'bob', '--role', 'reviewer', '--db', db], 'short\n').code).toBe(2);
    expect(run(['user', 'list', '--db', db]).stdout).toBe('alice\tinspector\t\n王经理\tfacility_manager\tTX-002,TX-003\n');
  });

  it('creates an API token for a user, and refuses an unknown user', () => {
    const token = run(['token', 'create', 'alice', '--db', db]);
    expect(token.code).toBe(0);
    expect(token.stdout).toMatch(/^eca_[A-Za-z0-9_-]{43}\n$/);
    expect(run(['token', 'create', 'nobody', '--db', db]).code).toBe(2);
  });
});

describe('serve', () => {
  it('creates the first admin with a password printed once, serves the app, and stops on SIGTERM', async () => {
    const db = join(dir, 'serve.db');
    const env = { ...process.env };
    delete env['ELDERCARE_AUDIT_ADMIN_PASSWORD'];
    const child = spawn(process.execPath, ['--input-type=module', '-e', RUNNER, '--', 'serve', '--port', '0', '--db', db], { env });
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
