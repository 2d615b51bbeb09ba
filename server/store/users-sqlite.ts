// The SQLite engine of the user store. It shares the audit store's database handle (one file,
// one WAL, one backup), and the tables of migration 002.
import type { Database, Statement } from 'better-sqlite3';
import { UserExistsError, type NewUser, type SessionRecord, type User, type UserChanges, type UserStore } from './users-types.js';
import { sessionFromRow, userFromRow, type SessionRow, type UserRow } from './users-rows.js';

// Facility ids joined with a separator no id can hold, so one query returns a whole user.
const USER_COLUMNS = `u.id, u.name, u.role, u.password_hash, u.disabled, u.created_at,
  (SELECT group_concat(facility_id, char(31)) FROM (SELECT facility_id FROM user_facilities f
     WHERE f.user_id = u.id ORDER BY facility_id)) AS facilities`;

export class SqliteUserStore implements UserStore {
  private readonly s: Record<string, Statement>;
  private readonly setFacilities: (userId: number, facilities: string[]) => void;

  constructor(private readonly db: Database) {
    this.s = {
      count: db.prepare('SELECT count(*) AS n FROM users'),
      insertUser: db.prepare(`INSERT INTO users (name, role, password_hash, disabled, created_at, updated_at)
        VALUES (?, ?, ?, 0, ?, ?)`),
      byId: db.prepare(`SELECT ${USER_COLUMNS} FROM users u WHERE u.id = ?`),
      byName: db.prepare(`SELECT ${USER_COLUMNS} FROM users u WHERE u.name = ?`),
      all: db.prepare(`SELECT ${USER_COLUMNS} FROM users u ORDER BY u.name`),
      clearFacilities: db.prepare('DELETE FROM user_facilities WHERE user_id = ?'),
      addFacility: db.prepare('INSERT OR IGNORE INTO user_facilities (user_id, facility_id) VALUES (?, ?)'),
      update: db.prepare(`UPDATE users SET role = coalesce(@role, role), disabled = coalesce(@disabled, disabled),
        password_hash = coalesce(@password_hash, password_hash), updated_at = @updated_at WHERE id = @id`),
      insertSession: db.prepare(`INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at)
        VALUES (@idHash, @userId, @csrfToken, @createdAt, @expiresAt)`),
      getSession: db.prepare('SELECT * FROM sessions WHERE id_hash = ?'),
      deleteSession: db.prepare('DELETE FROM sessions WHERE id_hash = ?'),
      deleteSessionsOf: db.prepare('DELETE FROM sessions WHERE user_id = ?'),
      deleteExpired: db.prepare('DELETE FROM sessions WHERE expires_at <= ?'),
      insertToken: db.prepare('INSERT INTO api_tokens (user_id, token_hash, created_at) VALUES (?, ?, ?)'),
      byToken: db.prepare(`SELECT ${USER_COLUMNS} FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?`),
    };
    this.setFacilities = db.transaction((userId: number, facilities: string[]) => {
      this.s.clearFacilities!.run(userId);
      for (const facility of facilities) this.s.addFacility!.run(userId, facility);
    });
  }

  async countUsers(): Promise<number> {
    return (this.s.count!.get() as { n: number }).n;
  }

  async createUser(user: NewUser): Promise<User> {
    const now = new Date().toISOString();
    const create = this.db.transaction(() => {
      const id = Number(this.s.insertUser!.run(user.name, user.role, user.passwordHash, now, now).lastInsertRowid);
      this.setFacilities(id, user.facilities);
      return id;
    });
    try {
      return (await this.getUser(create.immediate()))!;
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new UserExistsError(user.name);
      throw error;
    }
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
      this.s.update!.run({
        id,
        role: changes.role ?? null,
        disabled: changes.disabled === undefined ? null : Number(changes.disabled),
        password_hash: changes.passwordHash ?? null,
        updated_at: new Date().toISOString(),
      });
      if (changes.facilities) this.setFacilities(id, changes.facilities);
    });
    update.immediate();
  }

  async createSession(session: SessionRecord): Promise<void> {
    this.s.insertSession!.run(session);
  }

  async getSession(idHash: string): Promise<SessionRecord | null> {
    const row = this.s.getSession!.get(idHash) as SessionRow | undefined;
    return row ? sessionFromRow(row) : null;
  }

  async deleteSession(idHash: string): Promise<void> {
    this.s.deleteSession!.run(idHash);
  }

  async deleteSessionsOf(userId: number): Promise<void> {
    this.s.deleteSessionsOf!.run(userId);
  }

  async deleteExpiredSessions(now: string): Promise<number> {
    return this.s.deleteExpired!.run(now).changes;
  }

  async createToken(userId: number, tokenHash: string): Promise<void> {
    this.s.insertToken!.run(userId, tokenHash, new Date().toISOString());
  }

  async findUserByToken(tokenHash: string): Promise<User | null> {
    const row = this.s.byToken!.get(tokenHash) as UserRow | undefined;
    return row ? userFromRow(row) : null;
  }
}
