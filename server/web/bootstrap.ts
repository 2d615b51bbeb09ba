// The first start: with no users at all, one `admin` account is created (once, however many
// instances start together), with the password of
// ELDERCARE_AUDIT_ADMIN_PASSWORD or a random one that the caller prints once.
import type { UserStore } from '../store/users-types.js';
import { hashPassword, MIN_PASSWORD_LENGTH, randomPassword } from './passwords.js';

export const ADMIN_PASSWORD_ENV = 'ELDERCARE_AUDIT_ADMIN_PASSWORD';

export interface CreatedAdmin {
  name: string;
  /** The generated password to print; null when it came from the environment. */
  password: string | null;
}

export async function ensureAdmin(users: UserStore, env: NodeJS.ProcessEnv = process.env): Promise<CreatedAdmin | null> {
  if ((await users.countUsers()) > 0) return null;
  const given = env[ADMIN_PASSWORD_ENV] || undefined;
  if (given !== undefined && given.length < MIN_PASSWORD_LENGTH) {
    throw new Error(`${ADMIN_PASSWORD_ENV} must have at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  const password = given ?? randomPassword();
  // Several instances may start together on one empty database: the store creates the admin
  // only while there are no users at all, so exactly one of them does and the others go on.
  const created = await users.createFirstUser({ name: 'admin', role: 'admin', facilities: [], passwordHash: await hashPassword(password) });
  return created ? { name: 'admin', password: given === undefined ? password : null } : null;
}
