// GET /healthz for the proxy in front of several instances: 200 with the engine and schema
// version while the database answers and takes a write; 503 with a sentence (zh, en) when it is
// unreachable, read-only or its disk is full, so that the proxy and the operator learn it before
// an inspector's upload does. No login, no session, no page.
import type { Handler } from '../handler.js';

export const health: Handler = async (_req, res, app) => {
  let state;
  try {
    state = await app.store.health();
  } catch (error) {
    app.logger.error('health check: the database does not answer', error);
    res.status(503).json({
      status: 'unavailable',
      engine: app.store.engine,
      message: { zh: '数据库无法连接。', en: 'The database does not answer.' },
    });
    return;
  }
  const { writable, reason, ...about } = state;
  if (writable) {
    res.json({ status: 'ok', ...about, writable });
    return;
  }
  app.logger.error(`health check: the database cannot be written (${reason?.en ?? 'unknown reason'})`);
  res.status(503).json({
    status: 'unwritable',
    ...about,
    writable,
    message: {
      zh: `数据库无法写入：${reason?.zh ?? '原因不明'}。新的审核与登录将无法保存。`,
      en: `The database cannot be written: ${reason?.en ?? 'reason unknown'}. New audits and logins cannot be saved.`,
    },
  });
};
