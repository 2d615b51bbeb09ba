// Drawing primitives over pdfkit for the reports: flowing text that never leaves the page,
// tables whose rows move whole to the next page with the header repeated, status badges that
// pair a colour with a word, and a footer drawn on every page as it is created (pages are
// streamed out, never held, so the footer cannot be added at the end).
import { once } from 'node:events';
import PDFDocument from 'pdfkit';
import type { Status } from '../../checks/types.js';
import { drawable, fontBytes } from './fonts.js';
import { breakLongRuns } from './wrap.js';

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
  /**
   * A pass that only counts the pages ("page x of y" needs y before the first footer): text is
   * measured, never set in glyphs, which is most of a report's cost. Every block is placed where
   * drawing it would put it (pdfkit's height of a text is the distance its lines move down), so
   * pages break exactly as in the pass that draws.
   */
  countOnly?: boolean;
  /** The heights the counting pass measured, recorded there and replayed by the pass that draws. */
  heights?: HeightLog;
}

/**
 * The height of every block a report measures, in order: the pass that counts pages records
 * them, the pass that draws (the same calls in the same order) reads them back instead of
 * wrapping every text once more, which was a third of a county's report. Eight bytes a block
 * (about a megabyte for a county), so it hardly weighs on the report's memory.
 */
export class HeightLog {
  private values = new Float64Array(1024);
  private length = 0;
  private next = 0;
  private replaying = false;

  /** From here on, heights are read back in the order they were recorded. */
  rewind(): void {
    this.replaying = true;
    this.next = 0;
  }

  record(height: number): void {
    if (this.replaying) return;
    if (this.length === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = height;
  }

  /** The next recorded height, or undefined while recording (or past the end: measure again). */
  replay(): number | undefined {
    return this.replaying && this.next < this.length ? this.values[this.next++] : undefined;
  }
}

export interface Column {
  header: string;
  width: number;
  align?: 'left' | 'right';
}

/** Words up to this long keep their cached layouts (see forgetTextLayouts). */
const KEPT_LAYOUT_LENGTH = 4;

export class PdfLayout {
  readonly doc: PDFKit.PDFDocument;
  private pageNumber = 0;
  private readonly glyphs: (codePoint: number) => boolean;
  /** Character widths by font, size and character, for fit(). */
  private readonly charWidths = new Map<string, number>();

  /** Only counting pages (see LayoutInfo.countOnly). */
  private readonly countOnly: boolean;
  private readonly heights: HeightLog | undefined;

  constructor(
    private readonly stream: NodeJS.WritableStream,
    info: LayoutInfo,
    private readonly footer: (page: number) => { left: string; right: string },
  ) {
    this.countOnly = info.countOnly ?? false;
    this.heights = info.heights;
    this.doc = new PDFDocument({
      size: 'A4',
      margins: { top: PAGE.margin, bottom: PAGE.margin + PAGE.footer, left: PAGE.margin, right: PAGE.margin },
      autoFirstPage: false,
      bufferPages: false,
      compress: true,
      info: { Title: info.title, Producer: 'eldercare-audit', Creator: 'eldercare-audit', CreationDate: info.created, ModDate: info.created },
    });
    this.doc.pipe(stream);
    this.doc.registerFont('regular', fontBytes('regular'));
    this.doc.registerFont('bold', fontBytes('bold'));
    this.doc.on('pageAdded', () => this.drawFooter());
    this.doc.font('regular');
    const font = (this.doc as unknown as { _font: { font: { hasGlyphForCodePoint(cp: number): boolean } } })._font.font;
    // Asked for every character of every text: the font's own lookup costs seconds on a county.
    const known = new Map<number, boolean>();
    this.glyphs = (cp) => {
      let has = known.get(cp);
      if (has === undefined) known.set(cp, (has = font.hasGlyphForCodePoint(cp)));
      return has;
    };
    this.doc.addPage();
  }

  /**
   * Forgets the long text layouts the fonts have cached. pdfkit keeps the glyph run of every
   * distinct word for the document's life; Chinese has no spaces, so each sentence is a "word"
   * and a county's report held hundreds of megabytes of them. Called between sections, it keeps
   * memory flat. Short words stay: line breaking measures Chinese a character at a time, and
   * laying out those few thousand characters again after every forgetting cost a county's
   * report seconds. (pdfkit has no public call for this: `fontLayoutCache: false` made the
   * report five times slower.)
   */
  forgetTextLayouts(): void {
    const families = (this.doc as unknown as { _fontFamilies?: Record<string, { layoutCache?: Record<string, unknown> }> })._fontFamilies ?? {};
    for (const font of Object.values(families)) {
      const cache = font.layoutCache;
      if (cache) for (const word in cache) if (word.length > KEPT_LAYOUT_LENGTH) delete cache[word];
    }
    this.charWidths.clear();
  }

  /**
   * A pause between parts of a long report: forgets long text layouts, then waits until the
   * output has taken what was written. pdfkit never waits for its reader, so without this a
   * county's pages queued in memory whenever the file (or the disk under a busy machine) was
   * slower than drawing.
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

  get pages(): number {
    return this.pageNumber;
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

  /** The current font and size, as a key. */
  private get fontKey(): string {
    const doc = this.doc as unknown as { _font: { name: string }; _fontSize: number };
    return `${doc._font.name}\u0000${doc._fontSize}\u0000`;
  }

  /** The last text fit() made, by font, width and text: text() fits what measure() just fitted. */
  private lastFit = { key: '', fitted: '' };

  /** Text ready to wrap in `width` points in the current font: drawable, long runs cut (wrap.ts). */
  fit(text: string, width: number): string {
    const { doc } = this;
    const font = this.fontKey;
    const key = `${font}${width}\u0000${text}`;
    if (this.lastFit.key === key) return this.lastFit.fitted;
    const fitted = breakLongRuns(this.safe(text), width, (char) => {
      const key = font + char;
      let width = this.charWidths.get(key);
      if (width === undefined) this.charWidths.set(key, (width = doc.widthOfString(char)));
      return width;
    });
    this.lastFit = { key, fitted };
    return fitted;
  }

  private drawFooter(): void {
    this.pageNumber += 1;
    const { doc } = this;
    const { left, right } = this.footer(this.pageNumber);
    const y = PAGE.height - PAGE.margin - 10;
    // Drawing below the bottom margin would make pdfkit start a new page: lift it for the footer.
    const margins = doc.page.margins;
    doc.page.margins = { ...margins, bottom: 0 };
    doc.save();
    doc.moveTo(this.left, y - 6).lineTo(this.left + this.width, y - 6).lineWidth(0.5).strokeColor(RULE_LINE).stroke();
    doc.font('regular').fontSize(7.5).fillColor(MUTED);
    if (!this.countOnly) {
      doc.text(this.fit(left, this.width * 0.7), this.left, y, { width: this.width * 0.7, lineBreak: false, ellipsis: true });
      doc.text(this.safe(right), this.left + this.width * 0.7, y, { width: this.width * 0.3, align: 'right', lineBreak: false });
    }
    doc.restore();
    doc.page.margins = margins;
    doc.x = this.left;
    doc.y = PAGE.margin;
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

  private font(style: TextStyle): void {
    this.doc.font(style.bold ? 'bold' : 'regular').fontSize(style.size ?? 9.5).fillColor(style.colour ?? INK);
  }

  /** The last height measure() found: a block is measured to keep it whole, then drawn. */
  private lastMeasure = { key: '', height: 0 };

  measure(text: string, style: TextStyle = {}): number {
    this.font(style);
    const width = style.width ?? this.width - (style.indent ?? 0);
    const key = `${this.fontKey}${width}\u0000${text}`;
    if (this.lastMeasure.key === key) return this.lastMeasure.height;
    const height = this.heights?.replay() ?? this.doc.heightOfString(this.fit(text, width), { width });
    this.heights?.record(height);
    this.lastMeasure = { key, height };
    return height;
  }

  /** Flowing text; a block that fits on one page is never split across two. */
  text(text: string, style: TextStyle = {}): void {
    const width = style.width ?? this.width - (style.indent ?? 0);
    const height = this.measure(text, style);
    const fits = height < this.bottom - PAGE.margin;
    if (fits) this.ensure(height);
    this.font(style);
    // Counting pages, a block that fits moves down by its height; a longer one flows over pages.
    if (this.countOnly && fits) this.moveDownLines(height);
    else this.doc.text(this.fit(text, width), this.left + (style.indent ?? 0), this.doc.y, { width, align: style.align ?? 'left' });
    this.doc.x = this.left;
    if (style.gapAfter) this.gap(style.gapAfter);
  }

  /**
   * Moves down as drawing a block `height` high would: line by line, each by the line's height
   * (pdfkit's own steps), so that the sum is the same to the last bit.
   */
  private moveDownLines(height: number): void {
    const { doc } = this;
    const line = doc.currentLineHeight(true) + ((doc as unknown as { _lineGap?: number })._lineGap ?? 0);
    for (let lines = Math.round(height / line); lines > 0; lines--) doc.y += line;
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
    // A row's height is measured before it is drawn: counting pages needs nothing from here.
    if (this.countOnly) return;
    let x = this.left;
    columns.forEach((column, i) => {
      const status = statuses[i];
      const ink = status ? STATUS_COLOURS[status].ink : undefined;
      this.font({ ...style, colour: ink ?? INK, bold: style.bold || ink !== undefined });
      this.doc.text(this.fit(cells[i] ?? '', column.width - 2 * pad), x + pad, y + pad, { width: column.width - 2 * pad, align: column.align ?? 'left' });
      x += column.width;
    });
  }

  end(): void {
    this.doc.end();
  }
}
