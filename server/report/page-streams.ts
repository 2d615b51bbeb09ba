// The content streams of a report's pages, reached inside pdfkit (which does not export them).
//
// Pages are streamed out as they are finished, never held, yet a footer says "page x of y". So
// each page's contents are two streams: its footer, a stream of its own that is written only at
// the end, once the count is known (a PDF's objects may come in any order), then its body. A
// viewer draws the two as one, the footer first, as if it had been drawn when the page began.
// (Before, the whole report was laid out twice, once only to count its pages.)
//
// pdfkit makes a Buffer of every operator it writes (some 1,500 a page). Here a stream keeps its
// operators as text and becomes bytes once, when it ends; it is deflated as pdfkit would, but
// before pdfkit copies it into a buffer of its own size, not after: zlib's output is a slice of a
// 16 KB buffer, which stays in memory until the file takes it, and at the end every footer is
// written at once (30 MB of them for a county).
import { deflateSync } from 'node:zlib';

/** pdfkit's PDFReference, as far as a content stream needs it. */
interface PdfkitStream {
  data: { Filter?: string };
  /** Chunks written so far (the page's first operator, written before the page is announced). */
  buffer: Buffer[];
  /** Whether end() deflates the stream. */
  compress: boolean;
  end(): void;
}

interface PdfkitPage {
  content: PdfkitStream | Operators;
  dictionary: { data: { Contents: PdfkitStream | PdfkitStream[] } };
  fonts: Record<string, unknown>;
}

interface PdfkitDocument {
  page: PdfkitPage;
  ref(): PdfkitStream;
}

/** The font a footer is drawn in, as pdfkit holds it: its resource name and its object. */
export interface FooterFont {
  id: string;
  ref(): unknown;
}

/** What pdfkit writes into a stream (page.content), kept as text until the stream ends. */
class Operators {
  private readonly lines: string[] = [];

  constructor(readonly stream: PdfkitStream) {}

  write(line: string): void {
    this.lines.push(line);
  }

  /** pdfkit's own bytes (each operator on a line of its own), deflated. */
  end(): void {
    const text = Buffer.from(this.lines.length ? `${this.lines.join('\n')}\n` : '', 'latin1');
    const stream = this.stream;
    stream.buffer = [deflateSync(stream.buffer.length ? Buffer.concat([...stream.buffer, text]) : text)];
    stream.compress = false;
    stream.data.Filter = 'FlateDecode';
    stream.end();
  }
}

export class PageStreams {
  /** Each page's footer stream, in page order. */
  private readonly footers: PdfkitStream[] = [];

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    footerFont: FooterFont,
  ) {
    const internals = doc as unknown as PdfkitDocument;
    doc.on('pageAdded', () => {
      const { page } = internals;
      const body = page.content as PdfkitStream;
      const footer = internals.ref();
      page.dictionary.data.Contents = [footer, body];
      // The page's resources are written when it ends, long before its footer is drawn.
      page.fonts[footerFont.id] ??= footerFont.ref();
      page.content = new Operators(body);
      this.footers.push(footer);
    });
  }

  /**
   * Draws every page's footer into its own stream, `draw(page, pages)` drawing as on the page
   * itself: pdfkit draws into the current page's contents, so they point at each footer in turn.
   */
  drawFooters(draw: (page: number, pages: number) => void): void {
    const { page } = this.doc as unknown as PdfkitDocument;
    const body = page.content;
    const height = this.doc.page.height;
    this.footers.forEach((footer, i) => {
      const operators = new Operators(footer);
      page.content = operators;
      this.doc.save();
      // The body's stream turns the page upside down (pdfkit's y goes down): so must this one.
      this.doc.transform(1, 0, 0, -1, 0, height);
      draw(i + 1, this.footers.length);
      this.doc.restore();
      operators.end();
    });
    page.content = body;
  }
}
