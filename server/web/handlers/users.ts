// The admin's user page: create users, change role and facilities, disable, reset passwords.
// New and reset passwords are generated and shown once to the admin, never chosen by them.
import type { Request, Response } from 'express';
import { isRole, UserExistsError, type Role, type User } from '../../store/users-types.js';
import type { AppContext } from '../app-context.js';
import { notFound } from '../context.js';
import { param, userOf, type Handler } from '../handler.js';
import { hashPassword, randomPassword } from '../passwords.js';
import { parseFacilityIds, validUserName } from '../user-rules.js';

interface Notice {
  kind: 'ok' | 'error';
  text: string;
  /** A generated password, shown this once. */
  password?: string;
}

async function renderUsers(res: Response, app: AppContext, status: number, notice: Notice | null): Promise<void> {
  res.status(status).render('users', { users: await app.users.listUsers(), notice });
}

function field(req: Request, name: string): string {
  const value = (req.body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value.trim() : '';
}

export const listUsers: Handler = (_req, res, app) => renderUsers(res, app, 200, null);

export const createUser: Handler = async (req, res, app) => {
  const t = res.locals.t;
  const name = field(req, 'name');
  const role = field(req, 'role');
  const facilities = parseFacilityIds(field(req, 'facilities'));
  if (!validUserName(name)) return renderUsers(res, app, 400, { kind: 'error', text: t('badUserName') });
  if (!isRole(role)) return renderUsers(res, app, 400, { kind: 'error', text: t('badRequest') });
  if (role === 'facility_manager' && facilities.length === 0) {
    return renderUsers(res, app, 400, { kind: 'error', text: t('managerNeedsFacility') });
  }
  const password = randomPassword();
  try {
    await app.users.createUser({ name, role, facilities: role === 'facility_manager' ? facilities : [], passwordHash: await hashPassword(password) });
  } catch (error) {
    if (error instanceof UserExistsError) return renderUsers(res, app, 409, { kind: 'error', text: t('userExists', { name }) });
    throw error;
  }
  await renderUsers(res, app, 201, { kind: 'ok', text: `${t('userCreated', { name })} ${t('newPasswordOnce', { name })}`, password });
};

async function target(req: Request, app: AppContext): Promise<User> {
  const id = Number(param(req, 'id'));
  const user = Number.isInteger(id) ? await app.users.getUser(id) : null;
  if (!user) throw notFound();
  return user;
}

export const updateUser: Handler = async (req, res, app) => {
  const t = res.locals.t;
  const user = await target(req, app);
  const role = field(req, 'role');
  const disabled = field(req, 'disabled') === '1';
  const facilities = parseFacilityIds(field(req, 'facilities'));
  if (!isRole(role)) return renderUsers(res, app, 400, { kind: 'error', text: t('badRequest') });
  if (user.id === userOf(res).id && (disabled || role !== user.role)) {
    return renderUsers(res, app, 400, { kind: 'error', text: t('cannotChangeSelf') });
  }
  if (role === 'facility_manager' && facilities.length === 0) {
    return renderUsers(res, app, 400, { kind: 'error', text: t('managerNeedsFacility') });
  }
  await app.users.updateUser(user.id, { role: role as Role, disabled, facilities: role === 'facility_manager' ? facilities : [] });
  // A disabled user, or one whose rights changed, starts afresh.
  if (disabled || role !== user.role) await app.users.deleteSessionsOf(user.id);
  await renderUsers(res, app, 200, { kind: 'ok', text: t('userSaved', { name: user.name }) });
};

export const resetPassword: Handler = async (req, res, app) => {
  const user = await target(req, app);
  const password = randomPassword();
  await app.users.updateUser(user.id, { passwordHash: await hashPassword(password) });
  await app.users.deleteSessionsOf(user.id);
  await renderUsers(res, app, 200, { kind: 'ok', text: res.locals.t('newPasswordOnce', { name: user.name }), password });
};
