// The content streams of a report's pages, reached inside pdfkit (which does not export them).
//
// Pages are streamed out as they are finished, never held, yet a footer says "page x of y". So
// each page's contents are two streams: its footer, a stream of its own that is written only at
// the end, once the count is known (a PDF's objects may come in any order), then its body. A
// viewer draws the two as one, the footer first, as if it had been drawn when the page began.
// (Before, the whole report was laid out twice, once only to count its pages.)

interface PdfkitStream {
  write(chunk: string): void;
  end(): void;
}

interface PdfkitPage {
  content: PdfkitStream;
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
      const footer = internals.ref();
      page.dictionary.data.Contents = [footer, page.content];
      // The page's resources are written when it ends, long before its footer is drawn.
      page.fonts[footerFont.id] ??= footerFont.ref();
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
      page.content = footer;
      this.doc.save();
      // The body's stream turns the page upside down (pdfkit's y goes down): so must this one.
      this.doc.transform(1, 0, 0, -1, 0, height);
      draw(i + 1, this.footers.length);
      this.doc.restore();
      footer.end();
    });
    page.content = body;
  }
}
