// Reads a PDF back the way a viewer would (pdfjs-dist), for assertions on what a report says
// and where it puts it.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfItem {
  text: string;
  x: number;
  y: number;
  width: number;
}

export interface PdfPage {
  text: string;
  items: PdfItem[];
  width: number;
  height: number;
}

export async function readPdf(bytes: Uint8Array): Promise<PdfPage[]> {
  const document = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: PdfPage[] = [];
  for (let n = 1; n <= document.numPages; n += 1) {
    const page = await document.getPage(n);
    const { width, height } = page.getViewport({ scale: 1 });
    const content = await page.getTextContent();
    const items = content.items.flatMap((item) =>
      'str' in item ? [{ text: item.str, x: item.transform[4] as number, y: item.transform[5] as number, width: item.width }] : [],
    );
    pages.push({ text: items.map((i) => i.text).join(''), items, width, height });
  }
  await document.destroy();
  return pages;
}
