/**
 * The rules of sessions and lockouts, as pure functions of time (no clock, no database), so
 * they can be tested exactly and changed in one place.
 */

/** A session not used for this long is over (OWASP: 15–30 minutes for low-risk apps). */
export const IDLE_TIMEOUT_MS = 30 * 60_000;
/** No session lives longer than a working day, however active. */
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60_000;
/** last_seen_at is written at most this often, so reading pages does not write on every request. */
export const TOUCH_INTERVAL_MS = 60_000;

/** Wrong passwords allowed in a row before the account is locked. */
export const FREE_ATTEMPTS = 5;
const FIRST_LOCK_MS = 60_000;
const MAX_LOCK_MS = 60 * 60_000;

export interface SessionTimes {
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
}

export function newSessionTimes(now: number): SessionTimes {
  return { createdAt: now, lastSeenAt: now, expiresAt: now + ABSOLUTE_TIMEOUT_MS };
}

/** Whether a session may still be used at `now`: neither idle too long nor past its absolute expiry. */
export function isSessionLive(s: SessionTimes, now: number): boolean {
  return now < s.expiresAt && now - s.lastSeenAt < IDLE_TIMEOUT_MS;
}

export function needsTouch(s: SessionTimes, now: number): boolean {
  return now - s.lastSeenAt >= TOUCH_INTERVAL_MS;
}

/**
 * When an account is locked after `failures` wrong passwords in a row: not before
 * FREE_ATTEMPTS, then one minute, doubling with every further failure, at most an hour.
 * Returns null when the account stays open.
 *
 * @example lockedUntilAfter(5, 0) // 60_000; lockedUntilAfter(6, 0) // 120_000
 */
export function lockedUntilAfter(failures: number, now: number): number | null {
  if (failures < FREE_ATTEMPTS) return null;
  const ms = Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** Math.min(failures - FREE_ATTEMPTS, 20));
  return now + ms;
}

export function isLocked(lockedUntil: number | null, now: number): boolean {
  return lockedUntil !== null && now < lockedUntil;
}

/** Passwords shorter than this are refused (NIST SP 800-63B asks at least 8; we ask 10). */
export const MIN_PASSWORD_LENGTH = 10;
/** Long enough for any passphrase, short enough that hashing can't be used to tie up the server. */
export const MAX_PASSWORD_LENGTH = 256;

export function passwordProblem(password: string): string | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return `the password must have at least ${MIN_PASSWORD_LENGTH} characters`;
  if (length > MAX_PASSWORD_LENGTH) return `the password must have at most ${MAX_PASSWORD_LENGTH} characters`;
  return null;
}
