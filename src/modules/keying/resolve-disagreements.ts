import type { Db } from '../../db/open-database.js';
import type { Survey } from '../definitions/compile-survey.js';
import type { CurrentUser } from '../auth/current-user.js';
import { recordAudit } from '../audit/audit-repository.js';
import { notFound } from '../../http/app-error.js';
import { checkAnswers, type Problem } from '../rules/check-answers.js';
import { packAnswers, unpackAnswers } from '../responses/pack-answers.js';
import { findResponse } from '../responses/response-repository.js';
import { updateResponse } from '../responses/response-write-repository.js';
import { provinceChangeProblem } from '../responses/province-change.js';
import { resolveDifferences } from './compare-entries.js';
import { keyingPageTexts } from './keying-page-texts.js';
import { findDisagreements, findEntries, resolveDisagreement, type Disagreement, type KeyingEntry } from './keying-repository.js';

export interface FormDisagreements {
  first: KeyingEntry;
  second: KeyingEntry | null;
  disagreements: Disagreement[];
  open: Disagreement[];
}

export function loadFormDisagreements(db: Db, surveyId: string, serial: string): FormDisagreements {
  const entries = findEntries(db, surveyId, serial);
  const first = entries.find((e) => e.pass === 1);
  if (!first) throw notFound(keyingPageTexts.noKeyedForm);
  const disagreements = findDisagreements(db, surveyId, serial);
  return { first, second: entries.find((e) => e.pass === 2) ?? null, disagreements, open: disagreements.filter((d) => d.resolvedAt === null) };
}

/**
 * A supervisor settles the disagreements of one paper form: for each field the first value, the
 * second, or one typed from the paper. The final answers must pass the survey's checks; then the
 * response takes them and becomes `verified`, and each disagreement records which pass was wrong.
 * Returns the problems instead when something is missing or invalid (nothing is changed).
 */
export function resolveFormDisagreements(
  db: Db,
  survey: Survey,
  user: CurrentUser,
  serial: string,
  picks: Readonly<Record<string, string | undefined>>,
  typed: Readonly<Record<string, string | undefined>>,
  now: number,
): { ok: true; responseId: number } | { ok: false; problems: Problem[] } {
  // better-sqlite3's own transaction: synchronous, and every repository call below runs on this connection.
  return db.$client.transaction((): { ok: true; responseId: number } | { ok: false; problems: Problem[] } => {
    const form = loadFormDisagreements(db, survey.id, serial);
    if (form.open.length === 0 || form.first.responseId === null) throw notFound(keyingPageTexts.noOpenDisagreements);
    const response = findResponse(db, form.first.responseId);
    if (!response) throw notFound(keyingPageTexts.responseGone);
    const firstAnswers = unpackAnswers(survey, form.first.codes, JSON.parse(form.first.answerValues) as Record<string, string | number>);
    const differences = form.open.map((d) => ({ variable: d.variable, first: d.firstValue, second: d.secondValue }));
    const result = resolveDifferences(survey, firstAnswers, differences, picks, typed);
    const problems: Problem[] = result.missing.map((code) => ({
      code,
      kind: 'required',
      value: null,
      message: keyingPageTexts.pickOrType,
    }));
    const touched = new Set(differences.map((d) => d.variable));
    // Only problems in the fields being resolved are the supervisor's to fix here.
    for (const p of checkAnswers(survey, result.answers, undefined, 'paper')) if (touched.has(p.code) && !result.missing.includes(p.code)) problems.push(p);
    const packed = packAnswers(survey, result.answers);
    const outside = provinceChangeProblem(user, survey, packed.province, response.province);
    if (outside) problems.push(outside);
    if (problems.length > 0) return { ok: false, problems };
    const byVariable = new Map(form.open.map((d) => [d.variable, d]));
    for (const f of result.fields) {
      resolveDisagreement(db, byVariable.get(f.variable)!.id, { resolvedValue: f.resolved, againstPass: f.againstPass, by: user.id, at: now });
    }
    updateResponse(db, response.id, { status: 'verified', at: now, packed });
    recordAudit(db, { userId: user.id, name: user.username }, now, {
      action: 'keying.resolve',
      entity: 'response',
      entityId: response.id,
      surveyId: survey.id,
      before: { status: response.status, fields: Object.fromEntries(differences.map((d) => [d.variable, { first: d.first, second: d.second }])) },
      after: { status: 'verified', fields: Object.fromEntries(result.fields.map((f) => [f.variable, f.resolved])) },
      detail: { serial, against: Object.fromEntries(result.fields.map((f) => [f.variable, f.againstPass])) },
    });
    return { ok: true, responseId: response.id };
  })();
}
