// The files of an audit on SQLite (see originals-rows.ts): statements prepared once on the audit
// store's connection, run inside its transaction.
import type { Database, Statement } from 'better-sqlite3';
import { ORIGINAL_COLUMNS, originalFrom, originalInfo, type OriginalRow, type OriginalToStore } from './originals-rows.js';
import type { Original, OriginalInfo } from './types.js';

export class SqliteOriginals {
  private readonly s: Record<'findUpload' | 'insertUpload' | 'insertFile' | 'list' | 'get' | 'exists', Statement>;

  constructor(db: Database) {
    this.s = {
      findUpload: db.prepare('SELECT id FROM uploads WHERE sha256 = ?'),
      insertUpload: db.prepare('INSERT INTO uploads (sha256, size, bytes, created_at) VALUES (?, ?, ?, ?)'),
      insertFile: db.prepare('INSERT INTO audit_files (audit_id, position, upload_id, file_name, media_type) VALUES (?, ?, ?, ?, ?)'),
      list: db.prepare(`SELECT ${ORIGINAL_COLUMNS} FROM audit_files f JOIN uploads u ON u.id = f.upload_id WHERE f.audit_id = ? ORDER BY f.position`),
      get: db.prepare(`SELECT ${ORIGINAL_COLUMNS}, u.bytes FROM audit_files f JOIN uploads u ON u.id = f.upload_id WHERE f.audit_id = ? AND f.position = ?`),
      exists: db.prepare('SELECT 1 FROM audits WHERE id = ?'),
    };
  }

  /** Each file's upload (identical bytes stored once), in order: call inside the audit's transaction. */
  uploads(files: readonly OriginalToStore[], createdAt: string): number[] {
    return files.map((file) => {
      const existing = this.s.findUpload.get(file.sha256) as { id: number } | undefined;
      return existing ? existing.id : Number(this.s.insertUpload.run(file.sha256, file.bytes.length, file.bytes, createdAt).lastInsertRowid);
    });
  }

  /** The audit's rows of its files, after its own row. */
  link(auditId: string, files: readonly OriginalToStore[], uploadIds: readonly number[]): void {
    files.forEach((file, position) => this.s.insertFile.run(auditId, position, uploadIds[position], file.name, file.mediaType));
  }

  list(auditId: string): OriginalInfo[] | null {
    const rows = this.s.list.all(auditId) as OriginalRow[];
    if (rows.length === 0) return this.s.exists.get(auditId) ? [] : null;
    return rows.map(originalInfo);
  }

  get(auditId: string, position: number): Original | null {
    const row = this.s.get.get(auditId, position) as (OriginalRow & { bytes: Buffer }) | undefined;
    return row ? originalFrom(row) : null;
  }
}
