// The rows of the user tables and their mapping to objects, shared by both engines.
import type { Role, SessionRecord, User } from './users-types.js';

export interface UserRow {
  id: number;
  name: string;
  role: Role;
  password_hash: string;
  disabled: number;
  created_at: string;
  /** The user's facility ids joined by U+001F, a separator no id can hold. */
  facilities: string | null;
}

export interface SessionRow {
  id_hash: string;
  user_id: number | null;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export function userFromRow(row: UserRow): User {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    facilities: row.facilities ? row.facilities.split('\u001f') : [],
    disabled: row.disabled === 1,
    createdAt: row.created_at,
  };
}

export function sessionFromRow(row: SessionRow): SessionRecord {
  return { idHash: row.id_hash, userId: row.user_id, csrfToken: row.csrf_token, createdAt: row.created_at, expiresAt: row.expires_at };
}
