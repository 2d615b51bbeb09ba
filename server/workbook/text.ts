// Text normalisation for matching what people type against the contract: full-width and
// half-width alike (NFKC), case-insensitive, spaces of every kind ignored.

/** Spaces that never matter at either end of a cell: ASCII, ideographic (U+3000), no-break. */
const EDGE_SPACE = /^[\s\u3000\u00a0\ufeff]+|[\s\u3000\u00a0\ufeff]+$/g;

export function trimCell(text: string): string {
  return text.replace(EDGE_SPACE, '');
}

/** A matching key: NFKC, lower case, no white space at all. */
export function matchKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\s\u3000\u00a0\ufeff]+/g, '');
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

export function isPlaceholder(text: string): boolean {
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
