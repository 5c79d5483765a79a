import { afterEach, describe, expect, it } from 'vitest';
import { openLinkSurveys } from '../../../test/questionnaire/form-client.js';
import type { SurveyCatalog } from '../definitions/load-surveys.js';

import { tempDb, tempDir } from '../../../test/helpers/temp-db.js';
import { pageFields } from '../../../test/questionnaire/form-client.js';
import { registerSurveyVersions } from '../../db/survey-version-repository.js';
import { countResponses } from '../responses/response-repository.js';
import { auditHistory } from '../audit/audit-repository.js';
import { createDraft, findDraft, saveDraftAnswers } from './draft-repository.js';
import type { DraftAnswers } from './page-answers.js';
import { submitOnlineResponse } from './submit-online-response.js';
import { prepareSubmission } from './prepare-submission.js';

// The shipped definitions ask for a printed code; submitting works the same on an open link.
let openLink: SurveyCatalog | undefined;
const shipped = (): SurveyCatalog => (openLink ??= openLinkSurveys(tempDir().dir));

let t: ReturnType<typeof tempDb>;
afterEach(() => t.cleanup());

describe('submitting online forms', () => {
  it('stores forms sent together each once, and refuses a second send of one draft queued with the first', async () => {
    t = tempDb();
    const survey = shipped().byId.get('sipas-2023')!;
    registerSurveyVersions(t.db, [survey.definition], 1);
    let answers: DraftAnswers = {};
    survey.definition.sections.forEach((_s, i) => (answers = pageFields(survey, i, answers).answers));
    for (const id of ['a', 'b']) {
      createDraft(t.db, { id, surveyId: survey.id, surveyVersion: survey.version, accessCodeId: null, at: 1 });
      saveDraftAnswers(t.db, id, answers, 1);
    }
    const catalog = shipped();
    const a = prepareSubmission(t.db, catalog, 'a', survey.id);
    const b = prepareSubmission(t.db, catalog, 'b', survey.id);
    // All three are queued before any commits, so they share one transaction.
    const results = await Promise.all([
      submitOnlineResponse(t.db, catalog, a, 2),
      submitOnlineResponse(t.db, catalog, a, 2),
      submitOnlineResponse(t.db, catalog, b, 2),
    ]);
    expect(results.map((r) => (r.ok ? 'ok' : 'refused' in r ? r.refused : 'problems'))).toEqual(['ok', 'draftMissing', 'ok']);
    expect(countResponses(t.db, survey.id)).toBe(2);
    expect(findDraft(t.db, 'a', survey.id)).toBeNull();
    expect(findDraft(t.db, 'b', survey.id)).toBeNull();
    // The refused send left nothing behind: one audit entry per stored response.
    for (const r of results) if (r.ok) expect(auditHistory(t.db, 'response', r.responseId)).toHaveLength(1);
    expect(auditHistory(t.db, 'response', 3)).toHaveLength(0);
    // When each form was opened stays with it: the speeder check measures from there.
    expect(t.db.$client.prepare('SELECT started_at AS startedAt, created_at AS createdAt FROM responses').all()).toEqual([
      { startedAt: 1, createdAt: 2 },
      { startedAt: 1, createdAt: 2 },
    ]);
  });
});
