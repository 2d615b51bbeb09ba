// Headers on every response: a Content-Security-Policy that allows only our own scripts and
// styles (no inline script or style at all), no framing, no MIME sniffing, no referrer leaks,
// no caching of anything private, and HSTS when served over HTTPS.
import type { RequestHandler } from 'express';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** One year: what browsers and preload lists expect of a site that is HTTPS for good. */
export const HSTS = 'max-age=31536000';

/**
 * With `https` (serve --secure-cookies: the app is reached over HTTPS), browsers are told to use
 * nothing else. Nothing but the static files may be cached: pages and JSON show one user's
 * audits, and a shared computer's back button or a proxy must not keep them.
 */
export const securityHeaders = ({ https }: { https: boolean }): RequestHandler => (_req, res, next) => {
  if (https) res.setHeader('Strict-Transport-Security', HSTS);
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
  next();
};

/** After the static files (which are cached an hour): everything else is one user's and is not kept. */
export const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};
