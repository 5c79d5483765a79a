import type { Db } from '../../db/open-database.js';
import { inGroupCommit } from '../../db/group-commit.js';
import type { Survey } from '../definitions/compile-survey.js';
import type { Problem } from '../rules/check-answers.js';
import type { PackedAnswers } from '../responses/pack-answers.js';
import type { SurveyCatalog } from '../definitions/load-surveys.js';
import { insertResponse } from '../responses/response-write-repository.js';
import { newCode } from '../access-codes/access-code-format.js';
import { pooledRandomBytes } from '../access-codes/random-bytes.js';
import { findAccessCodeById, markAccessCodeUsed } from '../access-codes/access-code-repository.js';
import { deleteDraft } from './draft-repository.js';
import type { DraftAnswers } from './page-answers.js';
import type { Prepared } from './prepare-submission.js';
import { recordAudit } from '../audit/audit-repository.js';
import { recordConflict } from '../conflicts/conflict-repository.js';
import type { QuestionnaireText } from './questionnaire-texts.js';

export type SubmitResult =
  | { ok: true; receipt: string; responseId: number }
  | { ok: false; problems: Problem[]; survey: Survey; answers: DraftAnswers }
  | { ok: false; refused: Extract<QuestionnaireText, 'codeUnknown' | 'codeUsed' | 'codePaperReceived' | 'draftMissing'> };

class Refused extends Error {
  constructor(readonly reason: Extract<QuestionnaireText, 'codeUsed' | 'codePaperReceived' | 'draftMissing'>) {
    super(reason);
  }
}

function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: string; cause?: { code?: string } })?.cause?.code ?? (err as { code?: string })?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE';
}

interface Stored {
  survey: Survey;
  draft: { id: string; accessCodeId: number | null };
  packed: PackedAnswers;
  receipt: string;
  at: number;
  startedAt: number;
}

/** The writes of one submission, in a transaction shared with the submissions sent with it (group-commit.ts: it may run twice, so it only reads and writes the database). */
function store(db: Db, { survey, draft, packed, receipt, at, startedAt }: Stored): number {
  // The draft was read before this commit: a second click on Send, queued with the first, finds it gone.
  if (!deleteDraft(db, draft.id)) throw new Refused('draftMissing');
  const code = draft.accessCodeId === null ? null : findAccessCodeById(db, draft.accessCodeId);
  if (code && code.usedAt !== null) throw new Refused('codeUsed');
  // A code sends the answer into the sample of its batch's province; an answer naming another
  // province is kept for a supervisor (conflicts), not counted for the province it names.
  const elsewhere = code !== null && code.province !== null && packed.province !== null && packed.province !== code.province;
  const channel = code ? 'online' : 'online-open';
  const status = elsewhere ? 'submitted' : 'verified';
  let id: number;
  try {
    id = insertResponse(db, {
      surveyId: survey.id,
      surveyVersion: survey.version,
      serial: code?.serial ?? null,
      channel,
      status,
      packed,
      at,
      accessCodeId: code?.id ?? null,
      receipt,
      startedAt,
    });
  } catch (err) {
    // The serial is taken: the paper copy of this form is already in.
    if (code && isUniqueViolation(err)) throw new Refused('codePaperReceived');
    throw err;
  }
  if (code && !markAccessCodeUsed(db, code.id, id, at)) throw new Refused('codeUsed');
  recordAudit(db, { userId: null, name: 'online' }, at, {
    action: 'create',
    entity: 'response',
    entityId: id,
    surveyId: survey.id,
    after: { channel, status, serial: code?.serial ?? null, receipt },
  });
  if (code && elsewhere) {
    const incoming = { surveyVersion: survey.version, codes: packed.codes, values: packed.values, province: packed.province };
    const conflictId = recordConflict(db, {
      surveyId: survey.id,
      serial: code.serial,
      kind: 'code_province',
      responseId: id,
      channel: 'online',
      batchId: null,
      incoming,
      at,
    })!;
    recordAudit(db, { userId: null, name: 'online' }, at, {
      action: 'conflict.create',
      entity: 'conflict',
      entityId: conflictId,
      surveyId: survey.id,
      after: { serial: code.serial, kind: 'code_province', responseId: id, channel: 'online' },
      detail: { codeProvince: code.province, answeredProvince: packed.province },
    });
  }
  return id;
}

/** The survey a submission was prepared under; the questionnaire thread compiles the server's own definitions. */
function loaded(surveys: SurveyCatalog, key: string): Survey {
  const survey = surveys.byVersion.get(key);
  if (!survey) throw new Error(`survey ${key} was prepared but is not loaded in this server`);
  return survey;
}

/**
 * Stores a finished online form, prepared (prepare-submission.ts: its draft found and every rule
 * of the definition checked on the whole response): in one transaction, the response (status
 * verified: the respondent typed it, so there is no keying to verify; channel `online` with a
 * printed code, `online-open` through an open link, which the index leaves out unless asked),
 * the access code marked used with its response, the draft removed and the creation written to
 * the audit trail. An answer whose code was issued in another province than the one it names is
 * stored `submitted` with a conflict for a supervisor. Either all of it happens or none; the promise settles once it is committed (submissions
 * arriving together share the commit).
 */
export async function submitOnlineResponse(db: Db, surveys: SurveyCatalog, prepared: Prepared, at: number): Promise<SubmitResult> {
  if (!prepared.ok) {
    if ('refused' in prepared) return prepared;
    return { ok: false, problems: prepared.problems, survey: loaded(surveys, prepared.survey), answers: prepared.answers };
  }
  const survey = loaded(surveys, prepared.survey);
  const draft = { id: prepared.draftId, accessCodeId: prepared.accessCodeId };
  const receipt = newCode(pooledRandomBytes);
  try {
    const responseId = await inGroupCommit(db.$client, () => store(db, { survey, draft, packed: prepared.packed, receipt, at, startedAt: prepared.startedAt }));
    return { ok: true, receipt, responseId };
  } catch (err) {
    if (err instanceof Refused) return { ok: false, refused: err.reason };
    throw err;
  }
}
