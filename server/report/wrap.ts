// Text with no break opportunity that is wider than its line (a name of 32,767 letters without a
// space), cut into pieces that fit before pdfkit sees it. pdfkit breaks such a word itself, but
// for every line it measures the whole rest of the word again and caches each measure: time and
// memory grow with the square of the word (6,000 letters took 20 s and 740 MB; 32,767 never
// finished). Cut here, in linear time with per-character widths, every piece is a word that fits.

/**
 * Runs of characters between which pdfkit's line breaking (UAX #14) finds no opportunity, near
 * enough: white space breaks, and so does every CJK character (ideographs, kana, Hangul,
 * full-width forms), so Chinese sentences are never runs. A run that also holds a hyphen or a
 * slash (where pdfkit could break) is only cut when it is wider than the line, which is rare.
 */
const RUN = /[^\s\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]+/g;

/** Room left for kerning, which per-character widths do not see. */
const SLACK = 0.97;

/**
 * Runs up to this many lines wide are left to pdfkit, whose cost for them is small and whose
 * breaks (it fills the line the run starts on) every report has always had.
 */
const LEFT_TO_PDFKIT = 2;

/**
 * `text` with every run wider than two lines of `width` cut into pieces on lines of their own.
 * `charWidth` gives the width of one character (a code point) in the font the text is drawn in.
 * Linear in the text; text without such a run comes back as it was.
 */
export function breakLongRuns(text: string, width: number, charWidth: (char: string) => number): string {
  const limit = width * SLACK;
  return text.replace(RUN, (run) => {
    let total = 0;
    for (const char of run) total += charWidth(char);
    if (total <= LEFT_TO_PDFKIT * width) return run;
    const pieces: string[] = [];
    let piece = '';
    let used = 0;
    for (const char of run) {
      const w = charWidth(char);
      if (piece !== '' && used + w > limit) {
        pieces.push(piece);
        piece = '';
        used = 0;
      }
      piece += char;
      used += w;
    }
    pieces.push(piece);
    return pieces.join('\n');
  });
}
