// Text normalisation for matching what people type against the contract: full-width and
// half-width alike (NFKC), case-insensitive, spaces of every kind ignored.

/** Spaces that never matter at either end of a cell: ASCII, ideographic (U+3000), no-break. */
const EDGE_SPACE = /^[\s\u3000\u00a0\ufeff]+|[\s\u3000\u00a0\ufeff]+$/g;

const isEdgeSpace = (code: number) => code <= 0x20 || code === 0x3000 || code === 0xa0 || code === 0xfeff || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x1680 || code === 0x85;

export function trimCell(text: string): string {
  // Most cells have nothing to trim: skip the regular expression for them (a county-scale
  // workbook has a million cells).
  if (text === '' || (!isEdgeSpace(text.charCodeAt(0)) && !isEdgeSpace(text.charCodeAt(text.length - 1)))) return text;
  return text.replace(EDGE_SPACE, '');
}

// Enumeration labels, yes/no words and placeholders repeat in every row: their keys are kept.
const KEY_CACHE_LIMIT = 4096;
const keyCache = new Map<string, string>();

/** A matching key: NFKC, lower case, no white space at all. */
export function matchKey(text: string): string {
  const cached = keyCache.get(text);
  if (cached !== undefined) return cached;
  const key = text.normalize('NFKC').toLowerCase().replace(/[\s\u3000\u00a0\ufeff]+/g, '');
  if (text.length <= 32) {
    if (keyCache.size >= KEY_CACHE_LIMIT) keyCache.clear();
    keyCache.set(text, key);
  }
  return key;
}

/** Headers may carry a required mark (`*机构编号`) and a unit in brackets (`面积(㎡)`). */
export function headerKey(text: string): string {
  let key = matchKey(text).replace(/^[*＊]+/, '');
  // NFKC has already turned （）【】 into their ASCII look-alikes where they exist.
  for (;;) {
    const stripped = key.replace(/(\([^()]*\)|\[[^[\]]*\]|【[^【】]*】)$/, '');
    if (stripped === key || stripped === '') break;
    key = stripped;
  }
  return key;
}

/** Placeholders that mean "nothing here" in Chinese forms. */
const PLACEHOLDERS = new Set(['/', '-', '—', '——', '–', '－', 'n/a', '不适用'].map(matchKey));

/** Longest placeholder key; NFKC maps each of its characters from a single one. */
const PLACEHOLDER_LENGTH = Math.max(...[...PLACEHOLDERS].map((key) => key.length));
const ANY_SPACE = /[\s\u3000\u00a0\ufeff]/;

export function isPlaceholder(text: string): boolean {
  // A longer text with no space in it cannot shrink to a placeholder: no key needed (fast path).
  if (text.length > PLACEHOLDER_LENGTH && !ANY_SPACE.test(text)) return false;
  return PLACEHOLDERS.has(matchKey(text));
}

/** `A` for 1, `AA` for 27. */
export function columnLetter(index: number): string {
  let letters = '';
  let n = index;
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** Column index (1-based) of a cell reference such as `AB12`. */
export function columnIndex(reference: string): number {
  let index = 0;
  for (const char of reference) {
    const code = char.charCodeAt(0);
    if (code < 65 || code > 90) break;
    index = index * 26 + (code - 64);
  }
  return index;
}

// ---------------------------------------------------------------------------------------------
// Characters a cell may hold but nobody may be shown raw: a control character reaches a terminal
// as a command (ESC starts colour and cursor sequences, C1 CSI the same in one byte), and a bidi
// override reorders the text after it on a page or in a PDF ("Trojan Source").

/** A line break or tab inside a cell (Alt+Enter in Excel), and the spaces around it. */
const CELL_BREAKS = /[ \u3000\u00a0]*[\t\n\v\f\r\u0085\u2028\u2029]+[ \u3000\u00a0]*/g;
/** C0 and C1 control characters and DEL. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** Bidi embeddings, overrides and isolates (marks such as U+200F stay: they reorder nothing). */
const BIDI = /[\u202a-\u202e\u2066-\u2069]/;
const UNSHOWABLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
/** Any character cleanText() changes or refuses: nearly every cell has none (one test for them). */
const SPECIAL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

const codePoint = (char: string) => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** Whether cleanText() keeps `text` as it is (nearly every cell): no break, control character or bidi override. */
export const isCleanText = (text: string): boolean => !SPECIAL.test(text);

/**
 * A text cell's value as the audit keeps it: a line break (a cell wrapped by hand) reads as a
 * space; any other control character, or a bidi override, is a problem naming it and its place.
 */
export function cleanText(text: string): { ok: true; text: string } | { ok: false; reason: { zh: string; en: string } } {
  if (isCleanText(text)) return { ok: true, text };
  const joined = text.replace(CELL_BREAKS, ' ');
  const bad = CONTROL.exec(joined) ?? BIDI.exec(joined);
  if (!bad) return { ok: true, text: joined };
  const what = CONTROL.test(bad[0]) ? { zh: '控制字符', en: 'the control character' } : { zh: '双向文字控制符', en: 'the bidirectional override' };
  const position = [...joined.slice(0, bad.index)].length + 1;
  return {
    ok: false,
    reason: {
      zh: `第 ${position} 个字符是不可见的${what.zh} ${codePoint(bad[0])}，请删除后重新上传（“${visible(excerpt(joined))}”）`,
      en: `character ${position} is ${what.en} ${codePoint(bad[0])}, which is invisible; delete it and upload again ("${visible(excerpt(joined))}")`,
    },
  };
}

/** Text safe to print anywhere: each control character or bidi override as `⟨U+001B⟩`. */
export function visible(text: string): string {
  return text.replace(UNSHOWABLE, (char) => `⟨${codePoint(char)}⟩`);
}

/** At most `max` characters of `text` for quoting in a message, with `…` when cut. */
export function excerpt(text: string, max = 80): string {
  if (text.length <= max) return text;
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max).join('')}…`;
}
