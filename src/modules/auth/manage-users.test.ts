import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/open-database.js';
import { auditHistory } from '../audit/audit-repository.js';
import { tempDb } from '../../../test/helpers/temp-db.js';
import { changeRole, createUser, firstAdminHint, unlockUser, UserInputError } from './manage-users.js';
import { findUserByUsername, recordLoginFailure } from './user-repository.js';

let t: ReturnType<typeof tempDb>;
let db: Db;
const actor = { userId: null, name: 'test' };
const known = new Set(['01', '79']);
beforeEach(() => {
  t = tempDb();
  db = t.db;
});
afterEach(() => t.cleanup());

const add = (username: string, role: 'admin' | 'analyst' | 'supervisor' | 'enumerator', provinces: string[] = [], password = 'long enough pw') =>
  createUser(db, actor, 1000, { username, role, provinces, password, knownProvinces: known });

describe('creating accounts', () => {
  it('refuses short passwords, unknown provinces, admins with provinces, supervisors and enumerators without, bad and taken usernames', async () => {
    await expect(add('a1', 'admin', [], 'short')).rejects.toThrow(/at least 10 characters/);
    await expect(add('a1', 'enumerator', ['99'])).rejects.toThrow('unknown province code "99"');
    await expect(add('a1', 'admin', ['01'])).rejects.toThrow(/leave out --province/);
    await expect(add('a1', 'supervisor')).rejects.toThrow(/needs at least one --province/);
    await expect(add('a1', 'enumerator')).rejects.toThrow(/needs at least one --province/);
    await expect(add('a b', 'analyst')).rejects.toThrow(UserInputError);
    await add('A1', 'analyst');
    await expect(add('a1', 'analyst')).rejects.toThrow(/taken/);
    expect(findUserByUsername(db, 'a1')!.role).toBe('analyst');
  });

  it('until an admin exists, the server has a hint on how to make one', async () => {
    expect(firstAdminHint(db)).toContain('user add --username admin --role admin');
    await add('boss', 'admin');
    expect(firstAdminHint(db)).toBeNull();
  });
});

describe('changing accounts', () => {
  it('a role change is audited with the role and provinces before and after', async () => {
    const user = await add('lan', 'analyst');
    changeRole(db, actor, 2000, { username: 'lan', role: 'supervisor', provinces: ['79', '01', '01'], knownProvinces: known });
    const entry = auditHistory(db, 'user', user.id).find((a) => a.action === 'role_changed')!;
    expect(entry.before).toEqual({ role: 'analyst', provinces: [] });
    expect(entry.after).toEqual({ role: 'supervisor', provinces: ['01', '79'] });
  });

  it('unlock clears the failures and the lock', async () => {
    const user = await add('lan', 'analyst');
    recordLoginFailure(db, user.id, 7, 99_999);
    unlockUser(db, actor, 3000, 'lan');
    expect(findUserByUsername(db, 'lan')).toMatchObject({ failedLogins: 0, lockedUntil: null });
    expect(auditHistory(db, 'user', user.id).at(-1)).toMatchObject({ action: 'user_unlocked', before: { failedLogins: 7, lockedUntil: 99_999 } });
  });
});
