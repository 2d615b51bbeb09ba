// Writes a PDF report to a file as the CLI does: an unknown facility is refused before any file
// is touched, and the PDF appears under its name only once complete (written beside it, then
// renamed), so a crash never leaves half a report where a reader expects a whole one.
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { setFlagsFromString } from 'node:v8';
import { forFacility, UnknownFacilityError } from '../audit/presentation.js';
import type { AuditResult } from '../audit/result.js';
import { writeReport, writeReportFrom, type ReportOptions } from '../report/render.js';
import { storeSource } from '../report/source.js';
import type { AuditStore, StoredAudit } from '../store/types.js';
import { UsageError } from './args.js';

/**
 * How far V8 lets the heap grow past what a full collection keeps, in per cent (its default
 * factor is up to 4×). A report keeps little alive (≈25 MB for a county's 1,854 pages) and makes
 * much short-lived garbage; at 4× the heap grew to ≈100 MB before a long report's last full
 * collection, which a shorter one never reached, so the peak followed the audit's size
 * (1×/½ peaks 1.12–1.16). At 1.5× both stay near 180 MB, in the same time.
 */
const REPORT_HEAP_GROWING_PERCENT = 50;

/**
 * Holds the heap's growth for the report about to be drawn. The CLI's process does nothing else
 * meanwhile, so V8's growth factor is set for it here (the web draws reports in workers of its
 * own, whose process this does not touch).
 */
function holdHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${REPORT_HEAP_GROWING_PERCENT}`);
}

/** Writes `path` through `write`, beside it first: the name only ever holds a whole file. */
async function atomically(path: string, write: (out: NodeJS.WritableStream) => Promise<void>): Promise<void> {
  const partial = `${path}.partial`;
  try {
    await write(createWriteStream(partial));
    await rename(partial, path);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

export async function writeReportFile(result: AuditResult, options: ReportOptions, path: string): Promise<void> {
  // A rejected workbook has no facilities: its report lists the errors, whatever was asked.
  const scoped = result.valid ? options : { ...options, facility: undefined };
  if (scoped.facility !== undefined) {
    try {
      forFacility(result, scoped.facility);
    } catch (error) {
      if (error instanceof UnknownFacilityError) throw new UsageError(error.message);
      throw error;
    }
  }
  const { facility, ...rest } = scoped;
  holdHeapGrowth();
  await atomically(path, (out) => writeReport(result, facility === undefined ? rest : { ...rest, facility }, out));
}

/**
 * The report of a stored audit (`head`: getAuditHead), its findings read from the store a page
 * at a time: a county's report never holds the audit in memory.
 */
export async function writeStoredReportFile(store: AuditStore, head: StoredAudit, options: ReportOptions, path: string): Promise<void> {
  const source = storeSource(store, head.auditId, head.result, options.facility === undefined ? undefined : { facility: options.facility });
  if (options.facility !== undefined) {
    const [first] = await store.findingsPage(head.auditId, { order: 'stored', after: -1, limit: 1, scope: { facility: options.facility } });
    if (!first) throw new UsageError(new UnknownFacilityError(options.facility).message);
  }
  holdHeapGrowth();
  await atomically(path, (out) => writeReportFrom(source, options, out));
}
