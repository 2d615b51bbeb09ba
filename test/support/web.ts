// The real web app on 127.0.0.1 with a temp SQLite file, users of every role, and a small
// HTTP client that keeps cookies and knows the CSRF field, as a browser without scripts would.
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectPath } from '../../checks/paths.js';
import { openStore, type AuditStore } from '../../server/store/index.js';
import type { SqliteOptions } from '../../server/store/sqlite.js';
import { userStoreFor } from '../../server/store/users.js';
import type { Role, User, UserStore } from '../../server/store/users-types.js';
import { createApp, type AppOptions } from '../../server/web/app.js';
import type { Logger } from '../../server/web/app-context.js';
import { hashPassword } from '../../server/web/passwords.js';
import { issueApiToken } from '../../server/web/tokens.js';
import { parseFacilities } from '../../server/web/user-rules.js';

export const PASSWORD = 'correct-horse-battery';

export interface TestServer {
  url: string;
  dir: string;
  store: AuditStore;
  users: UserStore;
  /** What the app logged as errors (the one error handler logs every 500). */
  errors: string[];
  close(): Promise<void>;
}

/** The app on a temp SQLite file (with `sqlite` settings), or on the store at `location` (a PostgreSQL URL, say). */
export async function startTestServer(options: Partial<AppOptions> = {}, location?: string, sqlite: Partial<SqliteOptions> = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'eldercare-web-'));
  const store = openStore(location ?? join(dir, 'web.db'), { sqlite });
  const users = userStoreFor(store);
  const errors: string[] = [];
  const logger: Logger = {
    error: (message, error) => errors.push(`${message} ${error instanceof Error ? error.message : String(error ?? '')}`),
    info: () => {},
  };
  const app = createApp({ store, users, logger, ...options });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  // Tests block this process in spawnSync (the CLI) for seconds at a time; a server that closes
  // idle keep-alive sockets meanwhile races the client's reuse of them (ECONNRESET).
  server.keepAliveTimeout = 120_000;
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    dir,
    store,
    users,
    errors,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    },
  };
}

/** A user with PASSWORD; a facility manager's facilities written `jurisdiction:id`. */
export async function addUser(users: UserStore, name: string, role: Role, facilities: string[] = []): Promise<User> {
  const parsed = parseFacilities(...facilities);
  if (parsed.invalid.length > 0) throw new Error(`bad facilities ${parsed.invalid.join(', ')}`);
  return users.createUser({ name, role, facilities: parsed.facilities, passwordHash: await hashPassword(PASSWORD) });
}

export async function issueToken(users: UserStore, user: User, days?: number): Promise<string> {
  return (await issueApiToken(users, user, days)).token;
}

export function sample(name: string): Promise<Buffer> {
  return readFile(projectPath('samples', name));
}

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  bytes: Buffer;
  location: string | null;
}

const CSRF_INPUT = /name="_csrf" value="([^"]+)"/;

/** A cookie-keeping client that never follows redirects, so tests see each answer. */
export class WebClient {
  private readonly cookies = new Map<string, string>();
  lastCsrf = '';

  constructor(readonly base: string) {}

  private cookieHeader(): Record<string, string> {
    return this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {};
  }

  async request(method: string, path: string, init: { body?: RequestInit['body']; headers?: Record<string, string> } = {}): Promise<Reply> {
    const response = await fetch(new URL(path, this.base), {
      method,
      redirect: 'manual',
      headers: { ...this.cookieHeader(), ...init.headers },
      ...(init.body !== undefined ? { body: init.body } : {}),
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const index = pair!.indexOf('=');
      const name = pair!.slice(0, index);
      const value = pair!.slice(index + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const bytes = Buffer.from(await response.arrayBuffer());
    const text = bytes.toString('utf8');
    const csrf = CSRF_INPUT.exec(text);
    if (csrf) this.lastCsrf = csrf[1]!;
    return { status: response.status, headers: response.headers, text, bytes, location: response.headers.get('location') };
  }

  get(path: string, headers: Record<string, string> = {}): Promise<Reply> {
    return this.request('GET', path, { headers });
  }

  /** Posts a form; the CSRF token of the last page seen is added unless `_csrf` is given. */
  postForm(path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Reply> {
    const body = new URLSearchParams({ _csrf: this.lastCsrf, ...fields });
    return this.request('POST', path, { body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });
  }

  /** Posts a workbook as the upload form does. */
  postWorkbook(path: string, bytes: Buffer, fileName: string, fields: Record<string, string> = {}, headers: Record<string, string> = {}): Promise<Reply> {
    const form = new FormData();
    for (const [key, value] of Object.entries({ _csrf: this.lastCsrf, ...fields })) form.set(key, value);
    form.set('workbook', new Blob([new Uint8Array(bytes)]), fileName);
    return this.request('POST', path, { body: form, headers });
  }

  async login(name: string, password = PASSWORD): Promise<Reply> {
    await this.get('/login');
    return this.postForm('/login', { name, password });
  }

  hasCookie(name: string): boolean {
    return this.cookies.has(name);
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }
}

export async function loggedIn(base: string, name: string): Promise<WebClient> {
  const client = new WebClient(base);
  const reply = await client.login(name);
  if (reply.status !== 303) throw new Error(`login of ${name} failed with ${reply.status}`);
  await client.get('/'); // picks up the new session's CSRF token
  return client;
}
