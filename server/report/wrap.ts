// Line breaking for the reports, instead of pdfkit's. pdfkit measures every word it may break
// after with a full text layout, and to it every Chinese character is such a word: wrapping was
// half of a county's report, and it was done twice (once to count pages, once to draw). Here a
// text is broken in one pass over its characters with cached per-character widths, and each
// line is then drawn as it is (lineBreak: false). The breaking follows pdfkit's (a word that
// does not fit, its trailing spaces included, starts the next line; a word wider than a line is
// cut where the line is full) and the rules of UAX #14 that matter in our texts: a line may end
// after spaces and on either side of a CJK character, never before closing punctuation (，。）」
// and the like) nor after opening punctuation, and a Latin word or a number stays whole.
// Linear in the text, however long a word without a space (a name of 32,767 letters: issue 16).

/** Where a character stands in line breaking. */
const enum Kind {
  /** Letters, digits and other symbols: no break between two of them. */
  Word,
  /** A space or tab: a break may follow, never precede. */
  Space,
  Newline,
  /** Closing punctuation: no break before it, nor after it before a letter (a comma in 1,234). */
  Close,
  /** Closing punctuation of CJK text (，。：）」): no break before it, a break after it. */
  CjkClose,
  /** Opening punctuation: no break after it. */
  Open,
  /** Ideographs, kana, Hangul, full-width forms: a break on either side. */
  Cjk,
  /** A hyphen: a break may follow it before a letter (not before a number: 2019-06). */
  Hyphen,
}

const CLOSING = new Set(
  [...')]},.;:!?%\u2019\u201d\u2026\u2025\u00b7\u2030\u2103\u00b0\u3001\u3002\u3009\u300b\u300d\u300f\u3011\u3015\u3017\u3019\u301b\u301e\u301f\u3005\u30fb\u30fc\uff09\uff0c\uff0e\uff1a\uff1b\uff01\uff1f\uff3d\uff5d\uff05\uff63\uff64'].map((c) => c.codePointAt(0)!),
);
const OPENING = new Set([...'([{\u2018\u201c\u3008\u300a\u300c\u300e\u3010\u3014\u3016\u3018\u301a\u301d\uff08\uff3b\uff5b\uff62'].map((c) => c.codePointAt(0)!));

function kindOf(cp: number): Kind {
  if (cp === 0x20 || cp === 0x09 || cp === 0x3000) return Kind.Space;
  if (cp === 0x0a) return Kind.Newline;
  if (cp === 0x2d) return Kind.Hyphen;
  if (CLOSING.has(cp)) return cp >= 0x3000 ? Kind.CjkClose : Kind.Close;
  if (OPENING.has(cp)) return Kind.Open;
  if (
    (cp >= 0x2e80 && cp <= 0x9fff) ||
    (cp >= 0xac00 && cp <= 0xd7af) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xffef) ||
    (cp >= 0x20000 && cp <= 0x3ffff)
  )
    return Kind.Cjk;
  return Kind.Word;
}

const isDigit = (cp: number) => cp >= 0x30 && cp <= 0x39;

/** Whether a line may end between `before` and `after` (of kinds `a` and `b`). */
function mayBreak(a: Kind, b: Kind, after: number): boolean {
  if (b === Kind.Space || b === Kind.Newline || b === Kind.Close || b === Kind.CjkClose || a === Kind.Open) return false;
  if (a === Kind.Space || a === Kind.Cjk || a === Kind.CjkClose || b === Kind.Cjk) return true;
  return a === Kind.Hyphen && b === Kind.Word && !isDigit(after);
}

/** A letter outside CJK (Latin and the like): words holding one are kerned when drawn. */
const isLetter = (cp: number) => (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a) || (cp >= 0xc0 && cp < 0x2e80);

/**
 * The lines of `text` in `width` points; `charWidth` gives a character's (a code point's) width
 * in the font and size the text is drawn in, and `measureWord` a word's with a letter outside CJK
 * (its letters are kerned: the sum of their widths is not the word's). A newline ends a line;
 * lines keep their trailing spaces (as pdfkit's do) and never hold a newline. Empty text has no
 * lines.
 */
export function wrapLines(text: string, width: number, charWidth: (codePoint: number) => number, measureWord?: (word: string) => number): string[] {
  const lines: string[] = [];
  let lineStart = 0;
  /** Width of the words already on the line (from lineStart to wordStart). */
  let used = 0;
  let wordStart = 0;
  let wordWidth = 0;
  /** The word has a letter outside CJK: measured whole. */
  let kerned = false;
  let previous = Kind.Space;

  /** Puts the word [wordStart, end) on the line, or on the next, or cuts it over several. */
  const placeWord = (end: number) => {
    if (kerned && measureWord) wordWidth = measureWord(text.slice(wordStart, end));
    kerned = false;
    if (used + wordWidth <= width) {
      used += wordWidth;
    } else if (wordWidth <= width) {
      if (wordStart > lineStart) lines.push(text.slice(lineStart, wordStart));
      lineStart = wordStart;
      used = wordWidth;
    } else {
      // Wider than a line: fill the line it starts on, then whole lines, keeping the rest.
      let pieceWidth = used;
      for (let i = wordStart; i < end; ) {
        const cp = text.codePointAt(i)!;
        const size = cp > 0xffff ? 2 : 1;
        const w = charWidth(cp);
        if (pieceWidth + w > width && i > lineStart) {
          lines.push(text.slice(lineStart, i));
          lineStart = i;
          pieceWidth = 0;
        }
        pieceWidth += w;
        i += size;
      }
      used = pieceWidth;
    }
    wordStart = end;
    wordWidth = 0;
  };

  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const size = cp > 0xffff ? 2 : 1;
    const kind = kindOf(cp);
    if (previous === Kind.Newline) {
      placeWord(i - 1);
      lines.push(text.slice(lineStart, i - 1));
      lineStart = wordStart = i;
      used = 0;
    } else if (i > 0 && mayBreak(previous, kind, cp)) placeWord(i);
    if (kind !== Kind.Newline) wordWidth += charWidth(cp);
    if (kind === Kind.Word && isLetter(cp)) kerned = true;
    previous = kind;
    i += size;
  }
  if (previous === Kind.Newline) {
    placeWord(text.length - 1);
    lines.push(text.slice(lineStart, text.length - 1));
  } else if (text.length > lineStart) {
    placeWord(text.length);
    lines.push(text.slice(lineStart));
  }
  return lines;
}
