// Comparison tables as a PDF: each table under its title, rows kept whole with the header
// repeated on every page, status cells in their colour and word; the report's fonts and footer.
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import type { Lang } from '../../../checks/format.js';
import { PdfLayout } from '../../report/layout.js';
import type { Table } from '../tables.js';

/** Column shares of the page width, by the longest text each column holds (within bounds). */
function weights(table: Table): number[] {
  const longest = table.columns.map((header, i) =>
    Math.min(28, Math.max(3, Math.ceil(header.length / 2), ...table.rows.map((row) => Math.max(...(row[i]?.text ?? '').split('\n').map((line) => line.length))))),
  );
  const total = longest.reduce((a, b) => a + b, 0);
  return longest.map((n) => n / total);
}

export async function tablesToPdf(tables: readonly Table[], meta: { title: string; generatedAt: string; lang: Lang }, out: NodeJS.WritableStream): Promise<void> {
  const done = finished(out as NodeJS.WritableStream & Writable);
  const layout = new PdfLayout(out, { title: meta.title, created: new Date(meta.generatedAt) }, (page) => ({
    left: `${meta.title} · ${meta.generatedAt}`,
    right: meta.lang === 'zh' ? `第 ${page} 页` : `Page ${page}`,
  }));
  layout.text(meta.title, { size: 16, bold: true, gapAfter: 8 });
  for (const table of tables) {
    layout.heading(`${table.title}（${table.rows.length}）`, 2);
    if (table.note) layout.text(table.note, { size: 9, gapAfter: 4 });
    const columns = table.columns.map((header, i) => ({ header, width: layout.width * (weights(table)[i] ?? 0) }));
    layout.table(columns, table.rows.map((cells) => ({ cells: cells.map((c) => c.text), statuses: cells.map((c) => c.status) })));
  }
  layout.end();
  await done;
}
