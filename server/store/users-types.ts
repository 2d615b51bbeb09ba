// The users of the web app, their sessions and API tokens: one interface, engines beside the
// audit store's (SQLite first). Secrets never reach the store in the clear: it is handed the
// scrypt hash of a password and the sha256 of a session id or token.

export const ROLES = ['admin', 'inspector', 'facility_manager', 'reviewer'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/**
 * A facility as the workbooks know it: its id (机构编号) is unique only within its jurisdiction,
 * so two counties may both have a `TX-002`. Everything that binds or looks up a facility uses
 * both parts.
 */
export interface FacilityRef {
  jurisdiction: string;
  id: string;
}

export interface User {
  id: number;
  name: string;
  role: Role;
  /** The facilities a facility manager is bound to (empty for the other roles). */
  facilities: FacilityRef[];
  disabled: boolean;
  createdAt: string;
}

export interface NewUser {
  name: string;
  role: Role;
  passwordHash: string;
  facilities: FacilityRef[];
}

export interface UserChanges {
  role?: Role;
  facilities?: FacilityRef[];
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

/** An API token as listed: never the token itself (the store only has its hash). */
export interface TokenRecord {
  id: number;
  userId: number;
  userName: string;
  createdAt: string;
  expiresAt: string;
}

export interface UserStore {
  countUsers(): Promise<number>;
  /** Throws UserExistsError when the name (case-insensitive) is taken. */
  createUser(user: NewUser): Promise<User>;
  /**
   * Creates `user` only when there are no users at all, atomically: of several instances
   * starting together on an empty database exactly one creates it; the others get null.
   */
  createFirstUser(user: NewUser): Promise<User | null>;
  getUser(id: number): Promise<User | null>;
  /** The user and their password hash, for logging in. */
  findCredentials(name: string): Promise<{ user: User; passwordHash: string } | null>;
  findUserByName(name: string): Promise<User | null>;
  listUsers(): Promise<User[]>;
  /** A new password or a new role also revokes every API token of the user. */
  updateUser(id: number, changes: UserChanges): Promise<void>;

  createSession(session: SessionRecord): Promise<void>;
  getSession(idHash: string): Promise<SessionRecord | null>;
  deleteSession(idHash: string): Promise<void>;
  /** Logs a user out everywhere (after a password reset or when disabled). */
  deleteSessionsOf(userId: number): Promise<void>;
  deleteExpiredSessions(now: string): Promise<number>;

  /** Stores a token's hash with its expiry; returns the token's id (for listing and revoking). */
  createToken(userId: number, tokenHash: string, expiresAt: string): Promise<number>;
  /** The user of a token that has not expired at `now`. */
  findUserByToken(tokenHash: string, now?: string): Promise<User | null>;
  /** Every token, or one user's, oldest first. */
  listTokens(userId?: number): Promise<TokenRecord[]>;
  /** True when there was such a token. */
  revokeToken(id: number): Promise<boolean>;
  revokeTokensOf(userId: number): Promise<number>;
}

export class UserExistsError extends Error {
  constructor(readonly userName: string) {
    super(`用户“${userName}”已存在 / user "${userName}" already exists`);
    this.name = 'UserExistsError';
  }
}

/** `tongxiang:TX-002`: how a binding is written on the command line and in the admin form. */
export function facilityText(ref: FacilityRef): string {
  return `${ref.jurisdiction}:${ref.id}`;
}

export function sameFacility(a: FacilityRef, b: FacilityRef): boolean {
  return a.jurisdiction === b.jurisdiction && a.id === b.id;
}
