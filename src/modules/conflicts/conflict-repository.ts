import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/open-database.js';
import { conflicts } from '../../db/schema.js';
import type { Answers } from '../rules/evaluate-expression.js';

/**
 * The only SQL about conflicts: a paper serial that arrived twice (keyed twice, keyed and
 * imported, imported with other answers, answered online and then on paper). Writers record
 * them; supervisors list, read and resolve them; the fieldwork page reads `openConflictCounts`.
 */

export type ConflictKind = (typeof conflicts.$inferInsert)['kind'];
export type IncomingChannel = (typeof conflicts.$inferInsert)['incomingChannel'];
export type ConflictRow = typeof conflicts.$inferSelect;
export type Resolution = 'keep' | 'replace';

/**
 * What arrived, as every writer gives it: packed as responses are (so the importer, which has
 * only packed rows, pays nothing) with the survey version it was packed under and its province
 * (the province scope of a conflict without a stored response is read from it, in SQL).
 */
export interface IncomingAnswers {
  surveyVersion: string;
  codes: Uint8Array;
  values: Readonly<Record<string, string | number>>;
  province: string | null;
  incompleteReason?: string | null;
  /** Who keyed the paper form (keying only). */
  enteredBy?: string | null;
}

/** The stored incoming answers, read back in one shape whichever writer wrote them. */
export type StoredIncoming =
  | {
      form: 'packed';
      surveyVersion: string | null;
      codes: Buffer;
      values: Record<string, string | number>;
      province: string | null;
      incompleteReason: string | null;
      enteredBy: string | null;
    }
  /** Keying wrote plain answers before the conflicts module existed. */
  | { form: 'answers'; answers: Answers; province: null; incompleteReason: string | null; enteredBy: string | null };

/** One serialisation, keys in a fixed order, so equal incoming answers are equal texts. */
function serialise(i: IncomingAnswers): string {
  return JSON.stringify({
    surveyVersion: i.surveyVersion,
    province: i.province,
    codes: Buffer.from(i.codes.buffer, i.codes.byteOffset, i.codes.byteLength).toString('base64'),
    values: i.values,
    incompleteReason: i.incompleteReason ?? null,
    enteredBy: i.enteredBy ?? null,
  });
}

export function parseIncoming(text: string): StoredIncoming {
  const j = JSON.parse(text) as Record<string, unknown>;
  const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
  if (typeof j.codes === 'string') {
    return {
      form: 'packed',
      surveyVersion: str(j.surveyVersion),
      codes: Buffer.from(j.codes, 'base64'),
      values: (j.values ?? {}) as Record<string, string | number>,
      province: str(j.province),
      incompleteReason: str(j.incompleteReason),
      enteredBy: str(j.enteredBy),
    };
  }
  return { form: 'answers', answers: (j.answers ?? {}) as Answers, province: null, incompleteReason: str(j.incompleteReason), enteredBy: str(j.keyedBy) };
}

export interface NewConflict {
  surveyId: string;
  serial: string;
  kind: ConflictKind;
  responseId: number | null;
  channel: IncomingChannel;
  batchId: number | null;
  incoming: IncomingAnswers;
  at: number;
  /** Write nothing when the same conflict (serial, kind, incoming answers) is still open: a re-run of a file must not pile up copies. */
  unlessOpen?: boolean;
}

/** Records a conflict for a supervisor; the id, or null when `unlessOpen` found the same one open. */
export function recordConflict(db: Db, c: NewConflict): number | null {
  const incoming = serialise(c.incoming);
  if (c.unlessOpen) {
    const open = db
      .select({ id: conflicts.id })
      .from(conflicts)
      .where(
        and(
          eq(conflicts.surveyId, c.surveyId),
          eq(conflicts.serial, c.serial),
          eq(conflicts.kind, c.kind),
          eq(conflicts.incoming, incoming),
          isNull(conflicts.resolvedAt),
        ),
      )
      .get();
    if (open) return null;
  }
  return db
    .insert(conflicts)
    .values({
      surveyId: c.surveyId,
      serial: c.serial,
      kind: c.kind,
      responseId: c.responseId,
      incomingChannel: c.channel,
      incomingBatchId: c.batchId,
      incoming,
      createdAt: c.at,
    })
    .returning({ id: conflicts.id })
    .get().id;
}

export function maxConflictId(db: Db): number {
  return (
    db
      .select({ m: sql<number | null>`max(${conflicts.id})` })
      .from(conflicts)
      .get()?.m ?? 0
  );
}

/** Undoes the conflicts a failed all-or-nothing import wrote (inside the same open transaction). */
export function deleteConflictsAfter(db: Db, batchId: number, afterId: number): void {
  db.delete(conflicts)
    .where(and(eq(conflicts.incomingBatchId, batchId), gt(conflicts.id, afterId)))
    .run();
}

export function openConflictsOfBatch(db: Db, batchId: number, limit = 200): { serial: string; kind: ConflictKind }[] {
  return db
    .select({ serial: conflicts.serial, kind: conflicts.kind })
    .from(conflicts)
    .where(and(eq(conflicts.incomingBatchId, batchId), isNull(conflicts.resolvedAt)))
    .orderBy(conflicts.id)
    .limit(limit)
    .all();
}

/** Every conflict a batch raised, open or resolved, oldest first (the keying batch page). */
export function listBatchConflicts(db: Db, batchId: number): ConflictRow[] {
  return db.select().from(conflicts).where(eq(conflicts.incomingBatchId, batchId)).orderBy(asc(conflicts.id)).all();
}

/**
 * A conflict belongs to the province of its stored response, or, when there is none (an
 * access code used online whose answers are not found), to the incoming answers' province.
 * An online answer naming another province than its code's also belongs to the province the
 * code was issued in: that province's supervisors own the form. A limited scope never sees a
 * conflict with no province at all.
 */
function scopeSql(scope: readonly string[] | null): { sql: string; params: string[] } {
  if (scope === null) return { sql: '', params: [] };
  const list = scope.map(() => '?').join(',') || 'NULL';
  return {
    sql: ` AND (coalesce(r.province, json_extract(c.incoming, '$.province')) IN (${list})
      OR (c.kind = 'code_province' AND EXISTS (SELECT 1 FROM access_codes ac JOIN batches cb ON cb.id = ac.batch_id
        WHERE ac.survey_id = c.survey_id AND ac.serial = c.serial AND cb.province IN (${list}))))`,
    params: [...scope, ...scope],
  };
}

/**
 * Open conflicts of a survey counted per incoming batch and province, the province by the same
 * rule as the scope above (the stored response's, else the incoming answers'); null when neither
 * says. The fieldwork page shows these counts.
 */
export function openConflictCounts(db: Db, surveyId: string): { batchId: number | null; province: string | null; conflicts: number }[] {
  return db.$client
    .prepare(
      `SELECT c.incoming_batch_id AS batchId, coalesce(r.province, json_extract(c.incoming, '$.province')) AS province, count(*) AS conflicts
       FROM conflicts c LEFT JOIN responses r ON r.id = c.response_id
       WHERE c.survey_id = ? AND c.resolved_at IS NULL GROUP BY 1, 2`,
    )
    .all(surveyId) as { batchId: number | null; province: string | null; conflicts: number }[];
}

export interface ConflictListItem {
  id: number;
  surveyId: string;
  serial: string;
  kind: ConflictKind;
  incomingChannel: IncomingChannel;
  incomingBatchId: number | null;
  batchName: string | null;
  responseId: number | null;
  province: string | null;
  createdAt: number;
  resolvedAt: number | null;
  resolution: string | null;
}

const SELECT_ITEM = `SELECT c.id, c.survey_id AS surveyId, c.serial, c.kind, c.incoming_channel AS incomingChannel, c.incoming_batch_id AS incomingBatchId,
  b.name AS batchName, c.response_id AS responseId, coalesce(r.province, json_extract(c.incoming, '$.province')) AS province,
  c.created_at AS createdAt, c.resolved_at AS resolvedAt, c.resolution
  FROM conflicts c LEFT JOIN responses r ON r.id = c.response_id LEFT JOIN batches b ON b.id = c.incoming_batch_id`;

/** Conflicts in the scope, newest first, with how many match in all (the page shows at most `limit`). */
export function listConflicts(
  db: Db,
  scope: readonly string[] | null,
  filter: { surveyId?: string; kind?: ConflictKind; open: boolean; limit: number },
): { items: ConflictListItem[]; total: number } {
  const s = scopeSql(scope);
  let where = 'WHERE 1 = 1';
  const params: unknown[] = [];
  if (filter.open) where += ' AND c.resolved_at IS NULL';
  if (filter.surveyId) {
    where += ' AND c.survey_id = ?';
    params.push(filter.surveyId);
  }
  if (filter.kind) {
    where += ' AND c.kind = ?';
    params.push(filter.kind);
  }
  where += s.sql;
  params.push(...s.params);
  const items = db.$client.prepare(`${SELECT_ITEM} ${where} ORDER BY c.created_at DESC, c.id DESC LIMIT ?`).all(...params, filter.limit) as ConflictListItem[];
  const total = db.$client
    .prepare(`SELECT count(*) FROM conflicts c LEFT JOIN responses r ON r.id = c.response_id ${where}`)
    .pluck()
    .get(...params) as number;
  return { items, total };
}

export interface Conflict extends ConflictListItem {
  incoming: StoredIncoming;
  resolvedBy: number | null;
}

/** One conflict, only if the scope may see it; null otherwise, exactly as for an id that does not exist. */
export function findConflictScoped(db: Db, id: number, scope: readonly string[] | null): Conflict | null {
  const s = scopeSql(scope);
  const row = db.$client
    .prepare(`${SELECT_ITEM.replace('c.resolution', 'c.resolution, c.resolved_by AS resolvedBy, c.incoming')} WHERE c.id = ?${s.sql}`)
    .get(id, ...s.params) as (Omit<Conflict, 'incoming'> & { incoming: string }) | undefined;
  return row ? { ...row, incoming: parseIncoming(row.incoming) } : null;
}

/** Closes an open conflict; false when it was already resolved (two supervisors at once: the first wins). */
export function markConflictResolved(db: Db, id: number, r: { by: number; at: number; resolution: Resolution }): boolean {
  const result = db
    .update(conflicts)
    .set({ resolvedAt: r.at, resolvedBy: r.by, resolution: r.resolution })
    .where(and(eq(conflicts.id, id), isNull(conflicts.resolvedAt)))
    .run();
  return result.changes === 1;
}
