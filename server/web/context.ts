// What each request carries from the middleware to the handlers and views (res.locals), and
// the errors handlers throw for the one error handler to turn into a friendly page or JSON.
import type { Lang } from '../../checks/format.js';
import type { SessionRecord, User } from '../store/users-types.js';
import type { Translate } from './i18n.js';
import type { Permission } from './permissions.js';
import type { ViewHelpers } from './view-helpers.js';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      lang: Lang;
      t: Translate;
      /** The signed-in user (by session or, under /api, by token), else null. */
      user: User | null;
      session: SessionRecord | null;
      /** The session's CSRF token for the forms of this page ('' before a session exists). */
      csrfToken: string;
      requestId: string;
      /** The path and query of this page, for the language switch and `next` after login. */
      here: string;
      h: ViewHelpers;
      /** Whether the current user has a permission (for the navigation and buttons). */
      can: (permission: Permission) => boolean;
    }
  }
}

/**
 * An error with an HTTP status and a message key of i18n.ts, shown to the user as is; a 400
 * names the request field that is wrong, and its detail says how.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly messageKey:
      | 'notFound' | 'forbidden' | 'unauthorized' | 'csrf' | 'tooManyAttempts' | 'badRequest' | 'tooLarge' | 'noFile' | 'badDate' | 'badRulebook' | 'pdfTooLarge'
      | 'fileTooLarge' | 'tooManyFiles' | 'uploadTooLarge' | 'sameFileName',
    readonly detail?: string,
    readonly field?: string,
    /** The values the message names (a file, a limit). */
    readonly vars?: Record<string, string>,
  ) {
    super(`${status} ${messageKey}${detail ? `: ${detail}` : ''}`);
    this.name = 'HttpError';
  }
}

export const notFound = () => new HttpError(404, 'notFound');

/** A 400 for one query or form field: `field` names it, `detail` says what is wrong with it. */
export const badField = (field: string, detail: string) => new HttpError(400, 'badRequest', detail, field);
export const forbidden = () => new HttpError(403, 'forbidden');
