// The thread of checkpointAside (sqlite-checkpoint.ts): for each checkpoint asked of it, its own
// connection to the file, one checkpoint that copies the WAL into the database and cuts the WAL
// back, and the connection closed again (between audits it holds no file open). A minute without
// one and it ends: a process that has stored audits on many files (the tests, a server whose
// database moved) keeps no thread for each; the next checkpoint starts one again.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import type { CheckpointReply, CheckpointThreadData } from './sqlite-checkpoint.js';

const { path, busyTimeoutMs } = workerData as CheckpointThreadData;

const IDLE_MS = 60_000;

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

const port = parentPort!;
const idle = () => setTimeout(() => port.close(), IDLE_MS);
let idleTimer = idle();
port.on('message', () => {
  clearTimeout(idleTimer);
  port.postMessage(checkpoint());
  idleTimer = idle();
});
