import type { Db } from '../../db/open-database.js';
import { recordAudit, type Actor } from '../audit/audit-repository.js';
import { roles, type CurrentUser, type Role } from './current-user.js';
import { hashPassword } from './password-hash.js';
import { passwordProblem } from './session-policy.js';
import {
  clearLoginFailures,
  countActiveAdmins,
  findUserByUsername,
  insertUser,
  setDisabled,
  toCurrentUser,
  updatePassword,
  updateRole,
  type StoredUser,
} from './user-repository.js';

/** A reason a user can't be created or changed; the CLI prints it and exits 2. */
export class UserInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserInputError';
  }
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

/**
 * The provinces a role keeps: an admin always works nationally; supervisors and enumerators
 * work for named provinces only (an empty list would silently mean "everywhere").
 */
function checkProvinces(role: Role, provinces: readonly string[], known: ReadonlySet<string> | null): string[] {
  const unique = [...new Set(provinces)].sort();
  if (role === 'admin' && unique.length > 0) throw new UserInputError('an admin works on every province; leave out --province');
  if ((role === 'supervisor' || role === 'enumerator') && unique.length === 0) throw new UserInputError(`a ${role} needs at least one --province`);
  for (const p of unique) {
    if (known && !known.has(p)) throw new UserInputError(`unknown province code "${p}"`);
  }
  return unique;
}

export interface CreateUserInput {
  username: string;
  displayName?: string;
  role: Role;
  provinces?: readonly string[];
  password: string;
  /** Province codes that exist (from the reference lists); null skips the check. */
  knownProvinces?: ReadonlySet<string> | null;
}

/** Creates an account (argon2id hash) and writes it to the audit trail. */
export async function createUser(db: Db, actor: Actor, at: number, input: CreateUserInput): Promise<CurrentUser> {
  const username = input.username.trim().toLowerCase();
  if (!USERNAME.test(username)) throw new UserInputError('a username is 2–64 characters: lower-case letters, digits, dot, dash, underscore');
  const problem = passwordProblem(input.password);
  if (problem) throw new UserInputError(problem);
  const provinces = checkProvinces(input.role, input.provinces ?? [], input.knownProvinces ?? null);
  if (findUserByUsername(db, username)) throw new UserInputError(`the username "${username}" is taken`);
  const passwordHash = await hashPassword(input.password);
  const user = insertUser(db, { username, displayName: input.displayName?.trim() || username, passwordHash, role: input.role, provinces, at });
  recordAudit(db, actor, at, { action: 'user_created', entity: 'user', entityId: user.id, after: { username, role: user.role, provinces } });
  return toCurrentUser(user);
}

function existing(db: Db, username: string): StoredUser {
  const user = findUserByUsername(db, username.trim().toLowerCase());
  if (!user) throw new UserInputError(`no user "${username}"`);
  return user;
}

export function changeRole(
  db: Db,
  actor: Actor,
  at: number,
  input: { username: string; role: Role; provinces: readonly string[]; knownProvinces?: ReadonlySet<string> | null },
): CurrentUser {
  const user = existing(db, input.username);
  const provinces = checkProvinces(input.role, input.provinces, input.knownProvinces ?? null);
  // One connection, synchronous: statements on `db` inside the callback are in the transaction.
  db.transaction(() => {
    updateRole(db, user.id, input.role, provinces);
    recordAudit(db, actor, at, {
      action: 'role_changed',
      entity: 'user',
      entityId: user.id,
      before: { role: user.role, provinces: user.provinces },
      after: { role: input.role, provinces },
    });
  });
  return { ...toCurrentUser(user), role: input.role, provinces };
}

export async function resetPassword(db: Db, actor: Actor, at: number, username: string, password: string): Promise<void> {
  const user = existing(db, username);
  const problem = passwordProblem(password);
  if (problem) throw new UserInputError(problem);
  updatePassword(db, user.id, await hashPassword(password));
  recordAudit(db, actor, at, { action: 'password_reset', entity: 'user', entityId: user.id });
}

export function disableUser(db: Db, actor: Actor, at: number, username: string, disabled: boolean): void {
  const user = existing(db, username);
  setDisabled(db, user.id, disabled ? at : null);
  recordAudit(db, actor, at, { action: disabled ? 'user_disabled' : 'user_enabled', entity: 'user', entityId: user.id });
}

/** Lifts a lockout at once (the person called the administrator). */
export function unlockUser(db: Db, actor: Actor, at: number, username: string): void {
  const user = existing(db, username);
  clearLoginFailures(db, user.id);
  recordAudit(db, actor, at, {
    action: 'user_unlocked',
    entity: 'user',
    entityId: user.id,
    before: { failedLogins: user.failedLogins, lockedUntil: user.lockedUntil },
  });
}

/**
 * What `sipas serve` prints on a database with no administrator: there is no default
 * password, so the first admin is made at the console.
 */
export function firstAdminHint(db: Db): string | null {
  if (countActiveAdmins(db) > 0) return null;
  return [
    'sipas: no administrator account yet. Nobody can sign in until you create one:',
    '  npm run sipas -- user add --username admin --role admin --name "Your Name"',
    '  (type the password when asked, at least 10 characters; or pipe it on standard input)',
    '',
  ].join('\n');
}
