import { afterEach, describe, expect, it } from 'vitest';
import { renameSync } from 'node:fs';
import { shipped } from '../../../test/helpers/test-app.js';
import { tempDb } from '../../../test/helpers/temp-db.js';
import { pageFields } from '../../../test/questionnaire/form-client.js';
import { registerSurveyVersions } from '../../db/survey-version-repository.js';
import { createDraft, saveDraftAnswers } from './draft-repository.js';
import type { DraftAnswers } from './page-answers.js';
import { prepareHere, startSubmissionThread, type SubmissionThread } from './submission-thread.js';
import { submitOnlineResponse } from './submit-online-response.js';
import { findResponseByReceipt } from '../responses/response-repository.js';

let t: ReturnType<typeof tempDb>;
let thread: SubmissionThread | undefined;
afterEach(async () => {
  await thread?.stop();
  thread = undefined;
  t.cleanup();
});

/** Drafts "done" (every page answered), "half" (the first page only) and none called "gone". */
function drafts(): void {
  const catalog = shipped();
  const survey = catalog.byId.get('sipas-2023')!;
  registerSurveyVersions(t.db, [...catalog.byVersion.values()].map((s) => s.definition), 1);
  let done: DraftAnswers = {};
  survey.definition.sections.forEach((_s, i) => (done = pageFields(survey, i, done).answers));
  const half = pageFields(survey, 0, {}).answers;
  for (const [id, answers] of [['done', done], ['half', half]] as const) {
    createDraft(t.db, { id, surveyId: survey.id, surveyVersion: survey.version, accessCodeId: null, at: 1 });
    saveDraftAnswers(t.db, id, answers, 1);
  }
}

describe('the submission thread', () => {
  it('prepares in its own thread what the server thread would, and what it prepares can be stored', async () => {
    t = tempDb();
    drafts();
    const here = prepareHere(t.db, shipped());
    const errors: Error[] = [];
    thread = await startSubmissionThread(t.db, shipped(), { onError: (e) => errors.push(e) });
    const ids = ['done', 'half', 'gone', 'done'];
    // Sent together: they go to the thread as batches, and each gets its own answer back.
    const there = await Promise.all(ids.map((id) => thread!.prepare(id, 'sipas-2023')));
    const expected = await Promise.all(ids.map((id) => here.prepare(id, 'sipas-2023')));
    expect(there).toEqual(expected);
    // The thread answered them all: nothing was handed back to this thread.
    expect(errors).toEqual([]);
    expect(there.map((p) => (p.ok ? 'ok' : 'refused' in p ? p.refused : `${p.problems.length > 0} problems`))).toEqual(['ok', 'true problems', 'draftMissing', 'ok']);
    const done = there[0]!;
    if (!done.ok) throw new Error('unreachable');
    // The packed bytes cross the threads as a Buffer again, which the insert binds as a blob.
    expect(Buffer.isBuffer(done.packed.codes)).toBe(true);
    const sent = await submitOnlineResponse(t.db, shipped(), done, 2);
    if (!sent.ok) throw new Error(JSON.stringify(sent));
    expect(findResponseByReceipt(t.db, sent.receipt)!.codes).toEqual(expected[0]!.ok ? expected[0]!.packed.codes : null);
  });

  it('hands its jobs to the server thread when it cannot start, and after it is stopped', async () => {
    t = tempDb();
    drafts();
    const here = prepareHere(t.db, shipped());
    // The file is no longer where the thread looks (this connection keeps it open): the thread
    // fails as it starts, with jobs already sent.
    renameSync(t.path, `${t.path}.moved`);
    const errors: Error[] = [];
    const failing = await startSubmissionThread(t.db, shipped(), { onError: (e) => errors.push(e) });
    const results = await Promise.all([failing.prepare('done', 'sipas-2023'), failing.prepare('gone', 'sipas-2023')]);
    expect(results).toEqual([await here.prepare('done', 'sipas-2023'), { ok: false, refused: 'draftMissing' }]);
    expect(errors.map((e) => (e as { code?: string }).code)).toEqual(['SQLITE_CANTOPEN']);
    expect(await failing.prepare('half', 'sipas-2023')).toEqual(await here.prepare('half', 'sipas-2023'));
    renameSync(`${t.path}.moved`, t.path);

    const working = await startSubmissionThread(t.db, shipped(), { onError: (e) => errors.push(e) });
    expect((await working.prepare('done', 'sipas-2023')).ok).toBe(true);
    await working.stop();
    // Stopped when asked: no error.
    expect(errors).toHaveLength(1);
    expect(await working.prepare('done', 'sipas-2023')).toEqual(await here.prepare('done', 'sipas-2023'));
  });
});
