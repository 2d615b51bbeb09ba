// What every engine's user store must do alike: users with case-insensitive names and their
// facilities (jurisdiction and id), sessions and tokens (kept as hashes by the callers), tokens
// that expire and are revoked with a new password or role, and one first admin however many
// instances start at once.
import { describe, expect, it } from 'vitest';
import { openStore } from '../../server/store/index.js';
import { userStoreFor } from '../../server/store/users.js';
import { UserExistsError } from '../../server/store/users-types.js';
import { ensureAdmin } from '../../server/web/bootstrap.js';
import { issueApiToken } from '../../server/web/tokens.js';
import { sha256 } from '../../server/web/secrets.js';

const TX2 = { jurisdiction: 'tongxiang', id: 'TX-002' };
const AJ2 = { jurisdiction: 'anji', id: 'TX-002' };

export function userStoreContract(newLocation: () => Promise<string>): void {
  const open = async () => openStore(await newLocation());

  describe('the user store', () => {
    it('creates, finds, updates and lists users; names are unique whatever their case', async () => {
      const store = await open();
      const users = userStoreFor(store);
      expect(await users.countUsers()).toBe(0);
      // The same facility number in two counties: two facilities, both kept.
      const wang = await users.createUser({ name: 'Wang', role: 'facility_manager', passwordHash: 'h1', facilities: [TX2, AJ2] });
      expect(wang).toMatchObject({ name: 'Wang', role: 'facility_manager', facilities: [AJ2, TX2], disabled: false });
      await expect(users.createUser({ name: 'wang', role: 'reviewer', passwordHash: 'h2', facilities: [] })).rejects.toThrow(UserExistsError);
      expect((await users.findCredentials('WANG'))?.passwordHash).toBe('h1');
      await users.updateUser(wang.id, { role: 'inspector', facilities: [], disabled: true, passwordHash: 'h3' });
      expect(await users.getUser(wang.id)).toMatchObject({ role: 'inspector', facilities: [], disabled: true });
      expect((await users.findCredentials('wang'))?.passwordHash).toBe('h3');
      await users.createUser({ name: 'admin', role: 'admin', passwordHash: 'h', facilities: [] });
      expect((await users.listUsers()).map((u) => u.name)).toEqual(['admin', 'Wang']);
      expect(await users.getUser(9999)).toBeNull();
      await store.close();
    });

    it('keeps sessions and tokens, and forgets them when asked', async () => {
      const store = await open();
      const users = userStoreFor(store);
      const li = await users.createUser({ name: 'li', role: 'inspector', passwordHash: 'h', facilities: [] });
      const session = { idHash: 'a'.repeat(64), userId: li.id, csrfToken: 'c', createdAt: '2026-01-01T00:00:00Z', expiresAt: '2026-01-02T00:00:00Z' };
      await users.createSession(session);
      await users.createSession({ ...session, idHash: 'b'.repeat(64), userId: null, expiresAt: '2027-01-01T00:00:00Z' });
      expect(await users.getSession(session.idHash)).toEqual(session);
      expect(await users.deleteExpiredSessions('2026-06-01T00:00:00Z')).toBe(1);
      expect(await users.getSession(session.idHash)).toBeNull();
      await users.createSession(session);
      await users.deleteSessionsOf(li.id);
      expect(await users.getSession(session.idHash)).toBeNull();
      await users.deleteSession('b'.repeat(64));
      expect(await users.getSession('b'.repeat(64))).toBeNull();
      const id = await users.createToken(li.id, 't'.repeat(64), '2030-01-01T00:00:00.000Z');
      expect((await users.findUserByToken('t'.repeat(64), '2029-12-31T23:59:59.999Z'))?.name).toBe('li');
      expect(await users.findUserByToken('t'.repeat(64), '2030-01-01T00:00:00.000Z')).toBeNull();
      expect(await users.findUserByToken('x'.repeat(64))).toBeNull();
      expect(await users.listTokens(li.id)).toEqual([{ id, userId: li.id, userName: 'li', createdAt: expect.any(String), expiresAt: '2030-01-01T00:00:00.000Z' }]);
      expect(await users.revokeToken(id)).toBe(true);
      expect(await users.revokeToken(id)).toBe(false);
      expect(await users.findUserByToken('t'.repeat(64), '2029-01-01T00:00:00.000Z')).toBeNull();
      await store.close();
    });

    it('a token expires after 90 days unless told otherwise, and dies with a new password or role', async () => {
      const store = await open();
      const users = userStoreFor(store);
      const li = await users.createUser({ name: 'li', role: 'inspector', passwordHash: 'h', facilities: [] });
      const now = new Date('2026-03-01T00:00:00.000Z');
      const issued = await issueApiToken(users, li, undefined, now);
      expect(issued.expiresAt).toBe('2026-05-30T00:00:00.000Z');
      expect((await users.findUserByToken(sha256(issued.token), '2026-05-29T23:59:59.000Z'))?.name).toBe('li');
      expect(await users.findUserByToken(sha256(issued.token), '2026-05-30T00:00:00.000Z')).toBeNull();
      const alive = async () => (await users.listTokens(li.id)).length;
      await issueApiToken(users, li);
      await users.updateUser(li.id, { disabled: false, facilities: [] });
      expect(await alive()).toBe(2); // nothing that carries rights changed
      await users.updateUser(li.id, { role: 'inspector' });
      expect(await alive()).toBe(2); // the same role
      await users.updateUser(li.id, { passwordHash: 'new' });
      expect(await alive()).toBe(0);
      await issueApiToken(users, li);
      await users.updateUser(li.id, { role: 'reviewer' });
      expect(await alive()).toBe(0);
      await issueApiToken(users, li);
      await issueApiToken(users, li);
      expect(await users.revokeTokensOf(li.id)).toBe(2);
      await store.close();
    });

    it('instances starting together on an empty database create exactly one admin', async () => {
      const location = await newLocation();
      const stores = [openStore(location), openStore(location), openStore(location)];
      const env = { ELDERCARE_AUDIT_ADMIN_PASSWORD: 'a-long-admin-password' };
      // Each counts no users, then hashes the password (tens of ms) before it writes.
      const created = await Promise.all(stores.map((store) => ensureAdmin(userStoreFor(store), env)));
      expect(created.filter((admin) => admin !== null)).toHaveLength(1);
      expect((await userStoreFor(stores[0]!).listUsers()).map((u) => [u.name, u.role])).toEqual([['admin', 'admin']]);
      expect(await ensureAdmin(userStoreFor(stores[1]!), env)).toBeNull();
      await Promise.all(stores.map((store) => store.close()));
    });
  });
}
