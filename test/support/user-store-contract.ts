// What every engine's user store must do alike: users with case-insensitive names and their
// facilities, sessions and tokens (kept as hashes by the callers).
import { describe, expect, it } from 'vitest';
import type { AuditStore } from '../../server/store/types.js';
import { userStoreFor } from '../../server/store/users.js';
import { UserExistsError } from '../../server/store/users-types.js';

export function userStoreContract(open: () => Promise<AuditStore>): void {
  describe('the user store', () => {
    it('creates, finds, updates and lists users; names are unique whatever their case', async () => {
      const store = await open();
      const users = userStoreFor(store);
      expect(await users.countUsers()).toBe(0);
      const wang = await users.createUser({ name: 'Wang', role: 'facility_manager', passwordHash: 'h1', facilities: ['TX-002', 'TX-001'] });
      expect(wang).toMatchObject({ name: 'Wang', role: 'facility_manager', facilities: ['TX-001', 'TX-002'], disabled: false });
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
      await users.createToken(li.id, 't'.repeat(64));
      expect((await users.findUserByToken('t'.repeat(64)))?.name).toBe('li');
      expect(await users.findUserByToken('x'.repeat(64))).toBeNull();
      await store.close();
    });
  });
}
