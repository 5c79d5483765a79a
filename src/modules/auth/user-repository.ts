import { and, asc, count, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/open-database.js';
import { perConnection } from '../../db/per-connection.js';
import { sessions, users } from '../../db/schema.js';
import type { CurrentUser, Role } from './current-user.js';

/** The only SQL about users. */

export interface StoredUser extends CurrentUser {
  passwordHash: string;
  failedLogins: number;
  lockedUntil: number | null;
  createdAt: number;
  disabledAt: number | null;
}

export interface NewUser {
  username: string;
  displayName: string;
  passwordHash: string;
  role: Role;
  provinces: readonly string[];
  at: number;
}

function fromRow(row: typeof users.$inferSelect): StoredUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    provinces: JSON.parse(row.provinces) as string[],
    passwordHash: row.passwordHash,
    failedLogins: row.failedLogins,
    lockedUntil: row.lockedUntil,
    createdAt: row.createdAt,
    disabledAt: row.disabledAt,
  };
}

/** The public part of a user: what sessions and pages see (never the hash). */
export function toCurrentUser(u: StoredUser): CurrentUser {
  return { id: u.id, username: u.username, displayName: u.displayName, role: u.role, provinces: u.provinces };
}

export function insertUser(db: Db, u: NewUser): StoredUser {
  const row = db
    .insert(users)
    .values({
      username: u.username,
      displayName: u.displayName,
      passwordHash: u.passwordHash,
      role: u.role,
      provinces: JSON.stringify([...u.provinces]),
      createdAt: u.at,
    })
    .returning()
    .get();
  return fromRow(row);
}

export function findUserByUsername(db: Db, username: string): StoredUser | null {
  const row = db.select().from(users).where(eq(users.username, username)).get();
  return row ? fromRow(row) : null;
}

// Every staff request reads its user: prepared once per connection.
const byId = perConnection((db) =>
  db
    .select()
    .from(users)
    .where(eq(users.id, sql.placeholder('id')))
    .prepare(),
);

export function findUserById(db: Db, id: number): StoredUser | null {
  const row = byId(db).get({ id });
  return row ? fromRow(row) : null;
}

export function listUsers(db: Db): StoredUser[] {
  return db.select().from(users).orderBy(asc(users.username)).all().map(fromRow);
}

export function countActiveAdmins(db: Db): number {
  return db
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.role, 'admin'), isNull(users.disabledAt)))
    .get()!.n;
}

export function recordLoginFailure(db: Db, id: number, failedLogins: number, lockedUntil: number | null): void {
  db.update(users).set({ failedLogins, lockedUntil }).where(eq(users.id, id)).run();
}

export function clearLoginFailures(db: Db, id: number): void {
  db.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, id)).run();
}

export function updateRole(db: Db, id: number, role: Role, provinces: readonly string[]): void {
  db.update(users)
    .set({ role, provinces: JSON.stringify([...provinces]) })
    .where(eq(users.id, id))
    .run();
}

/** A new password also clears a lockout and ends every session of the user. */
export function updatePassword(db: Db, id: number, passwordHash: string): void {
  db.transaction((tx) => {
    tx.update(users).set({ passwordHash, failedLogins: 0, lockedUntil: null }).where(eq(users.id, id)).run();
    tx.delete(sessions).where(eq(sessions.userId, id)).run();
  });
}

export function setDisabled(db: Db, id: number, disabledAt: number | null): void {
  db.transaction((tx) => {
    tx.update(users).set({ disabledAt }).where(eq(users.id, id)).run();
    if (disabledAt !== null) tx.delete(sessions).where(eq(sessions.userId, id)).run();
  });
}
