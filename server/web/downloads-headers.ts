// Content-Disposition for downloads whose names may be Chinese (RFC 6266: an ASCII fallback
// plus the UTF-8 name), and no caching of anything private. A name comes from a user's upload,
// so it is cut to its last path segment and stripped of control characters (no header
// injection, no directory in a saved file's name) before it is quoted.
import type { Response } from 'express';

export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[\u0000-\u001f\u007f-\u009f]/g, '').replace(/^[.\s]+/, '').trim();
  return cleaned || 'download';
}

/** RFC 5987's attr-char: what encodeURIComponent leaves alone but the header may not carry raw. */
function encodeExtValue(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function attachment(res: Response, fileName: string): void {
  const safe = safeFileName(fileName);
  const ascii = safe.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  res.setHeader('Content-Disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeExtValue(safe)}`);
  res.setHeader('Cache-Control', 'private, no-store');
}
