import type { Db } from '../../db/open-database.js';
import type { Survey } from '../definitions/compile-survey.js';
import { canSeeProvince, type CurrentUser } from '../auth/current-user.js';
import { recordAudit } from '../audit/audit-repository.js';
import { packAnswers, unpackAnswers, type PackedAnswers } from '../responses/pack-answers.js';
import { UNUSABLE_REASON } from '../responses/incomplete-reason.js';
import { isUsable, ruleView } from '../rules/check-answers.js';
import { findResponse, findResponseBySerial, type Channel, type ResponseStatus } from '../responses/response-repository.js';
import { insertResponse, updateResponse } from '../responses/response-write-repository.js';
import { compareEntries } from './compare-entries.js';
import type { KeyedForm } from './keyed-form.js';
import { keyerStatistics } from './keyer-statistics.js';
import { recordConflict, type ConflictKind } from '../conflicts/conflict-repository.js';
import {
  entryFacts,
  findEntries,
  findUsedAccessCode,
  insertDisagreements,
  insertEntry,
  type Batch,
  type KeyingEntry,
  type NewEntry,
} from './keying-repository.js';
import { defaultVerificationPolicy, isDrawnForVerification } from './sample-verification.js';
import { findAccessCodeBySerial, provincesWithIssuedSerials } from '../access-codes/access-code-repository.js';

export type SaveOutcome =
  | { kind: 'first'; responseId: number; status: ResponseStatus; verification: 'required' | 'sampled' | 'none' }
  | { kind: 'second'; responseId: number; disagreements: number }
  | { kind: 'conflict'; conflictId: number; conflict: ConflictKind };

const conflictKindFor: Record<Channel, ConflictKind> = {
  online: 'answered_online',
  'online-open': 'answered_online',
  import: 'different_answers',
  keyed: 'keyed_twice',
};

/** The share of this enumerator's forms that sample verification draws, from their record so far. */
export function shareFor(db: Db, enumeratorId: number): number {
  const facts = entryFacts(db, { enumeratorId });
  return keyerStatistics(facts)[0]?.verificationShare ?? defaultVerificationPolicy.baseShare;
}

/** One form being saved: who keys it, into which batch, and its answers packed as the store keeps them. */
interface KeyedSave {
  readonly db: Db;
  readonly survey: Survey;
  readonly batch: Batch;
  readonly user: CurrentUser;
  readonly actor: { userId: number; name: string };
  readonly form: KeyedForm;
  readonly packed: PackedAnswers;
  /** The keyer's reason, or UNUSABLE_REASON, or null for a usable form. */
  readonly reason: string | null;
  readonly startedAt: number;
  readonly now: number;
}

function entryRow(k: KeyedSave, pass: number, responseId: number): NewEntry {
  return {
    surveyId: k.survey.id,
    surveyVersion: k.survey.version,
    batchId: k.batch.id,
    serial: k.form.serial,
    pass,
    enumeratorId: k.user.id,
    province: k.packed.province ?? k.batch.province,
    codes: k.packed.codes,
    answerValues: JSON.stringify(k.packed.values),
    incompleteReason: k.reason,
    fieldsKeyed: k.form.fieldsKeyed,
    startedAt: k.startedAt,
    savedAt: k.now,
    responseId,
  };
}

function conflictWith(k: KeyedSave, kind: ConflictKind, responseId: number | null): SaveOutcome {
  const { db, survey, batch, form, packed, now } = k;
  const incoming = {
    surveyVersion: survey.version,
    codes: packed.codes,
    values: packed.values,
    province: packed.province ?? batch.province,
    incompleteReason: k.reason,
    enteredBy: k.user.username,
  };
  const conflictId = recordConflict(db, {
    surveyId: survey.id,
    serial: form.serial,
    kind,
    responseId,
    channel: 'keyed',
    batchId: batch.id,
    incoming,
    at: now,
  })!;
  recordAudit(db, k.actor, now, {
    action: 'conflict.create',
    entity: 'conflict',
    entityId: conflictId,
    surveyId: survey.id,
    after: { serial: form.serial, kind, responseId, channel: 'keyed' },
    detail: { batchId: batch.id },
  });
  return { kind: 'conflict', conflictId, conflict: kind };
}

/**
 * A form stored in a province the keyer does not work on is never theirs to second-key or to
 * learn about: the conflict goes to that province's supervisor (conflicts are seen through the
 * stored response's province), and the keyer is told only what a serial keyed before tells.
 */
function conflictElsewhere(k: KeyedSave, kind: ConflictKind, responseId: number | null): SaveOutcome {
  const recorded = conflictWith(k, kind, responseId);
  return recorded.kind === 'conflict' ? { ...recorded, conflict: 'keyed_twice' } : recorded;
}

/** The serial was keyed before: the blind second entry, if the first waits for one from someone else; else a conflict. */
function saveAfterFirst(k: KeyedSave, first: KeyingEntry, second: KeyingEntry | undefined, versionOf: (version: string) => Survey | undefined): SaveOutcome {
  const { db, survey, user, form, now } = k;
  if (!canSeeProvince(user, first.province)) return conflictElsewhere(k, 'keyed_twice', first.responseId);
  const response = first.responseId === null ? null : findResponse(db, first.responseId);
  const waiting = response !== null && response.status === 'submitted' && second === undefined;
  if (!waiting || first.enumeratorId === user.id) return conflictWith(k, 'keyed_twice', first.responseId);
  // Read with the layout it was packed in; answers are then compared code by code.
  const firstSurvey = versionOf(first.surveyVersion) ?? survey;
  const firstAnswers = unpackAnswers(firstSurvey, first.codes, JSON.parse(first.answerValues) as Record<string, string | number>);
  const differences = compareEntries(survey, firstAnswers, form.answers);
  insertEntry(db, entryRow(k, 2, response.id));
  if (differences.length === 0) updateResponse(db, response.id, { status: 'verified', at: now });
  else insertDisagreements(db, survey.id, form.serial, differences);
  recordAudit(db, k.actor, now, {
    action: 'keying.second_entry',
    entity: 'response',
    entityId: response.id,
    surveyId: survey.id,
    before: { status: 'submitted' },
    after: { status: differences.length === 0 ? 'verified' : 'submitted', answers: form.answers },
    detail: { serial: form.serial, pass: 2, batchId: k.batch.id, disagreements: differences.map((d) => d.variable) },
  });
  return { kind: 'second', responseId: response.id, disagreements: differences.length };
}

/** A serial never keyed that still cannot be a first entry (stored by another channel, code used, not issued): its conflict. */
function conflictOfNewSerial(k: KeyedSave): SaveOutcome | null {
  const { db, survey, user, form } = k;
  const existing = findResponseBySerial(db, survey.id, form.serial);
  if (existing) {
    if (!canSeeProvince(user, existing.province)) return conflictElsewhere(k, conflictKindFor[existing.channel], existing.id);
    return conflictWith(k, conflictKindFor[existing.channel], existing.id);
  }
  const code = findUsedAccessCode(db, survey.id, form.serial);
  if (code) {
    const answered = code.responseId === null ? null : findResponse(db, code.responseId);
    if (answered && !canSeeProvince(user, answered.province)) return conflictElsewhere(k, 'code_used', code.responseId);
    return conflictWith(k, 'code_used', code.responseId);
  }
  // Once forms are issued in a province, its issued serials are its sample: a serial outside them is not stored.
  const frame = provincesWithIssuedSerials(db, survey.id);
  const province = k.packed.province ?? k.batch.province;
  const inFrame = province === null ? frame.size > 0 : frame.has(province);
  if (inFrame && !findAccessCodeBySerial(db, survey.id, form.serial)) return conflictWith(k, 'serial_not_issued', null);
  return null;
}

/** The first entry: the response is stored, verified at once or waiting for a second entry. */
function saveFirst(k: KeyedSave): SaveOutcome {
  const { db, survey, batch, user, form, reason, now } = k;
  const verification =
    reason !== null
      ? 'none'
      : batch.requiresVerification
        ? 'required'
        : isDrawnForVerification(`${survey.id}:${batch.id}`, form.serial, shareFor(db, user.id))
          ? 'sampled'
          : 'none';
  const status: ResponseStatus = reason !== null ? 'incomplete' : verification === 'none' ? 'verified' : 'submitted';
  const responseId = insertResponse(db, {
    surveyId: survey.id,
    surveyVersion: survey.version,
    serial: form.serial,
    channel: 'keyed',
    status,
    packed: k.packed,
    at: now,
    enteredBy: user.id,
    batchId: batch.id,
    incompleteReason: reason,
  });
  insertEntry(db, entryRow(k, 1, responseId));
  recordAudit(db, k.actor, now, {
    action: 'keying.first_entry',
    entity: 'response',
    entityId: responseId,
    surveyId: survey.id,
    after: { status, answers: form.answers, incompleteReason: reason },
    detail: { serial: form.serial, pass: 1, batchId: batch.id, verification },
  });
  return { kind: 'first', responseId, status, verification };
}

/**
 * Saves one keyed paper form (already checked). Decides, in one transaction, what the entry is:
 * - no entry and no response with this serial → the first entry; the response is created
 *   `verified` at once, or `submitted` when the batch requires verification or the form is drawn
 *   for sample verification (it then waits for a blind second entry), or `incomplete` with the
 *   keyer's reason, or UNUSABLE_REASON when the form is below the definition's usability rule;
 * - a first entry waiting for verification, by someone else → the second entry, compared field
 *   by field: equal → the response becomes `verified`; different → disagreements for a supervisor;
 * - anything else (keyed twice, already imported or answered online, access code used, a serial
 *   never issued from a province that has had forms issued) → a conflict row for the supervisor;
 *   nothing is overwritten or duplicated.
 */
export function saveKeyedForm(
  db: Db,
  survey: Survey,
  batch: Batch,
  user: CurrentUser,
  form: KeyedForm,
  startedAt: number,
  now: number,
  /** The survey a first entry was keyed under (a newer version may have been loaded since). */
  versionOf: (version: string) => Survey | undefined = (version) => (version === survey.version ? survey : undefined),
): SaveOutcome {
  const actor = { userId: user.id, name: user.username };
  // The keyer's reason, else the definition's usability rule decides; blanks alone need no reason.
  const reason: string | null = form.reason ?? (isUsable(survey, ruleView(survey, form.answers)) ? null : UNUSABLE_REASON);
  // better-sqlite3's own transaction: synchronous, and every repository call below runs on this connection.
  return db.$client.transaction((): SaveOutcome => {
    const entries = findEntries(db, survey.id, form.serial);
    const first = entries.find((e) => e.pass === 1);
    const second = entries.find((e) => e.pass === 2);
    const k: KeyedSave = { db, survey, batch, user, actor, form, packed: packAnswers(survey, form.answers), reason, startedAt, now };
    if (first) return saveAfterFirst(k, first, second, versionOf);
    return conflictOfNewSerial(k) ?? saveFirst(k);
  })();
}
