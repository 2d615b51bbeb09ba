// The PostgreSQL engine of the user store, on the audit store's connection pool, so that any
// app instance answers any request: a session made on one instance is found by the others, a
// token made by the CLI works everywhere at once.
import type pg from 'pg';
import type { PostgresStore } from './postgres.js';
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
  (SELECT string_agg(jurisdiction || chr(30) || facility_id, chr(31) ORDER BY jurisdiction, facility_id)
     FROM user_facilities f WHERE f.user_id = u.id) AS facilities`;

const TOKEN_COLUMNS = 't.id, t.user_id, u.name AS user_name, t.created_at, t.expires_at';

/** Serialises the creation of the first user across instances (an arbitrary advisory-lock key). */
const FIRST_USER_LOCK = 7_340_021_612;

export class PostgresUserStore implements UserStore {
  constructor(private readonly store: PostgresStore) {}

  private async rows<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
    await this.store.ready;
    try {
      return (await this.store.pool.query<R>(sql, params)).rows;
    } catch (error) {
      throw writeFailure(error, NOTHING_SAVED);
    }
  }

  /** Runs `work` in one transaction on one connection. */
  private transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return this.store.transaction(work).catch((error: unknown) => {
      throw writeFailure(error, NOTHING_SAVED);
    });
  }

  private static async setFacilities(client: pg.PoolClient, userId: number, facilities: FacilityRef[]): Promise<void> {
    await client.query('DELETE FROM user_facilities WHERE user_id = $1', [userId]);
    await client.query(
      'INSERT INTO user_facilities (user_id, jurisdiction, facility_id) SELECT $1, j, f FROM unnest($2::text[], $3::text[]) AS x(j, f) ON CONFLICT DO NOTHING',
      [userId, facilities.map((f) => f.jurisdiction), facilities.map((f) => f.id)],
    );
  }

  private static async insertUser(client: pg.PoolClient, user: NewUser): Promise<number> {
    const inserted = await client.query<{ id: number }>(
      `INSERT INTO users (name, role, password_hash, disabled, created_at, updated_at) VALUES ($1, $2, $3, 0, $4, $4) RETURNING id`,
      [user.name, user.role, user.passwordHash, new Date().toISOString()],
    );
    const userId = inserted.rows[0]!.id;
    await PostgresUserStore.setFacilities(client, userId, user.facilities);
    return userId;
  }

  async countUsers(): Promise<number> {
    return (await this.rows<{ n: number }>('SELECT CAST(count(*) AS INTEGER) AS n FROM users'))[0]!.n;
  }

  async createUser(user: NewUser): Promise<User> {
    try {
      const id = await this.transaction((client) => PostgresUserStore.insertUser(client, user));
      return (await this.getUser(id))!;
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw new UserExistsError(user.name);
      throw error;
    }
  }

  async createFirstUser(user: NewUser): Promise<User | null> {
    // A transaction-level advisory lock: the second instance waits for the first to commit,
    // then counts one user and creates nothing.
    const id = await this.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [FIRST_USER_LOCK]);
      const { rows } = await client.query<{ n: number }>('SELECT CAST(count(*) AS INTEGER) AS n FROM users');
      return rows[0]!.n > 0 ? null : PostgresUserStore.insertUser(client, user);
    });
    return id === null ? null : this.getUser(id);
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
      const before = await client.query<{ role: string }>('SELECT role FROM users WHERE id = $1 FOR UPDATE', [id]);
      await client.query(
        `UPDATE users SET role = coalesce($2, role), disabled = coalesce($3, disabled),
           password_hash = coalesce($4, password_hash), updated_at = $5 WHERE id = $1`,
        [id, changes.role ?? null, changes.disabled === undefined ? null : Number(changes.disabled), changes.passwordHash ?? null, new Date().toISOString()],
      );
      if (changes.facilities) await PostgresUserStore.setFacilities(client, id, changes.facilities);
      // A token carries the rights of the password and role it was made under.
      if (changes.passwordHash !== undefined || (changes.role !== undefined && changes.role !== before.rows[0]?.role)) {
        await client.query('DELETE FROM api_tokens WHERE user_id = $1', [id]);
      }
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

  async createToken(userId: number, tokenHash: string, expiresAt: string): Promise<number> {
    const [row] = await this.rows<{ id: number }>(
      'INSERT INTO api_tokens (user_id, token_hash, created_at, expires_at) VALUES ($1, $2, $3, $4) RETURNING id',
      [userId, tokenHash, new Date().toISOString(), expiresAt],
    );
    return row!.id;
  }

  async findUserByToken(tokenHash: string, now = new Date().toISOString()): Promise<User | null> {
    const [row] = await this.rows<UserRow>(
      `SELECT ${USER_COLUMNS} FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1 AND t.expires_at > $2`,
      [tokenHash, now],
    );
    return row ? userFromRow(row) : null;
  }

  async listTokens(userId?: number): Promise<TokenRecord[]> {
    const rows = await this.rows<TokenRow>(
      `SELECT ${TOKEN_COLUMNS} FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE $1::int4 IS NULL OR t.user_id = $1 ORDER BY t.id`,
      [userId ?? null],
    );
    return rows.map(tokenFromRow);
  }

  async revokeToken(id: number): Promise<boolean> {
    await this.store.ready;
    return ((await this.store.pool.query('DELETE FROM api_tokens WHERE id = $1', [id])).rowCount ?? 0) > 0;
  }

  async revokeTokensOf(userId: number): Promise<number> {
    await this.store.ready;
    return (await this.store.pool.query('DELETE FROM api_tokens WHERE user_id = $1', [userId])).rowCount ?? 0;
  }
}
