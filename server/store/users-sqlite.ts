// The SQLite engine of the user store. It shares the audit store's database handle (one file,
// one WAL, one backup), and the tables of migrations 002 and 003. A write the machine refuses
// (full disk, read-only file) is a StoreError with a sentence, as for audits.
import type { Database, Statement } from 'better-sqlite3';
import type { SqliteStore } from './sqlite.js';
import { NOTHING_SAVED, writeFailure } from './write-failures.js';
import {
  UserExistsError,
  type FacilityRef,
  type NewUser,
  type SessionRecord,
  type TokenRecord,
  type User,
  type UserChanges,
  type UserStore,
} from './users-types.js';
import { sessionFromRow, tokenFromRow, userFromRow, type SessionRow, type TokenRow, type UserRow } from './users-rows.js';

// Facilities joined with separators no id can hold, so one query returns a whole user.
const USER_COLUMNS = `u.id, u.name, u.role, u.password_hash, u.disabled, u.created_at,
  (SELECT group_concat(jurisdiction || char(30) || facility_id, char(31)) FROM (SELECT jurisdiction, facility_id
     FROM user_facilities f WHERE f.user_id = u.id ORDER BY jurisdiction, facility_id)) AS facilities`;

const TOKEN_COLUMNS = 't.id, t.user_id, u.name AS user_name, t.created_at, t.expires_at';


export class SqliteUserStore implements UserStore {
  private readonly s: Record<string, Statement>;
  private readonly setFacilities: (userId: number, facilities: FacilityRef[]) => void;

  private readonly db: Database;

  constructor(private readonly store: SqliteStore) {
    const db = store.database;
    this.db = db;
    this.s = {
      count: db.prepare('SELECT count(*) AS n FROM users'),
      insertUser: db.prepare(`INSERT INTO users (name, role, password_hash, disabled, created_at, updated_at)
        VALUES (?, ?, ?, 0, ?, ?)`),
      byId: db.prepare(`SELECT ${USER_COLUMNS} FROM users u WHERE u.id = ?`),
      byName: db.prepare(`SELECT ${USER_COLUMNS} FROM users u WHERE u.name = ?`),
      all: db.prepare(`SELECT ${USER_COLUMNS} FROM users u ORDER BY u.name`),
      clearFacilities: db.prepare('DELETE FROM user_facilities WHERE user_id = ?'),
      addFacility: db.prepare('INSERT OR IGNORE INTO user_facilities (user_id, jurisdiction, facility_id) VALUES (?, ?, ?)'),
      role: db.prepare('SELECT role FROM users WHERE id = ?'),
      update: db.prepare(`UPDATE users SET role = coalesce(@role, role), disabled = coalesce(@disabled, disabled),
        password_hash = coalesce(@password_hash, password_hash), updated_at = @updated_at WHERE id = @id`),
      insertSession: db.prepare(`INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at)
        VALUES (@idHash, @userId, @csrfToken, @createdAt, @expiresAt)`),
      getSession: db.prepare('SELECT * FROM sessions WHERE id_hash = ?'),
      deleteSession: db.prepare('DELETE FROM sessions WHERE id_hash = ?'),
      deleteSessionsOf: db.prepare('DELETE FROM sessions WHERE user_id = ?'),
      deleteExpired: db.prepare('DELETE FROM sessions WHERE expires_at <= ?'),
      insertToken: db.prepare('INSERT INTO api_tokens (user_id, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?)'),
      byToken: db.prepare(`SELECT ${USER_COLUMNS} FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ? AND t.expires_at > ?`),
      tokens: db.prepare(`SELECT ${TOKEN_COLUMNS} FROM api_tokens t JOIN users u ON u.id = t.user_id
        WHERE @user IS NULL OR t.user_id = @user ORDER BY t.id`),
      revokeToken: db.prepare('DELETE FROM api_tokens WHERE id = ?'),
      revokeTokensOf: db.prepare('DELETE FROM api_tokens WHERE user_id = ?'),
    };
    this.setFacilities = db.transaction((userId: number, facilities: FacilityRef[]) => {
      this.s.clearFacilities!.run(userId);
      for (const facility of facilities) this.s.addFacility!.run(userId, facility.jurisdiction, facility.id);
    });
  }

  /**
   * A write that waits without blocking while an audit is being stored by another connection,
   * the machine's refusals (full disk, read-only file) turned into StoreError.
   */
  private async writing<T>(write: () => T): Promise<T> {
    try {
      return await this.store.writeSoon(write);
    } catch (error) {
      throw writeFailure(error, NOTHING_SAVED);
    }
  }

  async countUsers(): Promise<number> {
    return (this.s.count!.get() as { n: number }).n;
  }

  private insertUser(user: NewUser): number {
    const now = new Date().toISOString();
    const id = Number(this.s.insertUser!.run(user.name, user.role, user.passwordHash, now, now).lastInsertRowid);
    this.setFacilities(id, user.facilities);
    return id;
  }

  async createUser(user: NewUser): Promise<User> {
    try {
      return (await this.getUser(await this.writing(() => this.db.transaction(() => this.insertUser(user)).immediate())))!;
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new UserExistsError(user.name);
      throw error;
    }
  }

  async createFirstUser(user: NewUser): Promise<User | null> {
    // BEGIN IMMEDIATE holds the write lock from the count to the insert: no second process
    // can count zero in between.
    const create = this.db.transaction(() => ((this.s.count!.get() as { n: number }).n > 0 ? null : this.insertUser(user)));
    const id = await this.writing(() => create.immediate());
    return id === null ? null : this.getUser(id);
  }

  async getUser(id: number): Promise<User | null> {
    const row = this.s.byId!.get(id) as UserRow | undefined;
    return row ? userFromRow(row) : null;
  }

  async findCredentials(name: string): Promise<{ user: User; passwordHash: string } | null> {
    const row = this.s.byName!.get(name) as UserRow | undefined;
    return row ? { user: userFromRow(row), passwordHash: row.password_hash } : null;
  }

  async findUserByName(name: string): Promise<User | null> {
    return (await this.findCredentials(name))?.user ?? null;
  }

  async listUsers(): Promise<User[]> {
    return (this.s.all!.all() as UserRow[]).map(userFromRow);
  }

  async updateUser(id: number, changes: UserChanges): Promise<void> {
    const update = this.db.transaction(() => {
      const before = this.s.role!.get(id) as { role: string } | undefined;
      this.s.update!.run({
        id,
        role: changes.role ?? null,
        disabled: changes.disabled === undefined ? null : Number(changes.disabled),
        password_hash: changes.passwordHash ?? null,
        updated_at: new Date().toISOString(),
      });
      if (changes.facilities) this.setFacilities(id, changes.facilities);
      // A token carries the rights of the password and role it was made under.
      if (changes.passwordHash !== undefined || (changes.role !== undefined && changes.role !== before?.role)) this.s.revokeTokensOf!.run(id);
    });
    await this.writing(() => update.immediate());
  }

  async createSession(session: SessionRecord): Promise<void> {
    await this.writing(() => this.s.insertSession!.run(session));
  }

  async getSession(idHash: string): Promise<SessionRecord | null> {
    const row = this.s.getSession!.get(idHash) as SessionRow | undefined;
    return row ? sessionFromRow(row) : null;
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.writing(() => this.s.deleteSession!.run(idHash));
  }

  async deleteSessionsOf(userId: number): Promise<void> {
    await this.writing(() => this.s.deleteSessionsOf!.run(userId));
  }

  async deleteExpiredSessions(now: string): Promise<number> {
    return await this.writing(() => this.s.deleteExpired!.run(now).changes);
  }

  async createToken(userId: number, tokenHash: string, expiresAt: string): Promise<number> {
    return await this.writing(() => Number(this.s.insertToken!.run(userId, tokenHash, new Date().toISOString(), expiresAt).lastInsertRowid));
  }

  async findUserByToken(tokenHash: string, now = new Date().toISOString()): Promise<User | null> {
    const row = this.s.byToken!.get(tokenHash, now) as UserRow | undefined;
    return row ? userFromRow(row) : null;
  }

  async listTokens(userId?: number): Promise<TokenRecord[]> {
    return (this.s.tokens!.all({ user: userId ?? null }) as TokenRow[]).map(tokenFromRow);
  }

  async revokeToken(id: number): Promise<boolean> {
    return await this.writing(() => this.s.revokeToken!.run(id).changes > 0);
  }

  async revokeTokensOf(userId: number): Promise<number> {
    return await this.writing(() => this.s.revokeTokensOf!.run(userId).changes);
  }
}
