// Content-Disposition for downloads whose names may be Chinese (RFC 6266: an ASCII fallback
// plus the UTF-8 name), and no caching of anything private.
import type { Response } from 'express';

export function attachment(res: Response, fileName: string): void {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  res.setHeader('Content-Disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`);
  res.setHeader('Cache-Control', 'private, no-store');
}
