import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAsBlob } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { createUser, login, type Client } from '../helpers/login.js';
import { tempDir } from '../helpers/temp-db.js';
import { answerOnline, openLinkSurveys } from '../questionnaire/form-client.js';
import type { Survey } from '../../src/modules/definitions/compile-survey.js';
import { writeLargeCsv } from './generate-import-rows.js';
import { countResponses } from '../../src/modules/responses/response-repository.js';

// Issue 19: a web import used to write its whole batch in one transaction, so a respondent's
// submission waited for the import's commit (up to the 5 s busy timeout, then failed).
let survey: Survey;
/** Enough rows that the import takes several seconds here. */
const ROWS = 150_000;
let app: TestApp;
let supervisor: Client;
let dir: string;
let cleanup: () => void;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  // The newest sipas-2023 on an open link: respondents need no printed code.
  const surveys = openLinkSurveys(dir);
  survey = surveys.byId.get('sipas-2023')!;
  await writeLargeCsv(join(dir, 'big.csv'), survey, ROWS, 23);
  app = await startTestApp({ surveys });
  const { password } = await createUser(app.deps.db, { username: 'giamsat', role: 'supervisor', provinces: survey.places.places.map((p) => p.code) });
  supervisor = await login(app.url, 'giamsat', password);
}, 120_000);
afterAll(async () => {
  await app.close();
  cleanup();
});

type Job = { state: string; rows: number; line: string | null };
const jobOf = async (location: string): Promise<Job> =>
  (await (await supervisor.fetch(`${location.split('?')[0]}.json`, { headers: { accept: 'application/json' } })).json()) as Job;

describe('a web import while respondents submit', () => {
  it('lets every submission through while it writes, shows none of its rows until it is done, and loses nothing', async () => {
    const form = new FormData();
    form.set('_csrf', supervisor.csrf);
    form.set('survey', survey.id);
    form.set('batch', 'Bưu cục lớn');
    form.set('file', await openAsBlob(join(dir, 'big.csv')), 'big.csv');
    const res = await supervisor.fetch('/imports', { method: 'POST', body: form });
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    // Wait until the import is writing: rows stored (and, before the fix, the write lock held).
    for (let job = await jobOf(location); job.rows === 0; job = await jobOf(location)) {
      expect(job.state).toBe('running');
      await new Promise((r) => setTimeout(r, 50));
    }

    const statuses: number[] = [];
    /** Submissions acknowledged while the import was still running (its state read right after). */
    let beforeImportEnded = 0;
    /** What readers saw of the responses each time: only the submissions, never part of the batch. */
    const seen: { stored: number; acknowledged: number }[] = [];
    let job: Job = await jobOf(location);
    const respondent = async (): Promise<void> => {
      while (job.state === 'running') {
        const sent = await answerOnline(app.url, survey);
        statuses.push(sent.status);
        job = await jobOf(location);
        if (sent.status === 303 && job.state === 'running') {
          beforeImportEnded++;
          seen.push({ stored: countResponses(app.deps.db, survey.id), acknowledged: statuses.filter((s) => s === 303).length });
        }
      }
    };
    await Promise.all([respondent(), respondent()]);

    expect(job).toMatchObject({ state: 'done', line: `imported ${ROWS}, incomplete 0, quarantined 0, duplicates 0, conflicts 0` });
    // Every submission was acknowledged (no 5xx, no busy error), and several before the import ended.
    expect(statuses.filter((s) => s !== 303)).toEqual([]);
    expect(beforeImportEnded).toBeGreaterThanOrEqual(4);
    // Readers saw the respondents' answers and either none of the batch's rows or all of them, never
    // a part (at most the submissions acknowledged, counting the other respondent's in flight). The
    // job's state is reported a moment after its last commit, so "running" may already see them all.
    for (const s of seen) if (s.stored < ROWS) expect(s.stored).toBeLessThanOrEqual(s.acknowledged + 1);
    expect(seen.filter((s) => s.stored < ROWS).length).toBeGreaterThanOrEqual(3);
    expect(countResponses(app.deps.db, survey.id)).toBe(ROWS + statuses.length);
  }, 600_000);
});
