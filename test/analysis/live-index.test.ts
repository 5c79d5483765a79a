import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { createUser, login, type Client } from '../helpers/login.js';
import { seedResponses } from './analysis-fixtures.js';
import { closeDatabase, openDatabase } from '../../src/db/open-database.js';
import { issueCodes } from '../helpers/issue-codes.js';
import { tempDb } from '../helpers/temp-db.js';
import { shipped } from '../helpers/test-app.js';
import { registerSurveyVersions } from '../../src/db/survey-version-repository.js';
import { computeHere, LiveIndex } from '../../src/modules/analysis/live-index.js';

let app: TestApp;
let analyst: Client;

beforeAll(async () => {
  app = await startTestApp({ indexThread: true });
  const survey = app.deps.surveys.byId.get('sipas-2023')!;
  // Big enough that a live ranking takes a while on this machine.
  seedResponses(app.deps.db, survey, { n: 80_000, provinces: survey.places.places.map((p) => p.code), distinct: 300 });
  await createUser(app.deps.db, { username: 'ana', role: 'analyst', password: 'ana-password-1' });
  analyst = await login(app.url, 'ana', 'ana-password-1');
}, 120_000);
afterAll(() => app.close());

const live = () => app.deps.liveIndex!;
const ranking = '/analysis/sipas-2023/ranking?wave=live&by=province&weights=none';

describe('the analysts’ live index', () => {
  it('computes off the server’s thread: other requests are answered while a big ranking computes', async () => {
    const finished: string[] = [];
    const computing = analyst.fetch(`${ranking}&lang=en`).then(async (r) => {
      expect(r.status).toBe(200);
      await r.text();
      finished.push('ranking');
    });
    // Once the server has the ranking in hand, ask it for other things.
    while (live().computed === 0) await new Promise((r) => setTimeout(r, 5));
    const health = await fetch(`${app.url}/healthz`);
    expect(health.status).toBe(200);
    finished.push('healthz');
    const page = await fetch(`${app.url}/s/sipas-2023`);
    expect(page.status).toBe(200);
    finished.push('respondent page');
    await computing;
    expect(finished).toEqual(['healthz', 'respondent page', 'ranking']);
  });

  it('answers a repeated view from memory, and computes again after any write to responses', async () => {
    const before = live().computed;
    const first = await (await analyst.fetch(ranking)).text();
    const again = await (await analyst.fetch(ranking)).text();
    expect(live().computed).toBe(before);
    expect(again).toBe(first);
    // Another grouping is another run.
    await (await analyst.fetch('/analysis/sipas-2023/ranking?wave=live&by=channel&weights=none')).text();
    expect(live().computed).toBe(before + 1);

    // A write by another connection (an import in its thread, the CLI) changes the data version.
    const survey = app.deps.surveys.byId.get('sipas-2023')!;
    const other = openDatabase(app.deps.db.$client.name);
    try {
      seedResponses(other, survey, { n: 5, provinces: ['01'], serialPrefix: 'NEW', seed: 9 });
    } finally {
      closeDatabase(other);
    }
    const after = await (await analyst.fetch(ranking)).text();
    expect(live().computed).toBe(before + 2);
    expect(after).not.toBe(first);
    await (await analyst.fetch(ranking)).text();
    expect(live().computed).toBe(before + 2);
  });

  it('computes again after codes are issued, since the stamp counts the sample', async () => {
    await (await analyst.fetch(ranking)).text();
    const before = live().computed;
    await (await analyst.fetch(ranking)).text();
    expect(live().computed).toBe(before);
    issueCodes(app.deps.db, { surveyId: 'sipas-2023', batch: 'LIVE_01', count: 3 });
    await (await analyst.fetch(ranking)).text();
    expect(live().computed).toBe(before + 1);
  });

  it('shows a kept ranking to another analyst under their own name and form token', async () => {
    await createUser(app.deps.db, { username: 'ana3', role: 'analyst', password: 'ana-password-3', displayName: 'Chuyên viên Ba' });
    const other = await login(app.url, 'ana3', 'ana-password-3');
    const before = live().computed;
    const mine = await (await analyst.fetch(ranking)).text();
    const theirs = await (await other.fetch(ranking)).text();
    expect(live().computed).toBe(before);
    expect(theirs).toContain('Chuyên viên Ba');
    expect(mine).not.toContain('Chuyên viên Ba');
    expect(theirs).toContain(other.csrf);
    expect(theirs).not.toContain(analyst.csrf);
    // The ranking itself is the same page body.
    const body = (html: string) => html.slice(html.indexOf('<h1>'), html.indexOf('</main>'));
    expect(body(theirs)).toBe(body(mine));
  });

  it('keeps an analyst’s mistake a 400 when the run comes from the thread', async () => {
    const res = await analyst.fetch('/analysis/sipas-2023/ranking?wave=live&by=nosuchquestion&weights=none');
    expect(res.status).toBe(400);
  });
});

describe('a live run’s maximum age', () => {
  it('shows a run again for SIPAS_LIVE_INDEX_MAX_AGE seconds after responses changed, then computes again', async () => {
    let clock = Date.parse('2026-06-01T03:00:00Z');
    const aged = await startTestApp({ config: { liveIndexMaxAgeSeconds: 30 }, now: () => clock });
    try {
      const survey = aged.deps.surveys.byId.get('sipas-2023')!;
      seedResponses(aged.deps.db, survey, { n: 300, provinces: ['01', '79'], distinct: 50 });
      await createUser(aged.deps.db, { username: 'ana2', role: 'analyst', password: 'ana-password-2' });
      const client = await login(aged.url, 'ana2', 'ana-password-2');
      const computed = () => aged.deps.liveIndex!.computed;
      const first = await (await client.fetch(ranking)).text();
      expect(computed()).toBe(1);

      // Respondents keep sending forms: within 30 s the analyst sees the same run, with its time.
      seedResponses(aged.deps.db, survey, { n: 40, provinces: ['01'], serialPrefix: 'NEW', seed: 4 });
      clock += 29_000;
      expect(await (await client.fetch(ranking)).text()).toBe(first);
      expect(computed()).toBe(1);

      // Past it, the next view computes again and counts the new forms.
      clock += 2_000;
      const later = await (await client.fetch(ranking)).text();
      expect(computed()).toBe(2);
      expect(later).not.toBe(first);
      // Nothing changed since: kept as before, whatever its age.
      clock += 120_000;
      await (await client.fetch(ranking)).text();
      expect(computed()).toBe(2);
    } finally {
      await aged.close();
    }
  });

  it('shows a run that took long to compute again for ten times as long, when that is longer than the maximum age', async () => {
    const { db, cleanup } = tempDb();
    try {
      const survey = shipped().byId.get('sipas-2023')!;
      registerSurveyVersions(db, [survey.definition], 0);
      seedResponses(db, survey, { n: 200, provinces: ['01', '79'], distinct: 50 });
      let clock = Date.parse('2026-06-01T03:00:00Z');
      // The real computation, on a clock that moves 12 s while it runs (a run over a million responses).
      const here = computeHere(db);
      const live = new LiveIndex(db, (s, r, at) => ((clock += 12_000), here(s, r, at)), { entries: 10, maxAgeMs: 30_000, now: () => clock });
      const request = { by: 'province' };
      const first = await live.run(survey, request, clock);
      expect(live.computed).toBe(1);

      seedResponses(db, survey, { n: 20, provinces: ['01'], serialPrefix: 'NEW', seed: 4 });
      clock += 100_000; // 112 s after it was asked for: within 10 × 12 s
      expect(await live.run(survey, request, clock)).toBe(first);
      expect(live.computed).toBe(1);

      clock += 10_000; // 122 s
      const later = await live.run(survey, request, clock);
      expect(live.computed).toBe(2);
      expect(later.stamp.responses).not.toEqual(first.stamp.responses);
    } finally {
      cleanup();
    }
  });
});
