// What a check reads and how its result names it, apart from the check itself: the thread that
// hands a check to its worker needs these without loading the reader, the rule engine and the
// schemas it compiles (a fifth of a second of every CLI start).
import { createHash } from 'node:crypto';
import type { InputFile } from '../workbook/sources/open.js';
import type { AuditResult } from './result.js';

/** One file (its bytes, named by the options) or several read as one workbook. */
export type CheckInput = Buffer | readonly InputFile[];

export function inputFiles(input: CheckInput, options: { fileName: string }): readonly InputFile[] {
  return Buffer.isBuffer(input) ? [{ name: options.fileName, bytes: input }] : input;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * What the result says it read: one file's name and hash, or for several their names, a hash of
 * their list (`sha256  name` lines, as sha256sum prints them) and each file's own.
 */
export function workbookIdentity(files: readonly InputFile[]): Pick<AuditResult['workbook'], 'file' | 'sha256' | 'files'> {
  if (files.length === 1) return { file: files[0]!.name, sha256: sha256(files[0]!.bytes) };
  const each = files.map((f) => ({ file: f.name, sha256: sha256(f.bytes), size: f.bytes.length }));
  return {
    file: files.map((f) => f.name).join(', '),
    sha256: sha256(Buffer.from(each.map((f) => `${f.sha256}  ${f.file}\n`).join(''), 'utf8')),
    files: each,
  };
}

