// The thread of checkpointAside (sqlite-checkpoint.ts): its own connection to the file, one
// checkpoint that copies the WAL into the database and cuts the WAL back, then it ends.
import Database from 'better-sqlite3';
import { workerData } from 'node:worker_threads';
import type { CheckpointThreadData } from './sqlite-checkpoint.js';

const { path, busyTimeoutMs } = workerData as CheckpointThreadData;
const db = new Database(path, { fileMustExist: true });
try {
  db.pragma(`busy_timeout = ${busyTimeoutMs}`);
  db.pragma('wal_checkpoint(TRUNCATE)');
} finally {
  db.close();
}
