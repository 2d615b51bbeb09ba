// Drawing primitives over pdfkit for the reports: flowing text that never leaves the page,
// tables whose rows move whole to the next page with the header repeated, status badges that
// pair a colour with a word, and a footer on every page ("page x of y", drawn at the end into
// a stream of the page's own: page-streams.ts).
import { once } from 'node:events';
import PDFDocument from 'pdfkit';
import type { Status } from '../../checks/types.js';
import { cacheColourOperators } from './colour-operators.js';
import { drawable, fontBytes } from './fonts.js';
import { layOutChineseByCharacter, type EmbeddedFontInternals } from './glyph-layout.js';
import { PageStreams, type FooterFont } from './page-streams.js';
import { wrapLines } from './wrap.js';

export const PAGE = { width: 595.28, height: 841.89, margin: 48, footer: 28 } as const;

export const STATUS_COLOURS: Record<Status, { fill: string; ink: string }> = {
  fail: { fill: '#fde2e1', ink: '#c01048' },
  warn: { fill: '#fef0c7', ink: '#b54708' },
  insufficient_data: { fill: '#ebe9fe', ink: '#5925dc' },
  pass: { fill: '#dcfae6', ink: '#067647' },
  not_applicable: { fill: '#f2f4f7', ink: '#475467' },
};

export const INK = '#101828';
export const MUTED = '#475467';
export const RULE_LINE = '#d0d5dd';

export interface TextStyle {
  size?: number;
  bold?: boolean;
  colour?: string;
  indent?: number;
  width?: number;
  gapAfter?: number;
  align?: 'left' | 'right' | 'center';
}

export interface TableRow {
  cells: string[];
  status?: Status;
  statuses?: readonly (Status | undefined)[];
}

export interface TableOptions {
  size?: number;
  statusColumn?: number;
}

export interface LayoutInfo {
  title: string;
  created: Date;
}

/** What a footer says on page `page` of `pages`. */
export type Footer = (page: number, pages: number) => { left: string; right: string };

export interface Column {
  header: string;
  width: number;
  align?: 'left' | 'right';
}

/** Words up to this long keep their cached layouts (see forgetTextLayouts). */
const KEPT_LAYOUT_LENGTH = 4;

/** The cut-off mark of a line that had to end early (a footer, a chart's label). */
const ELLIPSIS = '…';

export class PdfLayout {
  readonly doc: PDFKit.PDFDocument;
  private readonly streams: PageStreams;
  private readonly glyphs: (codePoint: number) => boolean;
  /**
   * Character widths at 1 point by font and code point, measured once each by pdfkit: line
   * breaking asks for every character of every text (a map for those beyond the BMP).
   */
  private readonly advances = new Map<string, { bmp: Float64Array; astral: Map<number, number> }>();

  constructor(
    private readonly stream: NodeJS.WritableStream,
    info: LayoutInfo,
    private readonly footer: Footer,
  ) {
    this.doc = new PDFDocument({
      size: 'A4',
      margins: { top: PAGE.margin, bottom: PAGE.margin + PAGE.footer, left: PAGE.margin, right: PAGE.margin },
      autoFirstPage: false,
      bufferPages: false,
      compress: true,
      info: { Title: info.title, Producer: 'eldercare-audit', Creator: 'eldercare-audit', CreationDate: info.created, ModDate: info.created },
    });
    this.doc.pipe(stream);
    cacheColourOperators(this.doc);
    this.doc.registerFont('regular', fontBytes('regular'));
    this.doc.registerFont('bold', fontBytes('bold'));
    const loaded = () => (this.doc as unknown as { _font: EmbeddedFontInternals & FooterFont & { font: { hasGlyphForCodePoint(cp: number): boolean } } })._font;
    // Regular last: the font every page starts with, and its footer's.
    for (const weight of ['bold', 'regular'] as const) {
      this.doc.font(weight);
      layOutChineseByCharacter(loaded());
    }
    const regular = loaded();
    this.streams = new PageStreams(this.doc, regular);
    const font = regular.font;
    // Asked for every character of every text: the font's own lookup costs seconds on a county.
    // 1 has a glyph, 2 has none, 0 not asked yet (an array for the BMP: a map cost half a second).
    const bmp = new Uint8Array(0x10000);
    const astral = new Map<number, boolean>();
    this.glyphs = (cp) => {
      if (cp < 0x10000) {
        if (bmp[cp] === 0) bmp[cp] = font.hasGlyphForCodePoint(cp) ? 1 : 2;
        return bmp[cp] === 1;
      }
      let has = astral.get(cp);
      if (has === undefined) astral.set(cp, (has = font.hasGlyphForCodePoint(cp)));
      return has;
    };
    this.doc.addPage();
  }

  /**
   * Forgets the long text layouts the fonts have cached. pdfkit keeps the glyph run of every
   * distinct word it shapes for the document's life (Latin words, numbers, Chinese mixed with
   * Latin: glyph-layout.ts), and a county's report held hundreds of megabytes of them. Called
   * between sections, it keeps memory flat. Short words stay: numbers and units recur on every
   * page (longer ones are mostly names and codes, which do not, and kept would grow with the audit).
   * (pdfkit has no public call for this: `fontLayoutCache: false` shapes every word twice.)
   */
  forgetTextLayouts(): void {
    const families = (this.doc as unknown as { _fontFamilies?: Record<string, { layoutCache?: Record<string, unknown> }> })._fontFamilies ?? {};
    for (const font of Object.values(families)) {
      const cache = font.layoutCache;
      if (cache) for (const word in cache) if (word.length > KEPT_LAYOUT_LENGTH) delete cache[word];
    }
  }

  /**
   * A pause between parts of a long report: forgets text layouts, then waits until the output
   * has taken what was written. pdfkit never waits for its reader, so without this a county's
   * pages queued in memory whenever the file (or the disk under a busy machine) was slower than
   * drawing.
   */
  async pause(): Promise<void> {
    this.forgetTextLayouts();
    const out = this.stream as NodeJS.WritableStream & { writableNeedDrain?: boolean };
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve));
      if (!out.writableNeedDrain) return;
      await once(out, 'drain');
    }
  }

  get left(): number {
    return PAGE.margin;
  }

  get width(): number {
    return PAGE.width - 2 * PAGE.margin;
  }

  private get bottom(): number {
    return PAGE.height - PAGE.margin - PAGE.footer;
  }

  safe(text: string): string {
    return drawable(text, this.glyphs);
  }

  /** A character's width in the current font and size, measured by pdfkit once per font. */
  private charWidth(): (codePoint: number) => number {
    const { doc } = this;
    const name = (doc as unknown as { _font: { name: string } })._font.name;
    let widths = this.advances.get(name);
    if (!widths) this.advances.set(name, (widths = { bmp: new Float64Array(0x10000).fill(-1), astral: new Map() }));
    const { bmp, astral } = widths;
    const size = (doc as unknown as { _fontSize: number })._fontSize;
    const measure = (cp: number) => doc.widthOfString(String.fromCodePoint(cp)) / size;
    return (cp) => {
      if (cp < 0x10000) {
        let width = bmp[cp]!;
        if (width < 0) bmp[cp] = width = measure(cp);
        return width * size;
      }
      let width = astral.get(cp);
      if (width === undefined) astral.set(cp, (width = measure(cp)));
      return width * size;
    };
  }

  /** The last lines lines() made, by font, size, width and text: text() draws what measure() just broke. */
  private lastLines = { font: null as unknown, size: 0, width: 0, text: '', lines: [] as string[] };

  /** `text` made drawable and broken into lines of `width` points in the current font (wrap.ts). */
  private lines(text: string, width: number): string[] {
    const { _font: font, _fontSize: size } = this.doc as unknown as { _font: unknown; _fontSize: number };
    const last = this.lastLines;
    if (last.text !== text || last.width !== width || last.font !== font || last.size !== size) {
      this.lastLines = { font, size, width, text, lines: wrapLines(this.safe(text), width, this.charWidth(), (word) => this.doc.widthOfString(word)) };
    }
    return this.lastLines.lines;
  }

  /** The height of a line in the current font: what pdfkit moves down by for each. */
  private get lineHeight(): number {
    return this.doc.currentLineHeight(true) + ((this.doc as unknown as { _lineGap?: number })._lineGap ?? 0);
  }

  /**
   * Sets `lines` from (x, doc.y) down, a line-height apart, as pdfkit's wrapping would: a line
   * that would cross the bottom margin goes to a new page, in the same style.
   */
  private flow(lines: readonly string[], x: number, width: number, style: TextStyle): void {
    const { doc } = this;
    const height = this.lineHeight;
    const turn = () => {
      this.newPage();
      this.font(style);
    };
    if (doc.y + height > this.bottom) turn();
    lines.forEach((line, i) => {
      if (i > 0 && doc.y + height > this.bottom) turn();
      this.setLine(line, x, doc.y, width, style.align);
      doc.y += height;
    });
  }

  /** One line at (x, y), aligned in `width`, never wrapped by pdfkit. */
  private setLine(line: string, x: number, y: number, width: number, align: TextStyle['align'] = 'left'): void {
    if (line === '') return;
    const room = align === 'left' ? 0 : width - this.doc.widthOfString(line.trimEnd());
    this.doc.text(line, x + (align === 'right' ? room : align === 'center' ? room / 2 : 0), y, { lineBreak: false });
  }

  /**
   * The first line of `text` at (x, y) in the current font, cut with an ellipsis when the text
   * is longer (a footer, a chart's label): it never takes more than its line.
   */
  line(text: string, x: number, y: number, width: number, align: 'left' | 'right' = 'left'): void {
    const lines = this.lines(text, width);
    let line = lines[0] ?? '';
    if (lines.length > 1) {
      let kept = [...line.trimEnd()];
      while (kept.length && this.doc.widthOfString(kept.join('') + ELLIPSIS) > width) kept = [...kept.slice(0, -1).join('').trimEnd()];
      line = kept.join('') + ELLIPSIS;
    }
    this.setLine(line, x, y, width, align);
    this.doc.x = this.left;
  }

  /** The footer of page `page` of `pages`, drawn into that page's footer stream (see end()). */
  private drawFooter(page: number, pages: number): void {
    const { doc } = this;
    const { left, right } = this.footer(page, pages);
    const y = PAGE.height - PAGE.margin - 10;
    doc.moveTo(this.left, y - 6).lineTo(this.left + this.width, y - 6).lineWidth(0.5).strokeColor(RULE_LINE).stroke();
    doc.font('regular').fontSize(7.5).fillColor(MUTED);
    this.line(left, this.left, y, this.width * 0.7);
    this.line(right, this.left + this.width * 0.7, y, this.width * 0.3, 'right');
  }

  newPage(): void {
    this.doc.addPage();
  }

  /** Starts a new page unless `height` more points fit on this one. */
  ensure(height: number): void {
    if (this.doc.y + height > this.bottom && this.doc.y > PAGE.margin + 1) this.newPage();
  }

  gap(points: number): void {
    if (this.doc.y + points > this.bottom) this.newPage();
    else this.doc.y += points;
  }

  /** The font and size of `style`: all that measuring needs. */
  private typeface(style: TextStyle): void {
    this.doc.font(style.bold ? 'bold' : 'regular').fontSize(style.size ?? 9.5);
  }

  /** The font, size and colour of `style`. */
  private font(style: TextStyle): void {
    this.typeface(style);
    this.doc.fillColor(style.colour ?? INK);
  }

  measure(text: string, style: TextStyle = {}): number {
    this.typeface(style);
    return this.lines(text, style.width ?? this.width - (style.indent ?? 0)).length * this.lineHeight;
  }

  /** Flowing text; a block that fits on one page is never split across two. */
  text(text: string, style: TextStyle = {}): void {
    const width = style.width ?? this.width - (style.indent ?? 0);
    const height = this.measure(text, style);
    if (height < this.bottom - PAGE.margin) this.ensure(height);
    this.font(style);
    this.flow(this.lines(text, width), this.left + (style.indent ?? 0), width, style);
    this.doc.x = this.left;
    if (style.gapAfter) this.gap(style.gapAfter);
  }
  heading(text: string, level: 1 | 2 | 3): void {
    const size = level === 1 ? 15 : level === 2 ? 12 : 10.5;
    this.ensure(this.measure(text, { size, bold: true }) + (level === 1 ? 60 : 36));
    if (this.doc.y > PAGE.margin + 1) this.gap(level === 1 ? 10 : 6);
    this.text(text, { size, bold: true, gapAfter: level === 1 ? 6 : 3 });
    if (level === 1) this.rule();
  }

  rule(): void {
    const y = this.doc.y;
    this.doc.moveTo(this.left, y).lineTo(this.left + this.width, y).lineWidth(0.6).strokeColor(RULE_LINE).stroke();
    this.gap(6);
  }

  /** A status as colour and word together, at (x, y); returns its width. */
  badge(status: Status, word: string, x: number, y: number): number {
    const { doc } = this;
    doc.font('bold').fontSize(8);
    const width = doc.widthOfString(word) + 10;
    doc.save();
    doc.roundedRect(x, y, width, 13, 3).fill(STATUS_COLOURS[status].fill);
    doc.restore();
    doc.fillColor(STATUS_COLOURS[status].ink).text(word, x + 5, y + 1.5, { lineBreak: false });
    doc.fillColor(INK);
    return width;
  }

  /**
   * A table: rows move whole to the next page, where the header is drawn again. A row's
   * `status` colours the cell in `statusColumn`; `statuses` colours (and shades) each cell.
   */
  table(columns: readonly Column[], rows: readonly TableRow[], options: TableOptions = {}): void {
    const table = this.startTable(columns, options);
    for (const row of rows) table.row(row);
    table.end();
  }

  /** A table whose rows come one at a time (a county's issues, page by page): see table(). */
  startTable(columns: readonly Column[], options: TableOptions = {}): { row(row: TableRow): void; end(): void } {
    const size = options.size ?? 8;
    const pad = 3;
    const header = () => {
      const height = Math.max(...columns.map((c) => this.measure(c.header, { size, bold: true, width: c.width - 2 * pad }))) + 2 * pad;
      this.ensure(height + 20);
      const y = this.doc.y;
      this.doc.save().rect(this.left, y, this.width, height).fill('#f2f4f7').restore();
      this.row(columns, columns.map((c) => c.header), y, pad, { size, bold: true });
      this.doc.y = y + height;
    };
    header();
    let index = 0;
    return {
      row: (row) => {
        // A county's list of failures runs to thousands of rows: see forgetTextLayouts().
        if (index++ % 250 === 249) this.forgetTextLayouts();
        const height = Math.max(...columns.map((c, i) => this.measure(row.cells[i] ?? '', { size, width: c.width - 2 * pad }))) + 2 * pad;
        if (this.doc.y + height > this.bottom) {
          this.newPage();
          header();
        }
        const y = this.doc.y;
        const statuses = row.statuses ?? columns.map((_, i) => (i === options.statusColumn ? row.status : undefined));
        this.shade(columns, statuses, y, height, row.statuses !== undefined);
        this.row(columns, row.cells, y, pad, { size }, statuses);
        this.doc.moveTo(this.left, y + height).lineTo(this.left + this.width, y + height).lineWidth(0.3).strokeColor(RULE_LINE).stroke();
        this.doc.y = y + height;
      },
      end: () => {
        this.doc.x = this.left;
        this.gap(6);
      },
    };
  }

  /** Fills the cells that carry a status with its light colour (when `fill`). */
  private shade(columns: readonly Column[], statuses: readonly (Status | undefined)[], y: number, height: number, fill: boolean): void {
    if (!fill) return;
    let x = this.left;
    columns.forEach((column, i) => {
      const status = statuses[i];
      if (status) this.doc.save().rect(x, y, column.width, height).fill(STATUS_COLOURS[status].fill).restore();
      x += column.width;
    });
  }

  private row(columns: readonly Column[], cells: readonly string[], y: number, pad: number, style: TextStyle, statuses: readonly (Status | undefined)[] = []): void {
    let x = this.left;
    columns.forEach((column, i) => {
      const status = statuses[i];
      const ink = status ? STATUS_COLOURS[status].ink : undefined;
      const cell = { ...style, colour: ink ?? INK, bold: style.bold || ink !== undefined, align: column.align ?? 'left' };
      const width = column.width - 2 * pad;
      this.font(cell);
      this.doc.y = y + pad;
      // A cell taller than a page (a name of 32,767 letters) flows onto more.
      this.flow(this.lines(cells[i] ?? '', width), x + pad, width, cell);
      x += column.width;
    });
  }

  /** Ends the document, once the page count is known and with it every footer. */
  end(): void {
    this.streams.drawFooters((page, pages) => this.drawFooter(page, pages));
    this.doc.end();
  }
}
