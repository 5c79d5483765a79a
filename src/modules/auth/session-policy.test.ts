import { describe, expect, it } from 'vitest';
import { ABSOLUTE_TIMEOUT_MS, IDLE_TIMEOUT_MS, isLocked, isSessionLive, lockedUntilAfter, newSessionTimes, passwordProblem } from './session-policy.js';
import { safeNext } from './login-page.js';

describe('session lifetime', () => {
  const t0 = 1_000_000;
  it('a session is live until it has been idle for 30 minutes', () => {
    const s = newSessionTimes(t0);
    expect(isSessionLive(s, t0 + IDLE_TIMEOUT_MS - 1)).toBe(true);
    expect(isSessionLive(s, t0 + IDLE_TIMEOUT_MS)).toBe(false);
  });
  it('a session in constant use still ends at its absolute expiry', () => {
    const s = { ...newSessionTimes(t0), lastSeenAt: t0 + ABSOLUTE_TIMEOUT_MS - 1 };
    expect(isSessionLive(s, t0 + ABSOLUTE_TIMEOUT_MS - 1)).toBe(true);
    expect(isSessionLive(s, t0 + ABSOLUTE_TIMEOUT_MS)).toBe(false);
  });
});

describe('lockout back-off', () => {
  it('stays open for the first 4 failures, then locks 1, 2, 4… minutes, at most an hour', () => {
    expect([1, 2, 3, 4].map((n) => lockedUntilAfter(n, 0))).toEqual([null, null, null, null]);
    expect([5, 6, 7, 8].map((n) => lockedUntilAfter(n, 0))).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(lockedUntilAfter(12, 0)).toBe(3_600_000);
    expect(lockedUntilAfter(500, 0)).toBe(3_600_000);
  });
  it('a lock holds until its time, not after', () => {
    expect(isLocked(100, 99)).toBe(true);
    expect(isLocked(100, 100)).toBe(false);
    expect(isLocked(null, 0)).toBe(false);
  });
});

describe('passwords', () => {
  it('must have 10 to 256 characters, counted as characters not bytes', () => {
    expect(passwordProblem('123456789')).toMatch(/at least 10/);
    expect(passwordProblem('mật khẩu đủ')).toBeNull();
    expect(passwordProblem('x'.repeat(257))).toMatch(/at most 256/);
  });
});

describe('where to go after signing in', () => {
  it('only a path on this site', () => {
    expect(safeNext('/keying?lang=en')).toBe('/keying?lang=en');
    for (const bad of ['//evil.example', 'https://evil.example', '/\\evil.example', 'keying', '/login?next=/x', undefined, ['/a']])
      expect(safeNext(bad)).toBeUndefined();
  });
});
