// Content-Disposition for downloads whose names may be Chinese (RFC 6266: an ASCII fallback
// plus the UTF-8 name), and no caching of anything private. A name holds what users typed (an
// uploaded file's name, a facility id in `AUDIT-FACILITY.pdf`), so every character Windows
// refuses in a file name, and every control character, becomes `_` in place: no header
// injection, no directory in a saved name, and the audit id at its start is never cut off.
// Names Windows reserves (CON, NUL, COM1…) get a `_` in front.
import type { Response } from 'express';

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\.|$)/i;

export function safeFileName(name: string): string {
  const cleaned = name
    .replace(/[\u0000-\u001f\u007f-\u009f<>:"/\\|?*]/g, '_')
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '')
    .slice(0, 200);
  if (cleaned === '') return 'download';
  return WINDOWS_RESERVED.test(cleaned) ? `_${cleaned}` : cleaned;
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
