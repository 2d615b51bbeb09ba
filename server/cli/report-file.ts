// Writes a PDF report to a file as the CLI does: an unknown facility is refused before any file
// is touched, and the PDF appears under its name only once complete (written beside it, then
// renamed), so a crash never leaves half a report where a reader expects a whole one.
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { forFacility, UnknownFacilityError } from '../audit/presentation.js';
import type { AuditResult } from '../audit/result.js';
import { writeReport, type ReportOptions } from '../report/render.js';
import { UsageError } from './args.js';

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
  const partial = `${path}.partial`;
  try {
    const { facility, ...rest } = scoped;
    await writeReport(result, facility === undefined ? rest : { ...rest, facility }, createWriteStream(partial));
    await rename(partial, path);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}
