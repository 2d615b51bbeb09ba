// The thread of checkpointAside (sqlite-checkpoint.ts): for each checkpoint asked of it, its own
// connection to the file, one checkpoint that copies the WAL into the database and cuts the WAL
// back, and the connection closed again (between audits it holds no file open).
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import type { CheckpointReply, CheckpointThreadData } from './sqlite-checkpoint.js';

const { path, busyTimeoutMs } = workerData as CheckpointThreadData;

function checkpoint(): CheckpointReply {
  try {
    const db = new Database(path, { fileMustExist: true });
    try {
      db.pragma(`busy_timeout = ${busyTimeoutMs}`);
      db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }
    return { ok: true };
  } catch (error) {
    return { ok: false, message: String((error as Error).message ?? error) };
  }
}

parentPort!.on('message', () => parentPort!.postMessage(checkpoint()));
