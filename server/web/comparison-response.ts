// One way every comparison page answers: the page, its data as JSON to `Accept:
// application/json`, or with `?format=xlsx|pdf` its tables as an Excel or PDF download (the
// compare core's exports, rendered into memory first so that a failure is an error page; the
// PDF by a PDF worker, off the request thread).
import type { Request, Response } from 'express';
import { tablesToXlsx } from '../compare/export/xlsx.js';
import type { Table } from '../compare/tables.js';
import { HttpError } from './context.js';
import { readExportFormat, type ExportFormat } from './compare-query.js';
import { attachment } from './downloads-headers.js';
import type { PdfRenderer } from './pdf-renderer.js';

const CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

async function sendTables(res: Response, renderer: PdfRenderer, format: ExportFormat, tables: readonly Table[], title: string, fileName: string): Promise<void> {
  const bytes =
    format === 'xlsx'
      ? await tablesToXlsx(tables)
      : await renderer.render({ kind: 'tables', tables, meta: { title, generatedAt: new Date().toISOString(), lang: res.locals.lang } });
  res.setHeader('Content-Type', CONTENT_TYPES[format]);
  attachment(res, `${fileName}.${format}`);
  res.send(bytes);
}

export interface Comparison {
  /** What JSON clients get; null while the form is not filled in. */
  data: unknown;
  /** The tables of the exports; null while there is nothing to export. */
  tables: () => Table[] | null;
  title: string;
  /** The download's name, without the extension. */
  fileName: string;
  page: () => void;
}

export async function answerComparison(req: Request, res: Response, renderer: PdfRenderer, comparison: Comparison): Promise<void> {
  const format = readExportFormat(req);
  if (format) {
    const tables = comparison.tables();
    if (!tables) throw new HttpError(400, 'badRequest', 'nothing to export: the comparison is not chosen yet');
    await sendTables(res, renderer, format, tables, comparison.title, comparison.fileName);
    return;
  }
  res.format({ html: comparison.page, json: () => res.json(comparison.data) });
}

/** The current page's URL with `format` set: the export links keep every choice of the page. */
export function exportUrl(here: string, format: ExportFormat): string {
  const url = new URL(here, 'http://local');
  url.searchParams.set('format', format);
  return `${url.pathname}${url.search}`;
}
