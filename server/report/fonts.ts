// The embedded CJK font. Noto Sans SC as TrueType (pdfkit cannot use woff/woff2) is read once
// per process and subset into each PDF, so a short report stays small. A character the font
// lacks (an emoji, a rare symbol) is replaced before layout, so that it degrades to a visible
// mark instead of an invisible .notdef glyph or a broken line measure.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const FONT_DIR = dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json'));

export const FONT_FILES = {
  regular: join(FONT_DIR, '400Regular', 'NotoSansSC_400Regular.ttf'),
  bold: join(FONT_DIR, '700Bold', 'NotoSansSC_700Bold.ttf'),
} as const;

export type FontWeight = keyof typeof FONT_FILES;

const cache = new Map<FontWeight, Buffer>();

export function fontBytes(weight: FontWeight): Buffer {
  let bytes = cache.get(weight);
  if (!bytes) cache.set(weight, (bytes = readFileSync(FONT_FILES[weight])));
  return bytes;
}

/** What stands in for a character the font cannot draw. */
export const REPLACEMENT = '□';

/** Control characters other than tab and newline never reach the page. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\ufeff]/g;

/** Makes `text` drawable with a font that has the glyphs `has` reports. */
export function drawable(text: string, has: (codePoint: number) => boolean): string {
  const clean = text.replace(CONTROL, '');
  // Nearly every text is drawable as it is: check before building a copy.
  let whole = true;
  for (let i = 0; i < clean.length && whole; i++) {
    const code = clean.charCodeAt(i);
    // A surrogate pair or a tab or newline takes the careful way below.
    whole = code >= 0x20 && (code < 0xd800 || code > 0xdfff) && has(code);
  }
  if (whole) return clean;
  let out = '';
  for (const char of clean) {
    const codePoint = char.codePointAt(0)!;
    out += codePoint === 0x0a || codePoint === 0x09 || has(codePoint) ? char : REPLACEMENT;
  }
  return out;
}
