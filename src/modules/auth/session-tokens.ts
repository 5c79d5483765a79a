import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/open-database.js';
import type { CurrentUser } from './current-user.js';
import { IDLE_TIMEOUT_MS, isSessionLive, needsTouch, newSessionTimes } from './session-policy.js';
import { deleteSession, deleteStaleSessions, findSession, insertSession, touchSession } from './session-repository.js';
import { findUserById, toCurrentUser } from './user-repository.js';

/** Only the hash is stored: a leaked database (or backup) holds no usable session. */
export function sessionId(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** Starts a session for the user and returns the token for the cookie (32 random bytes). */
export function startSession(db: Db, userId: number, now: number): string {
  const token = randomBytes(32).toString('base64url');
  insertSession(db, { id: sessionId(token), userId, csrfSecret: randomBytes(24).toString('base64url'), ...newSessionTimes(now) });
  // Sweeping stale rows at login keeps the table small without a timer.
  deleteStaleSessions(db, now, now - IDLE_TIMEOUT_MS);
  return token;
}

/**
 * The user a cookie token stands for, or null when the token is unknown, idle too long,
 * past its absolute expiry, or its user is disabled. A dead session is deleted.
 */
export function resolveSession(db: Db, token: string | undefined, now: number): CurrentUser | null {
  if (!token || !TOKEN.test(token)) return null;
  const id = sessionId(token);
  const session = findSession(db, id);
  if (!session) return null;
  if (!isSessionLive(session, now)) {
    deleteSession(db, id);
    return null;
  }
  const user = findUserById(db, session.userId);
  if (!user || user.disabledAt !== null) {
    deleteSession(db, id);
    return null;
  }
  if (needsTouch(session, now)) touchSession(db, id, now);
  return toCurrentUser(user);
}

export function endSession(db: Db, token: string | undefined): void {
  if (token && TOKEN.test(token)) deleteSession(db, sessionId(token));
}
