// Reading and writing our few cookies. Every cookie is HttpOnly and SameSite=Lax (Secure when
// the app is served over HTTPS), so that scripts cannot read them and other sites cannot send them
// with a form post.
import type { Request, Response } from 'express';

export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index < 0 || part.slice(0, index).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(index + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export interface CookieOptions {
  secure: boolean;
  maxAgeMs?: number;
}

export function writeCookie(res: Response, name: string, value: string, options: CookieOptions): void {
  res.cookie(name, value, {
    httpOnly: true,
    sameSite: 'lax',
    secure: options.secure,
    path: '/',
    ...(options.maxAgeMs !== undefined ? { maxAge: options.maxAgeMs } : {}),
  });
}

export function clearCookie(res: Response, name: string, options: CookieOptions): void {
  res.clearCookie(name, { httpOnly: true, sameSite: 'lax', secure: options.secure, path: '/' });
}
