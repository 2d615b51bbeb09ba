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
  /** Reads rectification notices and waivers (a facility manager only their facilities'). */
  readNotices: ROLES,
  /** Issues notices, moves deadlines, closes and reopens items, adds and revokes waivers. */
  rectify: ['admin', 'inspector'],
  /** Answers a notice to one's own facility, with evidence and a corrected workbook. */
  respond: ['facility_manager'],
  /** Creates, disables and resets users. */
  manageUsers: ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof ALLOWED;

export function may(user: User | null | undefined, permission: Permission): boolean {
  return !!user && (ALLOWED[permission] as readonly Role[]).includes(user.role);
}
