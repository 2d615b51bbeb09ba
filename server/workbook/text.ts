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
