// The county audit PDF, at ½ and 1× the county, side by side: time and peak RSS of `report`
// (CLI, a child process each), and the ratio of the two peaks: the report reads its findings
// from the store a page at a time, so its memory should not follow the audit's size.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, type ChildRun } from './child.js';

export interface PdfFigure {
  ms: number;
  rssMb: number;
}

export interface CountyPdfInput {
  dir: string;
  /** The stored 1× audit (its database and id), and the ½ county's workbook to store beside it. */
  full: { db: string; auditId: string };
  halfWorkbook: string;
  /** A fresh SQLite path. */
  sqlitePath: () => string;
  /** run.ts's interleaved runs (a b a b …), each figure the median time and the highest peak. */
  interleaved: (measurements: Record<string, () => Promise<ChildRun>>) => Promise<Record<string, PdfFigure>>;
}

const auditIdIn = (file: string) => (JSON.parse(readFileSync(file, 'utf8')) as { auditId: string }).auditId;

export async function countyPdf(input: CountyPdfInput) {
  const halfDb = input.sqlitePath();
  const json = join(input.dir, 'county-pdf-half.json');
  await runCli(['check', input.halfWorkbook, '--json', '--db', halfDb], { stdoutFile: json });
  const half = { db: halfDb, auditId: auditIdIn(json) };
  const fullPdf = join(input.dir, 'audit.pdf');
  const report = (audit: { db: string; auditId: string }, out: string) => () => runCli(['report', audit.auditId, '--pdf', out, '--db', audit.db]);
  const figures = await input.interleaved({
    halfAuditPdf: report(half, join(input.dir, 'audit-half.pdf')),
    auditPdf: report(input.full, fullPdf),
  });
  const full = figures['auditPdf']!;
  const halfFigure = figures['halfAuditPdf']!;
  // pdfkit writes its page tree uncompressed: `/Type /Pages /Count N`.
  const pages = Number(/\/Type \/Pages\s*\/Count (\d+)/.exec(readFileSync(fullPdf, 'latin1'))?.[1] ?? NaN);
  const rssFullToHalf = full.rssMb / halfFigure.rssMb;
  return {
    pages,
    rows: [
      [`audit PDF (${pages} pages), CLI`, full, ''],
      [`audit PDF of the ½ audit (1×/½ peak ${rssFullToHalf.toFixed(2)})`, halfFigure, ''],
    ] as [string, PdfFigure, string][],
    figures: { ...full, pages, half: halfFigure, rssFullToHalf },
    targets: {
      auditPdfUnder10s: full.ms <= 10_000,
      auditPdfUnder256Mb: full.rssMb <= 256,
      auditPdfMemoryFlatWithin10Percent: Math.abs(rssFullToHalf - 1) <= 0.1,
    },
  };
}
