import type { Db } from '../../db/open-database.js';
import { hiddenImportRows } from '../responses/import-run-repository.js';
import type { KeyingFacts } from './fast-keying.js';
import type { FlagKind, QualityFlag, QualityRows } from './quality-flag.js';

/** The only SQL about quality flags, and the reads the detectors need (responses and keying entries of one survey). */

/** `IN (?, ?…)` for a province scope; null scope = no filter. */
function scopeSql(column: string, scope: readonly string[] | null): { sql: string; params: string[] } {
  if (scope === null) return { sql: '', params: [] };
  return { sql: ` AND ${column} IN (${scope.map(() => '?').join(',') || 'NULL'})`, params: [...scope] };
}

/** Typed arrays, not arrays of strings and boxed numbers: a million rows stay small for the collector. */
export interface ResponseTimes {
  /** 1 for an online response. */
  online: Uint8Array;
  createdAt: Float64Array;
  /** Online: when the form was opened; NaN otherwise or when not recorded. */
  startedAt: Float64Array;
}

/** Statuses the checks read: forms that count or wait for their second entry; not deleted, not incomplete. */
const CHECKED = "('verified', 'submitted')";

/**
 * Every checked form of one survey version, in id order, its coded answers end to end: the
 * detectors calibrate on whole provinces, so filters (batch, province) apply to their flags, not here.
 */
export function readQualityRows(db: Db, survey: { id: string; version: string; codedCount: number }): QualityRows & ResponseTimes {
  const width = survey.codedCount;
  let codes = new Uint8Array(1024 * width);
  // Row i's codes at i·width: the codes array grows with the others, doubling.
  let responseId = new Int32Array(1024);
  const serial: (string | null)[] = [];
  const province: (string | null)[] = [];
  const batchId: (number | null)[] = [];
  let online = new Uint8Array(1024);
  let createdAt = new Float64Array(1024);
  let startedAt = new Float64Array(1024);
  // Province codes repeat: one string per distinct code, not one per row.
  const interned = new Map<string, string>();
  const stmt = db.$client
    .prepare(
      `SELECT id, serial, province, batch_id, channel, created_at, started_at, codes FROM responses
       WHERE survey_id = ? AND survey_version = ? AND status IN ${CHECKED}${hiddenImportRows(db)} ORDER BY id`,
    )
    .raw();
  let n = 0;
  for (const row of stmt.iterate(survey.id, survey.version) as Iterable<
    [number, string | null, string | null, number | null, string, number, number | null, Buffer]
  >) {
    if (n === responseId.length) {
      const grow = <T extends Uint8Array | Int32Array | Float64Array>(a: T, make: (length: number) => T): T => {
        const b = make(a.length * 2);
        b.set(a);
        return b;
      };
      codes = grow(codes, (l) => new Uint8Array(l));
      responseId = grow(responseId, (l) => new Int32Array(l));
      online = grow(online, (l) => new Uint8Array(l));
      createdAt = grow(createdAt, (l) => new Float64Array(l));
      startedAt = grow(startedAt, (l) => new Float64Array(l));
    }
    const blob = row[7];
    codes.set(blob.length > width ? blob.subarray(0, width) : blob, n * width);
    responseId[n] = row[0];
    serial.push(row[1]);
    const p = row[2];
    if (p !== null && !interned.has(p)) interned.set(p, p);
    province.push(p === null ? null : interned.get(p)!);
    batchId.push(row[3]);
    online[n] = row[4] === 'online' ? 1 : 0;
    createdAt[n] = row[5];
    startedAt[n] = row[6] ?? Number.NaN;
    n++;
  }
  return {
    n,
    width,
    codes: codes.subarray(0, n * width),
    responseId: responseId.subarray(0, n),
    serial,
    province,
    batchId,
    online: online.subarray(0, n),
    createdAt: createdAt.subarray(0, n),
    startedAt: startedAt.subarray(0, n),
  };
}

/** Every keying entry of one survey with its keyer and whether (and how much) its form's two passes disagreed. */
export function readKeyingFacts(db: Db, surveyId: string): KeyingFacts[] {
  const rows = db.$client
    .prepare(
      `SELECT e.id AS entryId, e.response_id AS responseId, e.serial, e.province, e.batch_id AS batchId, e.enumerator_id AS enumeratorId,
         coalesce(u.display_name, u.username) AS enumeratorName, e.pass, e.fields_keyed AS fieldsKeyed, e.started_at AS startedAt, e.saved_at AS savedAt,
         EXISTS (SELECT 1 FROM keying_entries o WHERE o.survey_id = e.survey_id AND o.serial = e.serial AND o.pass <> e.pass) AS compared,
         (SELECT count(*) FROM keying_disagreements d WHERE d.survey_id = e.survey_id AND d.serial = e.serial) AS disagreements
       FROM keying_entries e JOIN users u ON u.id = e.enumerator_id
       WHERE e.survey_id = ? ORDER BY e.id`,
    )
    .all(surveyId) as Array<Omit<KeyingFacts, 'compared'> & { compared: number }>;
  return rows.map((r) => ({ ...r, compared: r.compared === 1 }));
}

/**
 * Stores a run's flags: a flag found before keeps its decision and gets the new score and
 * evidence; a new one is open; an open flag of this survey version's forms (or of a keyer) that
 * this run no longer finds is removed (the data changed); other versions' flags are not touched. Decided flags stay whatever the run finds: they are the record.
 * One transaction. Returns how many were new.
 */
export function saveFlags(db: Db, survey: { id: string; version: string }, flags: readonly QualityFlag[], at: number): { added: number; removed: number } {
  const surveyId = survey.id;
  const c = db.$client;
  const upsert = c.prepare(
    `INSERT INTO quality_flags (survey_id, kind, subject, response_id, serial, province, batch_id, score, evidence, status, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?)
     ON CONFLICT (survey_id, kind, subject) DO UPDATE SET score = excluded.score, evidence = excluded.evidence, province = excluded.province,
       serial = excluded.serial, batch_id = excluded.batch_id, updated_at = excluded.updated_at
     RETURNING created_at`,
  );
  const stale = c.prepare(
    `DELETE FROM quality_flags WHERE survey_id = ? AND status = 'open' AND updated_at < ?
       AND (response_id IS NULL OR response_id IN (SELECT id FROM responses WHERE survey_id = ? AND survey_version = ?))`,
  );
  return c.transaction(() => {
    let added = 0;
    for (const f of flags) {
      const row = upsert.get(surveyId, f.kind, f.subject, f.responseId, f.serial, f.province, f.batchId, f.score, JSON.stringify(f.evidence), at, at) as {
        created_at: number;
      };
      if (row.created_at === at) added++;
    }
    const removed = stale.run(surveyId, at, surveyId, survey.version).changes;
    return { added, removed };
  })();
}

export type FlagStatus = 'open' | 'confirmed' | 'dismissed';

export interface StoredFlag {
  id: number;
  surveyId: string;
  kind: FlagKind;
  subject: string;
  responseId: number | null;
  serial: string | null;
  province: string | null;
  batchId: number | null;
  batchName: string | null;
  score: number;
  evidence: Record<string, unknown>;
  status: FlagStatus;
  note: string | null;
  decidedBy: string | null;
  decidedAt: number | null;
}

const SELECT = `SELECT f.id, f.survey_id AS surveyId, f.kind, f.subject, f.response_id AS responseId, f.serial, f.province, f.batch_id AS batchId,
  b.name AS batchName, f.score, f.evidence, f.status, f.note, coalesce(u.display_name, u.username) AS decidedBy, f.decided_at AS decidedAt
  FROM quality_flags f LEFT JOIN batches b ON b.id = f.batch_id LEFT JOIN users u ON u.id = f.decided_by`;

const parse = (r: Omit<StoredFlag, 'evidence'> & { evidence: string }): StoredFlag => ({ ...r, evidence: JSON.parse(r.evidence) as Record<string, unknown> });

export interface FlagFilter {
  /** Every survey when not given. */
  surveyId?: string | undefined;
  kind?: FlagKind | undefined;
  status?: FlagStatus | undefined;
  province?: string | undefined;
  batchId?: number | undefined;
  limit?: number | undefined;
}

/** Flags (of a survey) in the scope (null = national), by kind then strongest first; and how many match. */
export function listFlags(db: Db, scope: readonly string[] | null, filter: FlagFilter): { items: StoredFlag[]; total: number } {
  const s = scopeSql('f.province', scope);
  let where = ` WHERE 1 = 1${s.sql}`;
  const params: unknown[] = [...s.params];
  if (filter.surveyId !== undefined) {
    where += ' AND f.survey_id = ?';
    params.push(filter.surveyId);
  }
  if (filter.kind) {
    where += ' AND f.kind = ?';
    params.push(filter.kind);
  }
  if (filter.status) {
    where += ' AND f.status = ?';
    params.push(filter.status);
  }
  if (filter.province !== undefined) {
    where += ' AND f.province = ?';
    params.push(filter.province);
  }
  if (filter.batchId !== undefined) {
    where += ' AND f.batch_id = ?';
    params.push(filter.batchId);
  }
  const total = db.$client
    .prepare(`SELECT count(*) FROM quality_flags f${where}`)
    .pluck()
    .get(...params) as number;
  const limit = filter.limit === undefined ? '' : ` LIMIT ${Math.max(0, Math.floor(filter.limit))}`;
  const items = (
    db.$client.prepare(`${SELECT}${where} ORDER BY f.kind, f.status <> 'open', abs(f.score) DESC, f.id${limit}`).all(...params) as Array<
      Omit<StoredFlag, 'evidence'> & { evidence: string }
    >
  ).map(parse);
  return { items, total };
}

/** One flag, only if the scope may see it (null otherwise, exactly as for an id that does not exist). */
export function findFlagScoped(db: Db, id: number, scope: readonly string[] | null): StoredFlag | null {
  const s = scopeSql('f.province', scope);
  const row = db.$client.prepare(`${SELECT} WHERE f.id = ?${s.sql}`).get(id, ...s.params) as (Omit<StoredFlag, 'evidence'> & { evidence: string }) | undefined;
  return row ? parse(row) : null;
}

/** Records a supervisor's decision on a flag; the caller writes the audit entry in the same transaction. */
export function decideFlag(db: Db, id: number, d: { status: 'confirmed' | 'dismissed'; note: string; by: number; at: number }): void {
  db.$client
    .prepare('UPDATE quality_flags SET status = ?, note = ?, decided_by = ?, decided_at = ?, updated_at = ? WHERE id = ?')
    .run(d.status, d.note, d.by, d.at, d.at, id);
}

/** How many responses that count (in the provinces, null = all) a confirmed flag leaves out of the index. */
export function countConfirmedFlaggedResponses(db: Db, survey: { id: string; version: string }, provinces: readonly string[] | null = null): number {
  const s = scopeSql('province', provinces);
  return db.$client
    .prepare(
      `SELECT count(*) FROM responses WHERE survey_id = ? AND survey_version = ? AND status = 'verified'${s.sql}${hiddenImportRows(db)}
       AND id IN (SELECT response_id FROM quality_flags WHERE survey_id = ? AND status = 'confirmed' AND response_id IS NOT NULL)`,
    )
    .pluck()
    .get(survey.id, survey.version, ...s.params, survey.id) as number;
}
