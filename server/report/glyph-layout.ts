// Chinese text laid out a character at a time from cached glyphs, instead of by fontkit's full
// shaping. pdfkit shapes every space-separated chunk it draws or measures (script detection,
// GSUB and GPOS lookups) and keeps each distinct chunk for the document's life; Chinese has no
// spaces, so nearly every line of a report was shaped afresh: a fifth of a county's report.
// Noto Sans SC's shaping leaves Chinese alone: a chunk whose script is Han and that holds no
// letter of another script comes out as the font's glyph for each code point, at its advance
// (checked on every such chunk of a ½ county's report: 20,209 chunks, none different). Every
// other chunk (Latin words, which are kerned and use ligatures, and bare numbers, whose digits
// the font may substitute) is still shaped by pdfkit, as before.

/** What pdfkit's embedded font (EmbeddedFont, not exported) holds that this file uses. */
interface FontkitGlyph {
  id: number;
  advanceWidth: number;
  codePoints: number[];
}

interface Position {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
  advanceWidth: number;
}

interface GlyphRun {
  glyphs: FontkitGlyph[] | null;
  positions: Position[] | null;
  advanceWidth: number;
}

export interface EmbeddedFontInternals {
  font: { glyphForCodePoint(codePoint: number): FontkitGlyph };
  /** From font units to thousandths of an em. */
  scale: number;
  layout(text: string, features?: unknown, onlyWidth?: boolean): GlyphRun;
  layoutCached(text: string): { glyphs: FontkitGlyph[]; positions: Position[]; advanceWidth: number };
}

/** The first character with a script of its own is Han (fontkit shapes by the first such script). */
const HAN_FIRST = /^[\p{Script=Common}\p{Script=Inherited}]*\p{Script=Han}/u;
/**
 * A letter of a script other than Han (Latin, kana, Hangul …), a combining mark or a character
 * fontkit hides (a variation selector, a soft hyphen): shaping may change these.
 */
const SHAPED = /[^\P{L}\p{Script=Han}]|[\p{M}\p{Default_Ignorable_Code_Point}]/u;

const chunkEnd = (text: string, from: number) => {
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x20 || code === 0x09) return i + 1;
  }
  return text.length;
};

/**
 * Makes `font` (a pdfkit embedded font, once loaded) lay out Chinese chunks from cached glyphs.
 * pdfkit's own layout() is replaced on this instance only; it splits text into chunks at spaces
 * and tabs, as pdfkit's does, so every chunk it passes on is shaped exactly as before.
 */
export function layOutChineseByCharacter(font: EmbeddedFontInternals): void {
  const cache = new Map<number, { glyph: FontkitGlyph; position: Position }>();
  const single = (codePoint: number) => {
    let entry = cache.get(codePoint);
    if (!entry) {
      const glyph = font.font.glyphForCodePoint(codePoint);
      const advance = glyph.advanceWidth * font.scale;
      // Shared by every use: pdfkit reads positions and never changes them.
      entry = { glyph, position: { xAdvance: advance, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: advance } };
      cache.set(codePoint, entry);
    }
    return entry;
  };
  const shaped = font.layout.bind(font);
  font.layout = (text, features, onlyWidth) => {
    // Features asked for by name take pdfkit's way (the reports ask for none).
    if (features) return shaped(text, features, onlyWidth);
    const glyphs: FontkitGlyph[] | null = onlyWidth ? null : [];
    const positions: Position[] | null = onlyWidth ? null : [];
    let advanceWidth = 0;
    for (let start = 0; start < text.length; ) {
      const end = chunkEnd(text, start);
      const chunk = text.slice(start, end);
      if (HAN_FIRST.test(chunk) && !SHAPED.test(chunk)) {
        for (let i = start; i < end; ) {
          const codePoint = text.codePointAt(i)!;
          const { glyph, position } = single(codePoint);
          glyphs?.push(glyph);
          positions?.push(position);
          advanceWidth += position.advanceWidth;
          i += codePoint > 0xffff ? 2 : 1;
        }
      } else {
        const run = font.layoutCached(chunk);
        if (glyphs && positions) for (let i = 0; i < run.glyphs.length; i++) (glyphs.push(run.glyphs[i]!), positions.push(run.positions[i]!));
        advanceWidth += run.advanceWidth;
      }
      start = end;
    }
    return { glyphs, positions, advanceWidth };
  };
}
