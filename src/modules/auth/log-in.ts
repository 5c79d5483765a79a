import type { Db } from '../../db/open-database.js';
import { recordAudit } from '../audit/audit-repository.js';
import type { CurrentUser } from './current-user.js';
import { verifyNothing, verifyPassword } from './password-hash.js';
import { isLocked, lockedUntilAfter, MAX_PASSWORD_LENGTH } from './session-policy.js';
import { clearLoginFailures, findUserByUsername, recordLoginFailure, toCurrentUser } from './user-repository.js';

export type LoginResult = { ok: true; user: CurrentUser } | { ok: false; reason: 'invalid' | 'locked' | 'disabled' };

/**
 * Checks a username and password. Every outcome is written to the audit trail (never the
 * password). A locked account is refused without checking the password, so guessing during
 * the lock learns nothing (and takes as long as a real check); each wrong password past the free attempts doubles the lock.
 */
export async function attemptLogin(db: Db, input: { username: string; password: string; ip: string }, now: () => number): Promise<LoginResult> {
  const user = findUserByUsername(db, input.username);
  const audit = (action: string, userId: number | null, detail: Record<string, unknown>): void =>
    recordAudit(db, { userId, name: input.username }, now(), { action, entity: 'user', entityId: userId, detail: { ip: input.ip, ...detail } });
  if (!user || input.password.length > MAX_PASSWORD_LENGTH * 4) {
    await verifyNothing(input.password.slice(0, MAX_PASSWORD_LENGTH));
    audit('login_failed', user?.id ?? null, { reason: user ? 'invalid' : 'unknown_user' });
    return { ok: false, reason: 'invalid' };
  }
  if (user.disabledAt !== null) {
    await verifyNothing(input.password);
    audit('login_failed', user.id, { reason: 'disabled' });
    return { ok: false, reason: 'disabled' };
  }
  if (isLocked(user.lockedUntil, now())) {
    // Same time as a real check, so the response time does not tell that the account is locked.
    await verifyNothing(input.password.slice(0, MAX_PASSWORD_LENGTH));
    audit('login_failed', user.id, { reason: 'locked', lockedUntil: user.lockedUntil });
    return { ok: false, reason: 'locked' };
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    // Re-read after the slow hash: parallel attempts must all count.
    const fresh = findUserByUsername(db, input.username) ?? user;
    const failures = fresh.failedLogins + 1;
    const lockedUntil = lockedUntilAfter(failures, now());
    recordLoginFailure(db, user.id, failures, lockedUntil);
    audit('login_failed', user.id, { reason: 'invalid', failures, ...(lockedUntil ? { lockedUntil } : {}) });
    return { ok: false, reason: lockedUntil ? 'locked' : 'invalid' };
  }
  clearLoginFailures(db, user.id);
  audit('login', user.id, {});
  return { ok: true, user: toCurrentUser(user) };
}
