// The files of an audit on PostgreSQL (see originals-rows.ts), inside the audit's transaction.
import type pg from 'pg';
import { ORIGINAL_COLUMNS, type OriginalToStore } from './originals-rows.js';

/** Each file's upload (identical bytes stored once, whoever wins a race to store them), in order. */
export async function storeUploads(client: pg.PoolClient, files: readonly OriginalToStore[], createdAt: string): Promise<number[]> {
  const ids: number[] = [];
  for (const file of files) {
    const inserted = await client.query<{ id: number }>(
      `INSERT INTO uploads (sha256, size, bytes, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING RETURNING id`,
      [file.sha256, file.bytes.length, file.bytes, createdAt],
    );
    ids.push(inserted.rows[0]?.id ?? (await client.query<{ id: number }>('SELECT id FROM uploads WHERE sha256 = $1', [file.sha256])).rows[0]!.id);
  }
  return ids;
}

/** The audit's rows of its files, after its own row. */
export async function linkFiles(client: pg.PoolClient, auditId: string, files: readonly OriginalToStore[], uploadIds: readonly number[]): Promise<void> {
  await client.query(
    `INSERT INTO audit_files (audit_id, position, upload_id, file_name, media_type)
     SELECT $1, * FROM unnest($2::int4[], $3::int4[], $4::text[], $5::text[])`,
    [auditId, files.map((_, i) => i), uploadIds, files.map((f) => f.name), files.map((f) => f.mediaType)],
  );
}

export const LIST_ORIGINALS = `SELECT ${ORIGINAL_COLUMNS} FROM audit_files f JOIN uploads u ON u.id = f.upload_id WHERE f.audit_id = $1 ORDER BY f.position`;
export const GET_ORIGINAL = `SELECT ${ORIGINAL_COLUMNS}, u.bytes FROM audit_files f JOIN uploads u ON u.id = f.upload_id WHERE f.audit_id = $1 AND f.position = $2`;
