// One way every comparison page answers: the page, its data as JSON to `Accept:
// application/json`, or with `?format=xlsx|pdf` its tables as an Excel or PDF download (the
// compare core's exports, rendered into memory first so that a failure is an error page).
import { PassThrough } from 'node:stream';
import type { Request, Response } from 'express';
import { tablesToPdf } from '../compare/export/pdf.js';
import { tablesToXlsx } from '../compare/export/xlsx.js';
import type { Table } from '../compare/tables.js';
import { HttpError } from './context.js';
import { readExportFormat, type ExportFormat } from './compare-query.js';
import { attachment } from './downloads-headers.js';

const CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

async function pdfBytes(tables: readonly Table[], title: string, res: Response): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  await tablesToPdf(tables, { title, generatedAt: new Date().toISOString(), lang: res.locals.lang }, sink);
  return Buffer.concat(chunks);
}

export async function sendTables(res: Response, format: ExportFormat, tables: readonly Table[], title: string, fileName: string): Promise<void> {
  const bytes = format === 'xlsx' ? await tablesToXlsx(tables) : await pdfBytes(tables, title, res);
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

export async function answerComparison(req: Request, res: Response, comparison: Comparison): Promise<void> {
  const format = readExportFormat(req);
  if (format) {
    const tables = comparison.tables();
    if (!tables) throw new HttpError(400, 'badRequest', 'nothing to export: the comparison is not chosen yet');
    await sendTables(res, format, tables, comparison.title, comparison.fileName);
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
