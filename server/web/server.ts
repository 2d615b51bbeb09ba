// Serving the app: open the store, make the first admin if needed, listen, and close cleanly on
// SIGINT/SIGTERM. Used by `eldercare-audit serve`.
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { openStore } from '../store/index.js';
import { userStoreFor } from '../store/users.js';
import { createApp, consoleLogger } from './app.js';
import { ensureAdmin, type CreatedAdmin } from './bootstrap.js';
import type { ProxyTrust } from './proxy-trust.js';

export interface ServeOptions {
  port: number;
  host: string;
  db: string;
  secureCookies?: boolean;
  trustProxy?: ProxyTrust;
}

export interface RunningServer {
  server: Server;
  url: string;
  admin: CreatedAdmin | null;
  close(): Promise<void>;
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const store = openStore(options.db);
  const users = userStoreFor(store);
  const admin = await ensureAdmin(users);
  const app = createApp({
    store,
    users,
    logger: consoleLogger,
    ...(options.secureCookies ? { secureCookies: true } : {}),
    ...(options.trustProxy !== undefined ? { trustProxy: options.trustProxy } : {}),
  });
  const server = createServer(app);
  // Uploads of up to 20 MB on slow office links need time; idle sockets do not.
  server.requestTimeout = 5 * 60 * 1000;
  server.headersTimeout = 60 * 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    server,
    url: `http://${host === '0.0.0.0' || host === '[::]' ? 'localhost' : host}:${address.port}`,
    admin,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    },
  };
}
