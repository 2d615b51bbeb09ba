// GET /healthz for the proxy in front of several instances: 200 with the engine and schema
// version while the database answers, 503 when it does not. No login, no session, no page.
import type { Handler } from '../handler.js';

export const health: Handler = async (_req, res, app) => {
  res.set('Cache-Control', 'no-store');
  try {
    res.json({ status: 'ok', ...(await app.store.health()) });
  } catch (error) {
    app.logger.error('health check: the database does not answer', error);
    res.status(503).json({ status: 'unavailable', engine: app.store.engine });
  }
};
