// The web app: createApp builds it (without listening) from a store, so that tests and the
// `serve` command run the same thing. Order matters: security headers, static files, language,
// who the caller is, then the route table, then the one 404 and the one error handler.
import express, { type Express, type RequestHandler } from 'express';
import { randomBytes } from 'node:crypto';
import { projectPath } from '../../checks/paths.js';
import type { AuditStore } from '../store/types.js';
import { userStoreFor } from '../store/users.js';
import { rectificationStoreFor } from '../store/rectification.js';
import type { UserStore } from '../store/users-types.js';
import { DEFAULT_MAX_FILE_BYTES } from '../workbook/guard.js';
import type { AppContext, Logger } from './app-context.js';
import { authorize, bearerAuth } from './auth.js';
import { requireCsrf } from './csrf.js';
import { errorHandler, notFoundHandler } from './errors.js';
import { languageMiddleware } from './i18n.js';
import { PdfRenderer, type PdfLimits } from './pdf-renderer.js';
import { may } from './permissions.js';
import { DEFAULT_LOGIN_LIMIT, LoginThrottle, type RateLimitOptions } from './rate-limit.js';
import type { ProxyTrust } from './proxy-trust.js';
import { ROUTES, type Route } from './routes.js';
import { noStore, securityHeaders } from './security-headers.js';
import { DEFAULT_SESSION_OPTIONS, Sessions } from './sessions.js';
import { DEFAULT_MAX_UPLOAD_FILES, DEFAULT_MAX_UPLOAD_TOTAL_BYTES, workbookUpload } from './uploads.js';
import { responseUpload } from './response-upload.js';
import { helpers } from './view-helpers.js';
import { withAuditCache } from './audit-cache.js';

export interface AppOptions {
  store: AuditStore;
  /** Defaults to the user store in the audit store's database. */
  users?: UserStore;
  /** Each uploaded file's cap (default 20 MB). */
  maxUploadBytes?: number;
  /** How many files one upload may hold, and all of them together (defaults in uploads.ts). */
  maxUploadFiles?: number;
  maxUploadTotalBytes?: number;
  loginLimit?: RateLimitOptions;
  /** Set when the app is served over HTTPS (directly or behind a proxy): cookies get Secure. */
  secureCookies?: boolean;
  /** Which X-Forwarded-For hop is the client's (proxy-trust.ts), for the login limits; none by default. */
  trustProxy?: ProxyTrust;
  logger?: Logger;
  /** Limits of the PDF workers (tests make them small). */
  pdfLimits?: PdfLimits;
}

export const consoleLogger: Logger = {
  error: (message, error) => console.error(`[eldercare-audit] ${message}`, error instanceof Error ? (error.stack ?? error.message) : (error ?? '')),
  info: (message) => console.log(`[eldercare-audit] ${message}`),
};

const FORM_BODY = express.urlencoded({ extended: false, limit: '32kb', parameterLimit: 50 });
const JSON_BODY = express.json({ limit: '64kb' });

/** Per-request basics every view may use. */
const pageLocals: RequestHandler = (req, res, next) => {
  res.locals.requestId = randomBytes(6).toString('hex');
  res.locals.user = null;
  res.locals.session = null;
  res.locals.csrfToken = '';
  res.locals.here = req.originalUrl;
  res.locals.h = helpers(res.locals.lang);
  res.locals.can = (permission) => may(res.locals.user, permission);
  next();
};

function chain(route: Route, app: AppContext): RequestHandler[] {
  const steps: RequestHandler[] = [];
  if (route.kind === 'api') steps.push(bearerAuth(app.users));
  steps.push(authorize(route.access, route.kind));
  if (route.body === 'form') steps.push(FORM_BODY);
  if (route.body === 'multipart') steps.push(workbookUpload(app.uploadLimits));
  if (route.body === 'json') steps.push(JSON_BODY);
  if (route.body === 'response') steps.push(responseUpload(app.uploadLimits.maxFileBytes));
  if (route.kind === 'page' && route.method === 'post') steps.push(requireCsrf);
  steps.push(async (req, res) => {
    await route.handler(req, res, app);
  });
  return steps;
}

export function createApp(options: AppOptions): Express {
  const users = options.users ?? userStoreFor(options.store);
  const secureCookies = options.secureCookies ?? false;
  const context: AppContext = {
    store: withAuditCache(options.store),
    users,
    record: rectificationStoreFor(options.store),
    sessions: new Sessions(users, { ...DEFAULT_SESSION_OPTIONS, secureCookies }),
    throttle: new LoginThrottle(options.loginLimit ?? DEFAULT_LOGIN_LIMIT),
    uploadLimits: {
      maxFileBytes: options.maxUploadBytes ?? DEFAULT_MAX_FILE_BYTES,
      maxFiles: options.maxUploadFiles ?? DEFAULT_MAX_UPLOAD_FILES,
      maxTotalBytes: options.maxUploadTotalBytes ?? DEFAULT_MAX_UPLOAD_TOTAL_BYTES,
    },
    secureCookies,
    pdf: new PdfRenderer(options.pdfLimits),
    logger: options.logger ?? consoleLogger,
  };
  const app = express();
  app.disable('x-powered-by');
  // Never `true`: that believes the client's own left-most X-Forwarded-For.
  app.set('trust proxy', options.trustProxy ?? false);
  app.set('views', projectPath('views'));
  app.set('view engine', 'ejs');
  app.use(securityHeaders({ https: secureCookies }));
  app.use('/static', express.static(projectPath('public'), { maxAge: '1h', index: false }));
  app.use(noStore);
  app.use(languageMiddleware(secureCookies));
  app.use(pageLocals);
  // Pages know their user by the session; /api only by its token (auth.ts).
  app.use((req, res, next) => (req.path.startsWith('/api/') ? next() : context.sessions.middleware(req, res, next)));
  for (const route of ROUTES) app[route.method](route.path, ...chain(route, context));
  app.use(notFoundHandler);
  app.use(errorHandler(context.logger));
  return app;
}
