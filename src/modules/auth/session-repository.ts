import { eq, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/open-database.js';
import { perConnection } from '../../db/per-connection.js';
import { sessions } from '../../db/schema.js';

/** The only SQL about sessions. Rows are keyed by the SHA-256 of the token, never the token. */

export interface StoredSession {
  id: string;
  userId: number;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
}

export function insertSession(db: Db, s: StoredSession & { csrfSecret: string }): void {
  db.insert(sessions).values(s).run();
}

// Every staff request looks its session up: prepared once per connection.
const findById = perConnection((db) =>
  db
    .select({ id: sessions.id, userId: sessions.userId, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt, expiresAt: sessions.expiresAt })
    .from(sessions)
    .where(eq(sessions.id, sql.placeholder('id')))
    .prepare(),
);

const touch = perConnection((db) =>
  db
    .update(sessions)
    .set({ lastSeenAt: sql`${sql.placeholder('at')}` })
    .where(eq(sessions.id, sql.placeholder('id')))
    .prepare(),
);

export function findSession(db: Db, id: string): StoredSession | null {
  return findById(db).get({ id }) ?? null;
}

export function touchSession(db: Db, id: string, at: number): void {
  touch(db).run({ id, at });
}

export function deleteSession(db: Db, id: string): void {
  db.delete(sessions).where(eq(sessions.id, id)).run();
}

/** Removes sessions past their absolute expiry or idle since `idleBefore`. */
export function deleteStaleSessions(db: Db, now: number, idleBefore: number): number {
  return db
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, idleBefore)))
    .run().changes;
}
