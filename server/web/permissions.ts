// Who may do what. Routes name one of these; a facility manager's further limit to their own
// facilities is visibility.ts.
import { ROLES, type Role, type User } from '../store/users-types.js';

export const ALLOWED = {
  /** Any signed-in user. */
  signedIn: ROLES,
  /** Checks workbooks and stores audits. */
  upload: ['admin', 'inspector'],
  /** Reads audits (a facility manager only their facilities' part). */
  readAudits: ROLES,
  /** Downloads the uploaded bytes, which hold every facility of a workbook. */
  originals: ['admin', 'inspector', 'reviewer'],
  /** Compares facilities, audits and rulebooks (side by side, diff, matrix, across), with exports. */
  compare: ['admin', 'inspector', 'reviewer'],
  /** Creates, disables and resets users. */
  manageUsers: ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof ALLOWED;

export function may(user: User | null | undefined, permission: Permission): boolean {
  return !!user && (ALLOWED[permission] as readonly Role[]).includes(user.role);
}
