import { and, asc, eq, exists, sql } from 'drizzle-orm';
import type { Db } from '../../db/open-database.js';
import { perConnection } from '../../db/per-connection.js';
import { auditLog, responses } from '../../db/schema.js';
import type { ResponseScope } from '../auth/current-user.js';
import { scopeCondition } from '../responses/response-repository.js';

/**
 * Convention, so a response's history is one query: every change to a response is entity
 * 'response' with the response id as entityId (actions such as keying.first_entry,
 * keying.resolve, response_edited, response_deleted). Accounts are entity 'user' (login,
 * login_failed, logout, user_created, role_changed, password_reset, user_disabled).
 */

/** Who did something: a signed-in user, or a named process (the importer, the public form). */
export interface Actor {
  userId: number | null;
  name: string;
}

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | number | null;
  surveyId?: string | null;
  before?: unknown;
  after?: unknown;
  detail?: unknown;
}

const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));

const appends = perConnection((db) =>
  db.$client.prepare(
    'INSERT INTO audit_log (at, user_id, actor, action, entity, entity_id, survey_id, before, after, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ),
);

/**
 * Appends to the audit trail (the table refuses updates and deletes: see migration 0001).
 * Every online form, keyed form and login appends, so the statement is prepared once per connection.
 */
export function recordAudit(db: Db, actor: Actor, at: number, entry: AuditEntry): void {
  appends(db).run(
    at,
    actor.userId,
    actor.name,
    entry.action,
    entry.entity,
    entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
    entry.surveyId ?? null,
    json(entry.before),
    json(entry.after),
    json(entry.detail),
  );
}

export interface AuditRecord {
  id: number;
  at: number;
  userId: number | null;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  surveyId: string | null;
  before: unknown;
  after: unknown;
  detail: unknown;
}

const parse = (v: string | null): unknown => (v === null ? null : JSON.parse(v));

/** The history of one thing (a response, a user…), oldest first. */
export function auditHistory(db: Db, entity: string, entityId: string | number): AuditRecord[] {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entity, entity), eq(auditLog.entityId, String(entityId))))
    .orderBy(asc(auditLog.id))
    .all()
    .map((r) => ({ ...r, before: parse(r.before), after: parse(r.after), detail: parse(r.detail) }));
}

/**
 * The history of one response, oldest first, only if the scope may see that response (the
 * scope is part of the query, not a check in the page): empty otherwise.
 */
export function responseHistory(db: Db, responseId: number, scope: ResponseScope): AuditRecord[] {
  const visible = db
    .select({ one: sql`1` })
    .from(responses)
    .where(and(eq(responses.id, responseId), scopeCondition(scope)));
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entity, 'response'), eq(auditLog.entityId, String(responseId)), exists(visible)))
    .orderBy(asc(auditLog.id))
    .all()
    .map((r) => ({ ...r, before: parse(r.before), after: parse(r.after), detail: parse(r.detail) }));
}
