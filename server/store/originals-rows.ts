// The files an audit read, as both engines store them: each file's bytes once per distinct
// content in `uploads` (as a single upload always was), and per audit one `audit_files` row with
// its place in the order read, its name as sent and the media type its bytes were read as.
import { createHash } from 'node:crypto';
import { mediaTypeOf } from '../workbook/sources/media-type.js';
import type { NewAudit, Original, OriginalInfo } from './types.js';

export interface OriginalToStore {
  name: string;
  bytes: Buffer;
  sha256: string;
  mediaType: string;
}

/** Every file of a new audit, in order: its `files`, else its one file. */
export function originalsToStore(audit: NewAudit): OriginalToStore[] {
  const files = audit.files && audit.files.length > 0 ? audit.files : [{ name: audit.fileName, bytes: audit.bytes }];
  return files.map((file) => ({
    name: file.name,
    bytes: file.bytes,
    sha256: createHash('sha256').update(file.bytes).digest('hex'),
    mediaType: mediaTypeOf(file.bytes),
  }));
}

/**
 * The hash an audit of several files reported (of their `sha256  name` lines), kept beside the
 * audit; null for one file, whose hash is its upload's.
 */
export function workbookSha256(audit: NewAudit): string | null {
  return audit.files && audit.files.length > 1 ? audit.result.workbook.sha256 : null;
}

/** The columns both engines select for a file of an audit (joined with its upload `u`). */
export const ORIGINAL_COLUMNS = 'f.position, f.file_name, u.sha256, u.size, f.media_type';

export interface OriginalRow {
  position: number;
  file_name: string;
  sha256: string;
  size: number;
  media_type: string;
  bytes?: Buffer;
}

export function originalInfo(row: OriginalRow): OriginalInfo {
  return { position: Number(row.position), fileName: row.file_name, sha256: row.sha256, size: Number(row.size), mediaType: row.media_type };
}

export function originalFrom(row: OriginalRow & { bytes: Buffer }): Original {
  return { ...originalInfo(row), bytes: row.bytes };
}

/** What the stored result says of several files: each one's name, hash and size, as the check said it. */
export function workbookFiles(files: readonly OriginalInfo[]): { file: string; sha256: string; size: number }[] {
  return files.map((f) => ({ file: f.fileName, sha256: f.sha256, size: f.size }));
}
