// API tokens: made by the command line for a user, shown once, kept only as their sha256, and
// valid for a stated number of days (90 unless said otherwise). A new password or role revokes
// them (the user store does that), and an admin can revoke any one.
import type { User, UserStore } from '../store/users-types.js';
import { newApiToken, sha256 } from './secrets.js';

export const DEFAULT_TOKEN_DAYS = 90;
/** A token lives at most this long: a forgotten token should not outlive its purpose by years. */
export const MAX_TOKEN_DAYS = 3650;

export interface IssuedToken {
  id: number;
  /** The token itself: shown this once, never stored. */
  token: string;
  expiresAt: string;
}

export async function issueApiToken(users: UserStore, user: User, days = DEFAULT_TOKEN_DAYS, now = new Date()): Promise<IssuedToken> {
  if (!Number.isInteger(days) || days < 1 || days > MAX_TOKEN_DAYS) throw new RangeError(`a token lives 1 to ${MAX_TOKEN_DAYS} days, not ${days}`);
  const token = newApiToken();
  const expiresAt = new Date(now.getTime() + days * 24 * 60 * 60 * 1000).toISOString();
  const id = await users.createToken(user.id, sha256(token), expiresAt);
  return { id, token, expiresAt };
}
