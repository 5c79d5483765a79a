import { afterEach, describe, expect, it } from 'vitest';
import { renameSync } from 'node:fs';
import { repoRoot } from '../../../test/helpers/test-app.js';
import { tempDb, tempDir } from '../../../test/helpers/temp-db.js';
import { openLinkSurveys, pageFields } from '../../../test/questionnaire/form-client.js';
import type { SurveyCatalog } from '../definitions/load-surveys.js';
import { registerSurveyVersions } from '../../db/survey-version-repository.js';
import { createDraft, saveDraftAnswers } from './draft-repository.js';
import type { DraftAnswers } from './page-answers.js';
import { startQuestionnaireThread, workHere, type QuestionnaireThread, type QuestionnaireWork } from './questionnaire-thread.js';
import { pageRenderer, type PageRequest } from './show-page.js';
import { submitOnlineResponse } from './submit-online-response.js';
import { findResponseByReceipt } from '../responses/response-repository.js';

let t: ReturnType<typeof tempDb>;
// The shipped definitions ask for a printed code; the thread's work is the same on an open link.
let openLink: SurveyCatalog | undefined;
const shipped = (): SurveyCatalog => (openLink ??= openLinkSurveys(tempDir().dir));
let thread: QuestionnaireThread | undefined;
afterEach(async () => {
  await thread?.stop();
  thread = undefined;
  t.cleanup();
});

/** Drafts "done" (every page answered), "half" (the first page only) and none called "gone". */
function drafts(): void {
  const catalog = shipped();
  const survey = catalog.byId.get('sipas-2023')!;
  registerSurveyVersions(
    t.db,
    [...catalog.byVersion.values()].map((s) => s.definition),
    1,
  );
  let done: DraftAnswers = {};
  survey.definition.sections.forEach((_s, i) => (done = pageFields(survey, i, done).answers));
  const half = pageFields(survey, 0, {}).answers;
  for (const [id, answers] of [
    ['done', done],
    ['half', half],
  ] as const) {
    createDraft(t.db, { id, surveyId: survey.id, surveyVersion: survey.version, accessCodeId: null, at: 1 });
    saveDraftAnswers(t.db, id, answers, 1);
  }
}

const here = (): QuestionnaireWork => workHere(t.db, shipped(), pageRenderer(repoRoot));
const page = (draftId: string, n: number, lang: 'vi' | 'en' = 'vi'): PageRequest => ({
  draftId,
  surveyId: 'sipas-2023',
  n,
  lang,
  csrf: 'c'.repeat(32),
  cache: true,
  // Every other page as reached from the review, so the thread renders "Back to review" too.
  fromReview: n % 2 === 0,
});

describe('the questionnaire thread', () => {
  it('shows in its own thread the pages the server thread would, byte for byte', async () => {
    t = tempDb();
    drafts();
    const errors: Error[] = [];
    thread = await startQuestionnaireThread(t.db, shipped(), repoRoot, { onError: (e) => errors.push(e) });
    const asked = [page('done', 1), page('half', 2, 'en'), page('gone', 1), page('done', 99), page('done', 5)];
    // Sent together: they go to the thread as batches, and each gets its own answer back.
    const there = await Promise.all(asked.map((r) => thread!.showPage(r)));
    const expected = await Promise.all(asked.map((r) => here().showPage(r)));
    expect(there).toEqual(expected);
    expect(errors).toEqual([]);
    expect(there.map((o) => o.kind)).toEqual(['page', 'page', 'start', 'notFound', 'page']);
    const html = there[1]!.kind === 'page' ? there[1]!.html : null;
    expect(Buffer.isBuffer(html)).toBe(true);
    expect(html!.toString()).toContain('Part 2 of');
  });

  it('prepares in its own thread the submissions the server thread would, and what it prepares can be stored', async () => {
    t = tempDb();
    drafts();
    const errors: Error[] = [];
    thread = await startQuestionnaireThread(t.db, shipped(), repoRoot, { onError: (e) => errors.push(e) });
    const ids = ['done', 'half', 'gone', 'done'];
    const there = await Promise.all(ids.map((id) => thread!.prepareSubmission(id, 'sipas-2023')));
    const expected = await Promise.all(ids.map((id) => here().prepareSubmission(id, 'sipas-2023')));
    expect(there).toEqual(expected);
    // The thread answered them all: nothing was handed back to this thread.
    expect(errors).toEqual([]);
    expect(there.map((p) => (p.ok ? 'ok' : 'refused' in p ? p.refused : `${p.problems.length > 0} problems`))).toEqual([
      'ok',
      'true problems',
      'draftMissing',
      'ok',
    ]);
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
    // The file is no longer where the thread looks (this connection keeps it open): the thread
    // fails as it starts, with jobs already sent.
    renameSync(t.path, `${t.path}.moved`);
    const errors: Error[] = [];
    const failing = await startQuestionnaireThread(t.db, shipped(), repoRoot, { onError: (e) => errors.push(e) });
    const results = await Promise.all([
      failing.prepareSubmission('done', 'sipas-2023'),
      failing.prepareSubmission('gone', 'sipas-2023'),
      failing.showPage(page('done', 1)),
    ]);
    expect(results).toEqual([
      await here().prepareSubmission('done', 'sipas-2023'),
      { ok: false, refused: 'draftMissing' },
      await here().showPage(page('done', 1)),
    ]);
    expect(errors.map((e) => (e as { code?: string }).code)).toEqual(['SQLITE_CANTOPEN']);
    expect(await failing.prepareSubmission('half', 'sipas-2023')).toEqual(await here().prepareSubmission('half', 'sipas-2023'));
    renameSync(`${t.path}.moved`, t.path);

    const working = await startQuestionnaireThread(t.db, shipped(), repoRoot, { onError: (e) => errors.push(e) });
    expect((await working.prepareSubmission('done', 'sipas-2023')).ok).toBe(true);
    await working.stop();
    // Stopped when asked: no error.
    expect(errors).toHaveLength(1);
    expect(await working.showPage(page('done', 2))).toEqual(await here().showPage(page('done', 2)));
  });
});
