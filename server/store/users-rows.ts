// The rows of the user tables and their mapping to objects, shared by both engines.
import type { FacilityRef, Role, SessionRecord, TokenRecord, User } from './users-types.js';

export interface UserRow {
  id: number;
  name: string;
  role: Role;
  password_hash: string;
  disabled: number;
  created_at: string;
  /** The user's facilities as `jurisdiction` U+001E `id`, joined by U+001F: separators no id can hold. */
  facilities: string | null;
}

export interface TokenRow {
  id: number;
  user_id: number;
  user_name: string;
  created_at: string;
  expires_at: string;
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
    facilities: row.facilities ? row.facilities.split('\u001f').map(facilityFromText) : [],
    disabled: row.disabled === 1,
    createdAt: row.created_at,
  };
}

export function sessionFromRow(row: SessionRow): SessionRecord {
  return { idHash: row.id_hash, userId: row.user_id, csrfToken: row.csrf_token, createdAt: row.created_at, expiresAt: row.expires_at };
}

function facilityFromText(text: string): FacilityRef {
  const [jurisdiction = '', id = ''] = text.split('\u001e');
  return { jurisdiction, id };
}

export function tokenFromRow(row: TokenRow): TokenRecord {
  return { id: Number(row.id), userId: Number(row.user_id), userName: row.user_name, createdAt: row.created_at, expiresAt: row.expires_at };
}
