// The users of the web app, their sessions and API tokens: one interface, engines beside the
// audit store's (SQLite first). Secrets never reach the store in the clear: it is handed the
// scrypt hash of a password and the sha256 of a session id or token.

export const ROLES = ['admin', 'inspector', 'facility_manager', 'reviewer'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export interface User {
  id: number;
  name: string;
  role: Role;
  /** The facility ids a facility manager is bound to (empty for the other roles). */
  facilities: string[];
  disabled: boolean;
  createdAt: string;
}

export interface NewUser {
  name: string;
  role: Role;
  passwordHash: string;
  facilities: string[];
}

export interface UserChanges {
  role?: Role;
  facilities?: string[];
  disabled?: boolean;
  passwordHash?: string;
}

export interface SessionRecord {
  idHash: string;
  userId: number | null;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
}

export interface UserStore {
  countUsers(): Promise<number>;
  /** Throws UserExistsError when the name (case-insensitive) is taken. */
  createUser(user: NewUser): Promise<User>;
  getUser(id: number): Promise<User | null>;
  /** The user and their password hash, for logging in. */
  findCredentials(name: string): Promise<{ user: User; passwordHash: string } | null>;
  findUserByName(name: string): Promise<User | null>;
  listUsers(): Promise<User[]>;
  updateUser(id: number, changes: UserChanges): Promise<void>;

  createSession(session: SessionRecord): Promise<void>;
  getSession(idHash: string): Promise<SessionRecord | null>;
  deleteSession(idHash: string): Promise<void>;
  /** Logs a user out everywhere (after a password reset or when disabled). */
  deleteSessionsOf(userId: number): Promise<void>;
  deleteExpiredSessions(now: string): Promise<number>;

  createToken(userId: number, tokenHash: string): Promise<void>;
  findUserByToken(tokenHash: string): Promise<User | null>;
}

export class UserExistsError extends Error {
  constructor(readonly userName: string) {
    super(`用户“${userName}”已存在 / user "${userName}" already exists`);
    this.name = 'UserExistsError';
  }
}
