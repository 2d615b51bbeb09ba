// The PostgreSQL engine of the user store, on the audit store's connection pool, so that any
// app instance answers any request: a session made on one instance is found by the others, a
// token made by the CLI works everywhere at once.
import type pg from 'pg';
import type { PostgresStore } from './postgres.js';
import { UserExistsError, type NewUser, type SessionRecord, type User, type UserChanges, type UserStore } from './users-types.js';
import { sessionFromRow, userFromRow, type SessionRow, type UserRow } from './users-rows.js';

// Facility ids joined with a separator no id can hold, so one query returns a whole user.
const USER_COLUMNS = `u.id, u.name, u.role, u.password_hash, u.disabled, u.created_at,
  (SELECT string_agg(facility_id, chr(31) ORDER BY facility_id) FROM user_facilities f WHERE f.user_id = u.id) AS facilities`;

export class PostgresUserStore implements UserStore {
  constructor(private readonly store: PostgresStore) {}

  private async rows<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
    await this.store.ready;
    return (await this.store.pool.query<R>(sql, params)).rows;
  }

  /** Runs `work` in one transaction on one connection. */
  /** Runs `work` in one transaction on one connection. */
  private transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return this.store.transaction(work);
  }


  private static async setFacilities(client: pg.PoolClient, userId: number, facilities: string[]): Promise<void> {
    await client.query('DELETE FROM user_facilities WHERE user_id = $1', [userId]);
    await client.query('INSERT INTO user_facilities (user_id, facility_id) SELECT $1, f FROM unnest($2::text[]) AS f ON CONFLICT DO NOTHING', [userId, facilities]);
  }

  async countUsers(): Promise<number> {
    return (await this.rows<{ n: number }>('SELECT CAST(count(*) AS INTEGER) AS n FROM users'))[0]!.n;
  }

  async createUser(user: NewUser): Promise<User> {
    const now = new Date().toISOString();
    try {
      const id = await this.transaction(async (client) => {
        const inserted = await client.query<{ id: number }>(
          `INSERT INTO users (name, role, password_hash, disabled, created_at, updated_at) VALUES ($1, $2, $3, 0, $4, $4) RETURNING id`,
          [user.name, user.role, user.passwordHash, now],
        );
        const userId = inserted.rows[0]!.id;
        await PostgresUserStore.setFacilities(client, userId, user.facilities);
        return userId;
      });
      return (await this.getUser(id))!;
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw new UserExistsError(user.name);
      throw error;
    }
  }

  async getUser(id: number): Promise<User | null> {
    const [row] = await this.rows<UserRow>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.id = $1`, [id]);
    return row ? userFromRow(row) : null;
  }

  async findCredentials(name: string): Promise<{ user: User; passwordHash: string } | null> {
    const [row] = await this.rows<UserRow>(`SELECT ${USER_COLUMNS} FROM users u WHERE lower(u.name) = lower($1)`, [name]);
    return row ? { user: userFromRow(row), passwordHash: row.password_hash } : null;
  }

  async findUserByName(name: string): Promise<User | null> {
    return (await this.findCredentials(name))?.user ?? null;
  }

  async listUsers(): Promise<User[]> {
    return (await this.rows<UserRow>(`SELECT ${USER_COLUMNS} FROM users u ORDER BY lower(u.name), u.name`)).map(userFromRow);
  }

  async updateUser(id: number, changes: UserChanges): Promise<void> {
    await this.transaction(async (client) => {
      await client.query(
        `UPDATE users SET role = coalesce($2, role), disabled = coalesce($3, disabled),
           password_hash = coalesce($4, password_hash), updated_at = $5 WHERE id = $1`,
        [id, changes.role ?? null, changes.disabled === undefined ? null : Number(changes.disabled), changes.passwordHash ?? null, new Date().toISOString()],
      );
      if (changes.facilities) await PostgresUserStore.setFacilities(client, id, changes.facilities);
    });
  }

  async createSession(session: SessionRecord): Promise<void> {
    await this.rows('INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)', [
      session.idHash,
      session.userId,
      session.csrfToken,
      session.createdAt,
      session.expiresAt,
    ]);
  }

  async getSession(idHash: string): Promise<SessionRecord | null> {
    const [row] = await this.rows<SessionRow>('SELECT * FROM sessions WHERE id_hash = $1', [idHash]);
    return row ? sessionFromRow(row) : null;
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.rows('DELETE FROM sessions WHERE id_hash = $1', [idHash]);
  }

  async deleteSessionsOf(userId: number): Promise<void> {
    await this.rows('DELETE FROM sessions WHERE user_id = $1', [userId]);
  }

  async deleteExpiredSessions(now: string): Promise<number> {
    await this.store.ready;
    return (await this.store.pool.query('DELETE FROM sessions WHERE expires_at <= $1', [now])).rowCount ?? 0;
  }

  async createToken(userId: number, tokenHash: string): Promise<void> {
    await this.rows('INSERT INTO api_tokens (user_id, token_hash, created_at) VALUES ($1, $2, $3)', [userId, tokenHash, new Date().toISOString()]);
  }

  async findUserByToken(tokenHash: string): Promise<User | null> {
    const [row] = await this.rows<UserRow>(`SELECT ${USER_COLUMNS} FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1`, [tokenHash]);
    return row ? userFromRow(row) : null;
  }
}
