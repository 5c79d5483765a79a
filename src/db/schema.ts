import { sql } from 'drizzle-orm';
import { blob, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * The one schema file. Times are integer milliseconds since the epoch (UTC); JSON columns
 * hold small objects. Responses are one row each with their coded answers packed in `codes`
 * (one byte per coded variable, in the definition's order, 0 = no answer) and the rest
 * (numbers, texts, places) in `answer_values`: compact for a million rows, quick to scan.
 */

export const surveyVersions = sqliteTable(
  'survey_versions',
  {
    surveyId: text('survey_id').notNull(),
    version: text('version').notNull(),
    status: text('status').notNull(),
    hash: text('hash').notNull(),
    definition: text('definition').notNull(),
    firstSeenAt: integer('first_seen_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.surveyId, t.version] })],
);

export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  passwordHash: text('password_hash').notNull(),
  role: text('role', { enum: ['admin', 'analyst', 'supervisor', 'enumerator'] }).notNull(),
  /** JSON array of province codes; empty = national. */
  provinces: text('provinces').notNull().default('[]'),
  failedLogins: integer('failed_logins').notNull().default(0),
  lockedUntil: integer('locked_until'),
  createdAt: integer('created_at').notNull(),
  disabledAt: integer('disabled_at'),
});

export const sessions = sqliteTable(
  'sessions',
  {
    /** SHA-256 of the cookie token; the token itself is never stored. */
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfSecret: text('csrf_secret').notNull(),
    createdAt: integer('created_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('sessions_user').on(t.userId)],
);

export const batches = sqliteTable(
  'batches',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    surveyId: text('survey_id').notNull(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['import', 'keying', 'codes'] }).notNull(),
    province: text('province'),
    /** An import batch's provinces: the uploader's, as a JSON array; null = national (the CLI, an admin). */
    scope: text('scope'),
    expected: integer('expected'),
    received: integer('received'),
    requiresVerification: integer('requires_verification', { mode: 'boolean' }).notNull().default(false),
    fileName: text('file_name'),
    fileHash: text('file_hash'),
    status: text('status', { enum: ['open', 'committed', 'failed', 'closed', 'cancelled'] })
      .notNull()
      .default('open'),
    summary: text('summary'),
    createdAt: integer('created_at').notNull(),
    createdBy: integer('created_by').references(() => users.id),
  },
  (t) => [uniqueIndex('batches_survey_name').on(t.surveyId, t.name)],
);

export const accessCodes = sqliteTable(
  'access_codes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    surveyId: text('survey_id').notNull(),
    batchId: integer('batch_id').references(() => batches.id),
    serial: text('serial').notNull(),
    /** SHA-256 of the code: lookups compare hashes, so timing says nothing about the code. */
    codeHash: text('code_hash').notNull().unique(),
    usedAt: integer('used_at'),
    responseId: integer('response_id'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('access_codes_survey_serial').on(t.surveyId, t.serial)],
);

export const responses = sqliteTable(
  'responses',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    surveyId: text('survey_id').notNull(),
    surveyVersion: text('survey_version').notNull(),
    serial: text('serial'),
    /** `online-open`: answered through an open link, without a printed code; outside the sample, so out of the index unless asked. */
    channel: text('channel', { enum: ['online', 'online-open', 'keyed', 'import'] }).notNull(),
    status: text('status', { enum: ['submitted', 'verified', 'incomplete', 'deleted'] }).notNull(),
    province: text('province'),
    district: text('district'),
    commune: text('commune'),
    codes: blob('codes', { mode: 'buffer' }).notNull(),
    answerValues: text('answer_values').notNull().default('{}'),
    incompleteReason: text('incomplete_reason'),
    receipt: text('receipt'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    /** Online only: when the respondent opened the form (its draft began), for the speeder check. */
    startedAt: integer('started_at'),
    enteredBy: integer('entered_by').references(() => users.id),
    batchId: integer('batch_id').references(() => batches.id),
    accessCodeId: integer('access_code_id').references(() => accessCodes.id),
  },
  (t) => [
    uniqueIndex('responses_survey_serial')
      .on(t.surveyId, t.serial)
      .where(sql`serial IS NOT NULL`),
    index('responses_scan').on(t.surveyId, t.status, t.province),
    index('responses_batch').on(t.batchId),
    uniqueIndex('responses_receipt')
      .on(t.receipt)
      .where(sql`receipt IS NOT NULL`),
  ],
);

export const quarantine = sqliteTable(
  'quarantine',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    surveyId: text('survey_id').notNull(),
    batchId: integer('batch_id')
      .notNull()
      .references(() => batches.id),
    line: integer('line').notNull(),
    serial: text('serial'),
    /** JSON object: the row's cells by column header, exactly as read. */
    raw: text('raw').notNull(),
    /** JSON array of { line, serial, column, value, reason }. */
    problems: text('problems').notNull(),
    createdAt: integer('created_at').notNull(),
    resolvedAt: integer('resolved_at'),
  },
  (t) => [index('quarantine_batch').on(t.batchId), index('quarantine_serial').on(t.surveyId, t.serial)],
);

export const conflicts = sqliteTable(
  'conflicts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    surveyId: text('survey_id').notNull(),
    serial: text('serial').notNull(),
    kind: text('kind', {
      enum: ['different_answers', 'answered_online', 'keyed_twice', 'code_used', 'code_province', 'serial_not_issued'],
    }).notNull(),
    responseId: integer('response_id').references(() => responses.id),
    incomingChannel: text('incoming_channel', { enum: ['online', 'keyed', 'import'] }).notNull(),
    incomingBatchId: integer('incoming_batch_id').references(() => batches.id),
    /** JSON: the incoming answers, so a supervisor can pick one. */
    incoming: text('incoming').notNull(),
    createdAt: integer('created_at').notNull(),
    resolvedAt: integer('resolved_at'),
    resolvedBy: integer('resolved_by').references(() => users.id),
    resolution: text('resolution'),
  },
  (t) => [index('conflicts_survey').on(t.surveyId, t.resolvedAt)],
);

export const drafts = sqliteTable('drafts', {
  /** SHA-256 of the opaque cookie token. */
  id: text('id').primaryKey(),
  surveyId: text('survey_id').notNull(),
  surveyVersion: text('survey_version').notNull(),
  answers: text('answers').notNull().default('{}'),
  accessCodeId: integer('access_code_id').references(() => accessCodes.id),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

export const keyingEntries = sqliteTable(
  'keying_entries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    surveyId: text('survey_id').notNull(),
    surveyVersion: text('survey_version').notNull(),
    batchId: integer('batch_id').references(() => batches.id),
    serial: text('serial').notNull(),
    pass: integer('pass').notNull(),
    enumeratorId: integer('enumerator_id')
      .notNull()
      .references(() => users.id),
    province: text('province'),
    codes: blob('codes', { mode: 'buffer' }).notNull(),
    answerValues: text('answer_values').notNull().default('{}'),
    incompleteReason: text('incomplete_reason'),
    fieldsKeyed: integer('fields_keyed').notNull().default(0),
    startedAt: integer('started_at').notNull(),
    savedAt: integer('saved_at').notNull(),
    responseId: integer('response_id').references(() => responses.id),
  },
  (t) => [uniqueIndex('keying_serial_pass').on(t.surveyId, t.serial, t.pass), index('keying_enumerator').on(t.enumeratorId)],
);

export const keyingDisagreements = sqliteTable(
  'keying_disagreements',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    surveyId: text('survey_id').notNull(),
    serial: text('serial').notNull(),
    variable: text('variable').notNull(),
    firstValue: text('first_value'),
    secondValue: text('second_value'),
    resolvedValue: text('resolved_value'),
    /** Which entry was wrong: 1, 2, or 0 for both. */
    againstPass: integer('against_pass'),
    resolvedBy: integer('resolved_by').references(() => users.id),
    resolvedAt: integer('resolved_at'),
  },
  (t) => [index('disagreements_serial').on(t.surveyId, t.serial)],
);

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    userId: integer('user_id'),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    surveyId: text('survey_id'),
    before: text('before'),
    after: text('after'),
    detail: text('detail'),
  },
  (t) => [index('audit_entity').on(t.entity, t.entityId)],
);

export const publishedRuns = sqliteTable(
  'published_runs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    surveyId: text('survey_id').notNull(),
    wave: text('wave').notNull(),
    stamp: text('stamp').notNull(),
    results: text('results').notNull(),
    createdAt: integer('created_at').notNull(),
    createdBy: integer('created_by'),
  },
  (t) => [uniqueIndex('published_survey_wave').on(t.surveyId, t.wave)],
);

/**
 * Data-quality flags (src/modules/quality): evidence, never deletions. `subject` says what was
 * flagged (a response, a keying entry, a keyer, a response within a pair) so a re-run finds
 * the same flag again and keeps a supervisor's decision.
 */
export const qualityFlags = sqliteTable(
  'quality_flags',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    surveyId: text('survey_id').notNull(),
    kind: text('kind', { enum: ['straightline', 'duplicate', 'fast-keying', 'speeder', 'nonresponse'] }).notNull(),
    subject: text('subject').notNull(),
    responseId: integer('response_id').references(() => responses.id),
    serial: text('serial'),
    province: text('province'),
    batchId: integer('batch_id').references(() => batches.id),
    score: real('score').notNull(),
    /** JSON: what the detector saw (the pair and its share of equal answers, the z-score…). */
    evidence: text('evidence').notNull(),
    status: text('status', { enum: ['open', 'confirmed', 'dismissed'] })
      .notNull()
      .default('open'),
    note: text('note'),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedAt: integer('decided_at'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('quality_flags_subject').on(t.surveyId, t.kind, t.subject), index('quality_flags_list').on(t.surveyId, t.status, t.province)],
);

/**
 * Scanned paper forms a person must look at: an uncertain box, two marks, handwriting, a
 * missing page. `answers` holds what the machine did read (a JSON object, as keyed); `items`
 * the boxes to check, each with its crop (PNG, base64).
 */
export const scanReviews = sqliteTable(
  'scan_reviews',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    surveyId: text('survey_id').notNull(),
    surveyVersion: text('survey_version').notNull(),
    batchId: integer('batch_id')
      .notNull()
      .references(() => batches.id),
    serial: text('serial').notNull(),
    answers: text('answers').notNull(),
    items: text('items').notNull(),
    createdAt: integer('created_at').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    resolvedAt: integer('resolved_at'),
  },
  (t) => [index('scan_reviews_batch').on(t.batchId), index('scan_reviews_serial').on(t.surveyId, t.serial)],
);

/**
 * A counter per table whose derived results are kept in memory (the analysts' live index): every
 * write through the repository bumps it in the same transaction, whichever process writes, so a
 * result computed at version v is current while the counter still reads v.
 */
export const dataVersions = sqliteTable('data_versions', {
  name: text('name').primaryKey(),
  version: integer('version').notNull(),
});

/**
 * Imports writing now, in short transactions (src/modules/imports/run-import.ts): their rows are
 * in the tables but not yet part of the data. Everything that reads responses leaves out a run's
 * rows (its batch, ids above `responses_after`) until the run's last transaction deletes this
 * row; a run whose process is gone is undone at start-up (rows above the marks deleted).
 */
export const importRuns = sqliteTable('import_runs', {
  batchId: integer('batch_id')
    .primaryKey()
    .references(() => batches.id),
  responsesAfter: integer('responses_after').notNull(),
  conflictsAfter: integer('conflicts_after').notNull(),
  quarantineAfter: integer('quarantine_after').notNull(),
  /** The batch was made by this run (an interrupted run removes it again). */
  newBatch: integer('new_batch', { mode: 'boolean' }).notNull(),
  /** The writing process, to tell an interrupted run from one still going. */
  pid: integer('pid').notNull(),
  startedAt: integer('started_at').notNull(),
});
