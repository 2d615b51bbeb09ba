// Writes a PDF report to a file as the CLI does: an unknown facility is refused before any file
// is touched, and the PDF appears under its name only once complete (written beside it, then
// renamed), so a crash never leaves half a report where a reader expects a whole one.
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { forFacility, UnknownFacilityError } from '../audit/presentation.js';
import type { AuditResult } from '../audit/result.js';
import { writeReport, writeReportFrom, type ReportOptions } from '../report/render.js';
import { storeSource } from '../report/source.js';
import type { AuditStore, StoredAudit } from '../store/types.js';
import { UsageError } from './args.js';

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
  await atomically(path, (out) => writeReportFrom(source, options, out));
}
