// What the store keeps of the files an audit read, whoever stored it (the CLI, the upload
// worker, a re-run): each file as sent, in order, under the audit's own name for them.
import type { InputFile } from '../workbook/sources/open.js';
import type { AuditResult } from './result.js';

export function originalsOf(files: readonly InputFile[], result: AuditResult): { bytes: Buffer; fileName: string; files: { name: string; bytes: Buffer }[] } {
  return { bytes: files[0]!.bytes, fileName: result.workbook.file, files: files.map((f) => ({ name: f.name, bytes: f.bytes })) };
}
