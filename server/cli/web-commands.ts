// The web app's commands: serve, user, token.
import { createInterface } from 'node:readline';
import { openStore, resolveDbLocation } from '../store/index.js';
import { userStoreFor } from '../store/users.js';
import { facilityText, isRole, ROLES, UserExistsError, type UserStore } from '../store/users-types.js';
import { StoreError } from '../store/types.js';
import { TOOL } from '../audit/version.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../web/passwords.js';
import { DEFAULT_TOKEN_DAYS, issueApiToken, MAX_TOKEN_DAYS } from '../web/tokens.js';
import { parseProxyTrust, type ProxyTrust } from '../web/proxy-trust.js';
import { startServer } from '../web/server.js';
import { canonicalId, parseFacilities, validUserName } from '../web/user-rules.js';
import { parse, UsageError } from './args.js';
import type { Command } from './main.js';

async function withUsers<T>(db: string | undefined, action: (users: UserStore) => Promise<T>): Promise<T> {
  const store = openStore(resolveDbLocation(db));
  try {
    return await action(userStoreFor(store));
  } finally {
    await store.close();
  }
}

function portOption(value: string | undefined): number {
  const text = value ?? process.env['PORT'] ?? '3000';
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, not "${text}"`);
  return port;
}

function proxyTrustOption(text: string): ProxyTrust {
  try {
    return parseProxyTrust(text);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** A database location fit for a log: a URL's password replaced by asterisks. */
export function redacted(location: string): string {
  return location.replace(/^(postgres(?:ql)?:\/\/[^:/@]+):[^@]*@/, '$1:***@');
}

export const serveCommand: Command = {
  usage: 'serve [--port 3000] [--host 127.0.0.1] [--db PATH|postgres://…] [--trust-proxy HOPS|ADDRESS,…] [--secure-cookies]',
  summary: { zh: '启动网页应用', en: 'start the web app' },
  async run(args) {
    const { values } = parse(
      args,
      {
        port: { type: 'string' },
        host: { type: 'string' },
        db: { type: 'string' },
        // Behind a proxy (several instances): how many proxies (or which addresses) append to
        // X-Forwarded-For, for the login limits; cookies Secure and HSTS when it speaks HTTPS.
        'trust-proxy': { type: 'string' },
        'secure-cookies': { type: 'boolean' },
      },
      { min: 0, max: 0 },
    );
    const db = resolveDbLocation(values.db);
    const running = await startServer({
      port: portOption(values.port),
      host: values.host ?? '127.0.0.1',
      db,
      ...(values['trust-proxy'] !== undefined ? { trustProxy: proxyTrustOption(values['trust-proxy']) } : {}),
      ...(values['secure-cookies'] ? { secureCookies: true } : {}),
    });
    const lines = [`${TOOL.name} ${TOOL.version} · ${running.url} · ${redacted(db)}`];
    if (running.admin) {
      lines.push(
        '首次启动，已创建管理员账号 / first start: created the administrator account',
        `  用户名 / user:     ${running.admin.name}`,
        running.admin.password
          ? `  密码 / password:   ${running.admin.password}    （仅显示这一次 / shown this once）`
          : '  密码 / password:   ELDERCARE_AUDIT_ADMIN_PASSWORD',
      );
    }
    lines.push(`在浏览器中打开 ${running.url} 并登录 / open ${running.url} in a browser and log in · Ctrl+C 停止 / to stop`);
    process.stdout.write(`${lines.join('\n')}\n`);
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    await running.close();
    return 0;
  },
};

/** The first line of standard input (a password piped in, or typed). */
function readPasswordLine(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('密码 / password: ');
  return new Promise((resolve) => {
    const lines = createInterface({ input: process.stdin, terminal: false });
    let first: string | null = null;
    lines.once('line', (line) => {
      first = line;
      lines.close();
    });
    lines.once('close', () => resolve(first ?? ''));
  });
}

export const userCommand: Command = {
  usage: 'user add <name> --role admin|inspector|facility_manager|reviewer [--facility JURISDICTION:ID …] [--db PATH]  (password from stdin) | user list [--json] [--db PATH]',
  summary: { zh: '添加用户（密码从标准输入读取）或列出用户', en: 'add a user (password from stdin), or list the users' },
  async run(args) {
    const { values, positionals } = parse(
      args,
      { role: { type: 'string' }, facility: { type: 'string', multiple: true }, json: { type: 'boolean' }, db: { type: 'string' } },
      { min: 1, max: 2 },
    );
    const [action, name] = positionals;
    if (action === 'list') {
      const users = await withUsers(values.db, (store) => store.listUsers());
      if (values.json) process.stdout.write(`${JSON.stringify(users, null, 2)}\n`);
      else for (const u of users) process.stdout.write(`${u.name}\t${u.role}\t${u.facilities.map(facilityText).join(',')}${u.disabled ? '\tdisabled' : ''}\n`);
      return 0;
    }
    if (action !== 'add' || name === undefined) throw new UsageError('expected `user add <name> --role ROLE` or `user list`');
    if (!validUserName(name)) throw new UsageError(`user name must be 1–64 characters without spaces, not "${name}"`);
    if (!isRole(values.role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
    const { facilities, invalid } = parseFacilities(...(values.facility ?? []));
    if (invalid.length > 0) {
      throw new UsageError(`--facility is JURISDICTION:ID with a rulebook id as the jurisdiction (e.g. tongxiang:TX-002), not ${invalid.map((i) => `"${i}"`).join(', ')}`);
    }
    if (values.role === 'facility_manager' && facilities.length === 0) throw new UsageError('a facility_manager needs at least one --facility ID');
    if (values.role !== 'facility_manager' && facilities.length > 0) throw new UsageError('--facility is only for the facility_manager role');
    const password = await readPasswordLine();
    if (password.length < MIN_PASSWORD_LENGTH) {
      throw new UsageError(`the password (first line of standard input) must have at least ${MIN_PASSWORD_LENGTH} characters`);
    }
    const role = values.role;
    const user = await withUsers(values.db, async (users) =>
      users.createUser({ name, role, facilities, passwordHash: await hashPassword(password) }).catch((error: unknown) => {
        throw error instanceof UserExistsError ? new StoreError(error.message) : error;
      }),
    );
    process.stdout.write(`${user.name}\t${user.role}${user.facilities.length ? `\t${user.facilities.map(facilityText).join(',')}` : ''}\n`);
    return 0;
  },
};

export const tokenCommand: Command = {
  usage: 'token create <name> [--days 90] | token list [--user NAME] [--json] | token revoke <id> | token revoke --user NAME  [--db PATH]',
  summary: {
    zh: '为用户创建 API 令牌（仅显示一次，默认 90 天后到期）、列出或作废令牌',
    en: 'create an API token for a user (shown once, expires after 90 days unless --days), list or revoke tokens',
  },
  async run(args) {
    const { values, positionals } = parse(
      args,
      { db: { type: 'string' }, days: { type: 'string' }, user: { type: 'string' }, json: { type: 'boolean' } },
      { min: 1, max: 2 },
    );
    const [action, argument] = positionals;
    const findUser = async (users: UserStore, name: string) => {
      const user = await users.findUserByName(name);
      if (!user) throw new StoreError(`没有用户“${name}” / no user "${name}"`);
      return user;
    };
    if (action === 'create' && argument !== undefined) {
      const days = values.days === undefined ? DEFAULT_TOKEN_DAYS : Number(values.days);
      if (!Number.isInteger(days) || days < 1 || days > MAX_TOKEN_DAYS) throw new UsageError(`--days must be a whole number from 1 to ${MAX_TOKEN_DAYS}, not "${values.days}"`);
      const issued = await withUsers(values.db, async (users) => issueApiToken(users, await findUser(users, argument), days));
      process.stdout.write(`${issued.token}\n`);
      process.stderr.write(`令牌 ${issued.id}，${issued.expiresAt} 到期（仅显示这一次） / token ${issued.id}, expires ${issued.expiresAt} (shown this once)\n`);
      return 0;
    }
    if (action === 'list' && argument === undefined) {
      const tokens = await withUsers(values.db, async (users) => users.listTokens(values.user === undefined ? undefined : (await findUser(users, values.user)).id));
      if (values.json) process.stdout.write(`${JSON.stringify(tokens, null, 2)}\n`);
      else for (const t of tokens) process.stdout.write(`${t.id}\t${t.userName}\t${t.createdAt}\t${t.expiresAt}${t.expiresAt <= new Date().toISOString() ? '\texpired' : ''}\n`);
      return 0;
    }
    if (action === 'revoke' && (argument === undefined) !== (values.user === undefined)) {
      const revoked = await withUsers(values.db, async (users) => {
        if (values.user !== undefined) return users.revokeTokensOf((await findUser(users, values.user)).id);
        const id = canonicalId(argument!);
        if (id === null) throw new UsageError(`a token id is a positive whole number, not "${argument}"`);
        if (!(await users.revokeToken(id))) throw new StoreError(`没有编号为 ${argument} 的令牌 / no token ${argument}`);
        return 1;
      });
      process.stdout.write(`已作废 ${revoked} 个令牌 / revoked ${revoked} token(s)\n`);
      return 0;
    }
    throw new UsageError('expected `token create <name>`, `token list` or `token revoke <id>` / `token revoke --user NAME`');
  },
};
