// The reasons a database refuses a write that are the machine's, not the caller's (a full disk,
// a read-only file), said plainly as a StoreError, which the web app answers with 503 and this
// sentence and the CLI prints. SQLite's codes, and PostgreSQL's SQLSTATEs of the same kind.
import { StoreError } from './types.js';

const WRITE_FAILURES: Record<string, { zh: string; en: string }> = {
  // PostgreSQL's SQLSTATEs of the same kind: insufficient resources, a read-only transaction.
  '53': { zh: '数据库服务器磁盘或资源不足', en: 'the database server is out of disk or resources' },
  '25006': { zh: '数据库为只读', en: 'the database is read-only' },
  SQLITE_FULL: { zh: '磁盘已满', en: 'the disk is full' },
  SQLITE_READONLY: { zh: '数据库为只读', en: 'the database is read-only' },
  SQLITE_IOERR: { zh: '磁盘读写出错', en: 'the disk reported an I/O error' },
  SQLITE_BUSY: { zh: '数据库正被其他进程长时间占用', en: 'another process held the database too long' },
  SQLITE_CANTOPEN: { zh: '无法打开数据库文件', en: 'the database file cannot be opened' },
};

/** The machine's reason for a refused write, or null when the error is not one of those. */
export function writeFailureReason(error: unknown): { zh: string; en: string; code: string } | null {
  const code = String((error as { code?: string }).code ?? '');
  const reason = Object.entries(WRITE_FAILURES).find(([prefix]) => code.startsWith(prefix))?.[1];
  return reason ? { ...reason, code } : null;
}

/** Runs a probe write: the machine's refusal is `writable: false` with its reason; anything else throws. */
export async function probeWrite(write: () => unknown): Promise<{ writable: boolean; reason?: { zh: string; en: string } }> {
  try {
    await write();
    return { writable: true };
  } catch (error) {
    const reason = writeFailureReason(error);
    if (!reason) throw error;
    return { writable: false, reason: { zh: reason.zh, en: reason.en } };
  }
}

/** What a refused write of a user, session or token did not do. */
export const NOTHING_SAVED = { zh: '未保存', en: 'nothing was saved' };

const AUDIT_NOT_STORED = { zh: '审核未保存，已保存的审核不受影响', en: 'the audit was not stored, and earlier audits are untouched' };

/** `error` as a StoreError saying what was not done, when the machine refused the write. */
export function writeFailure(error: unknown, outcome: { zh: string; en: string } = AUDIT_NOT_STORED): unknown {
  const reason = writeFailureReason(error);
  if (!reason) return error;
  return new StoreError(`${reason.zh}，${outcome.zh} / ${reason.en}: ${outcome.en} (${reason.code})`, { zh: reason.zh, en: reason.en });
}
