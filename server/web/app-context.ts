// What the handlers share: the stores, the session keeper, the login throttle and the limits.
import type { AuditStore } from '../store/types.js';
import type { UserStore } from '../store/users-types.js';
import type { RectificationStore } from '../store/rectification-types.js';
import type { PdfRenderer } from './pdf-renderer.js';
import type { LoginThrottle } from './rate-limit.js';
import type { Sessions } from './sessions.js';
import type { UploadLimits } from './uploads.js';

export interface Logger {
  error(message: string, error?: unknown): void;
  info(message: string): void;
}

export interface AppContext {
  store: AuditStore;
  users: UserStore;
  /** Notices, responses, waivers and their history, in the audit store's database. */
  record: RectificationStore;
  sessions: Sessions;
  throttle: LoginThrottle;
  /** What one upload may hold: each file, how many, all together. */
  uploadLimits: UploadLimits;
  /** Cookies get Secure (and responses HSTS): the app is served over HTTPS. */
  secureCookies: boolean;
  /** Draws PDFs off the request thread, under a time and memory limit. */
  pdf: PdfRenderer;
  logger: Logger;
}
