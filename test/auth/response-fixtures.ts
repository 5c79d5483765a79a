import type { Db } from '../../src/db/open-database.js';
import type { SurveyCatalog } from '../../src/modules/definitions/load-surveys.js';
import type { Survey } from '../../src/modules/definitions/compile-survey.js';
import type { Answers } from '../../src/modules/rules/evaluate-expression.js';
import { packAnswers } from '../../src/modules/responses/pack-answers.js';
import { type ResponseStatus } from '../../src/modules/responses/response-repository.js';
import { insertResponse } from '../../src/modules/responses/response-write-repository.js';
import { tinyPlaces, tinySurvey } from '../helpers/tiny-survey.js';

/** A catalog holding only the tiny survey, for HTTP tests that store responses by hand. */
export function tinyCatalog(): { catalog: SurveyCatalog; survey: Survey } {
  const survey = tinySurvey();
  return {
    survey,
    catalog: {
      byId: new Map([[survey.id, survey]]),
      byVersion: new Map([[`${survey.id}@${survey.version}`, survey]]),
      placeLists: { 'provinces-34': tinyPlaces, 'provinces-63': tinyPlaces },
    },
  };
}

export const validAnswers = (province: string): Answers => ({ P1: province, P2: 'Ba Đình', SEX: 1, AGE: 40, USED: 1, Q1: 3, Q2: 4 });

let serial = 0;
export function storeResponse(
  db: Db,
  survey: Survey,
  answers: Answers,
  options: { enteredBy?: number | null; status?: ResponseStatus; serial?: string } = {},
): number {
  serial++;
  return insertResponse(db, {
    surveyId: survey.id,
    surveyVersion: survey.version,
    serial: options.serial ?? `S${String(serial).padStart(5, '0')}`,
    channel: 'keyed',
    status: options.status ?? 'submitted',
    packed: packAnswers(survey, answers),
    at: Date.UTC(2025, 0, 1),
    enteredBy: options.enteredBy ?? null,
  });
}
