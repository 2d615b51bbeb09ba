// The admin's user page: create users, change role and facilities, disable, reset passwords,
// list and revoke API tokens. New and reset passwords are generated and shown once to the admin,
// never chosen by them.
import type { Request, Response } from 'express';
import { defaultRulebooks } from '../../../checks/rulebook.js';
import { isRole, UserExistsError, type FacilityRef, type Role, type User } from '../../store/users-types.js';
import type { AppContext } from '../app-context.js';
import { notFound } from '../context.js';
import { param, userOf, type Handler } from '../handler.js';
import { hashPassword, randomPassword } from '../passwords.js';
import { canonicalId, parseFacilities, validUserName } from '../user-rules.js';

interface Notice {
  kind: 'ok' | 'error';
  text: string;
  /** A generated password, shown this once. */
  password?: string;
}

async function renderUsers(res: Response, app: AppContext, status: number, notice: Notice | null): Promise<void> {
  const [users, tokens] = await Promise.all([app.users.listUsers(), app.users.listTokens()]);
  res.status(status).render('users', { users, tokens, now: new Date().toISOString(), notice });
}

function field(req: Request, name: string): string {
  const value = (req.body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value.trim() : '';
}

/** The form's facilities, or the notice that says which entries are not `jurisdiction:id`. */
function facilitiesOf(req: Request, res: Response, role: Role): FacilityRef[] | Notice {
  const t = res.locals.t;
  if (role !== 'facility_manager') return [];
  const { facilities, invalid } = parseFacilities(field(req, 'facilities'));
  if (invalid.length > 0) {
    return { kind: 'error', text: t('badFacilities', { list: invalid.join('、'), known: defaultRulebooks().map((b) => b.id).join(', ') }) };
  }
  return facilities.length > 0 ? facilities : { kind: 'error', text: t('managerNeedsFacility') };
}

export const listUsers: Handler = (_req, res, app) => renderUsers(res, app, 200, null);

export const createUser: Handler = async (req, res, app) => {
  const t = res.locals.t;
  const name = field(req, 'name');
  const role = field(req, 'role');
  if (!validUserName(name)) return renderUsers(res, app, 400, { kind: 'error', text: t('badUserName') });
  if (!isRole(role)) return renderUsers(res, app, 400, { kind: 'error', text: t('badRequest') });
  const facilities = facilitiesOf(req, res, role);
  if (!Array.isArray(facilities)) return renderUsers(res, app, 400, facilities);
  const password = randomPassword();
  try {
    await app.users.createUser({ name, role, facilities, passwordHash: await hashPassword(password) });
  } catch (error) {
    if (error instanceof UserExistsError) return renderUsers(res, app, 409, { kind: 'error', text: t('userExists', { name }) });
    throw error;
  }
  await renderUsers(res, app, 201, { kind: 'ok', text: `${t('userCreated', { name })} ${t('newPasswordOnce', { name })}`, password });
};

async function target(req: Request, app: AppContext): Promise<User> {
  const id = canonicalId(param(req, 'id'));
  const user = id === null ? null : await app.users.getUser(id);
  if (!user) throw notFound();
  return user;
}

export const updateUser: Handler = async (req, res, app) => {
  const t = res.locals.t;
  const user = await target(req, app);
  const role = field(req, 'role');
  const disabled = field(req, 'disabled') === '1';
  if (!isRole(role)) return renderUsers(res, app, 400, { kind: 'error', text: t('badRequest') });
  if (user.id === userOf(res).id && (disabled || role !== user.role)) {
    return renderUsers(res, app, 400, { kind: 'error', text: t('cannotChangeSelf') });
  }
  const facilities = facilitiesOf(req, res, role);
  if (!Array.isArray(facilities)) return renderUsers(res, app, 400, facilities);
  // The store revokes the user's API tokens when the role changes.
  await app.users.updateUser(user.id, { role, disabled, facilities });
  // A disabled user, or one whose rights changed, starts afresh.
  if (disabled || role !== user.role) await app.users.deleteSessionsOf(user.id);
  await renderUsers(res, app, 200, { kind: 'ok', text: t('userSaved', { name: user.name }) });
};

export const resetPassword: Handler = async (req, res, app) => {
  const user = await target(req, app);
  const password = randomPassword();
  // The store revokes the user's API tokens with the old password.
  await app.users.updateUser(user.id, { passwordHash: await hashPassword(password) });
  await app.users.deleteSessionsOf(user.id);
  await renderUsers(res, app, 200, { kind: 'ok', text: res.locals.t('newPasswordOnce', { name: user.name }), password });
};

export const revokeToken: Handler = async (req, res, app) => {
  const id = canonicalId(param(req, 'id'));
  const token = id === null ? undefined : (await app.users.listTokens()).find((candidate) => candidate.id === id);
  if (!token || !(await app.users.revokeToken(token.id))) throw notFound();
  await renderUsers(res, app, 200, { kind: 'ok', text: res.locals.t('tokenRevoked', { id: token.id, name: token.userName }) });
};
