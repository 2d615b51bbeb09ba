// The shape of a route handler: Express's request and response plus the app's shared parts.
import type { Request, Response } from 'express';
import type { FacilityRef } from '../store/users-types.js';
import type { AppContext } from './app-context.js';

export type Handler = (req: Request, res: Response, app: AppContext) => Promise<void> | void;

/** A route parameter as one string (Express 5 types allow arrays for wildcards). */
export function param(req: Request, name: string): string {
  const value = req.params[name] as string | string[] | undefined;
  return Array.isArray(value) ? value.join('/') : (value ?? '');
}

/** The facility a route names as /facilities/:jurisdiction/:id. */
export function facilityParam(req: Request): FacilityRef {
  return { jurisdiction: param(req, 'jurisdiction'), id: param(req, 'id') };
}

/** A query parameter as one string, or undefined. */
export function queryText(req: Request, name: string): string | undefined {
  const value = req.query[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The signed-in user; the route's access rule has already made sure there is one. */
export function userOf(res: Response) {
  const user = res.locals.user;
  if (!user) throw new Error('route without an access rule reached a handler that needs a user');
  return user;
}
