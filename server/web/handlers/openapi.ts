// GET /api/openapi.json: the API described in OpenAPI 3.1, without login. The description is
// not secret: it holds no data, no user and no id, only what the open source code already says,
// and integrators' tools (client generators, gateways) fetch it without credentials. The route
// table is passed in as a thunk, since the table itself names this handler.
import type { Handler } from '../handler.js';
import { openApiDocument } from '../openapi/document.js';
import type { Route } from '../routes.js';

export const apiDescription =
  (routes: () => readonly Route[]): Handler =>
  (_req, res) => {
    // Public and the same for everyone of one language (the `lang` query or cookie).
    res.set({ 'Cache-Control': 'public, max-age=300', Vary: 'Cookie' });
    res.json(openApiDocument(routes(), res.locals.lang));
  };
