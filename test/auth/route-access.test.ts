import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Express } from 'express';
import { createApp } from '../../src/app.js';
import type { Role } from '../../src/modules/auth/current-user.js';
import { packAnswers } from '../../src/modules/responses/pack-answers.js';
import { insertResponse } from '../../src/modules/responses/response-write-repository.js';
import { fieldName } from '../../src/modules/responses/response-view.js';
import type { AnswerValue } from '../../src/modules/rules/evaluate-expression.js';
import { insertKeyingBatch } from '../../src/modules/keying/keying-repository.js';
import { anonymous, createUser, login, type Client } from '../helpers/login.js';
import { randomAnswers, seededRandom } from '../helpers/random-answers.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * Each role (and nobody signed in) tries every route the app registers and must get exactly
 * the status in the table. A route missing from the table fails the test: whoever adds a
 * route says here who may use it.
 */

type Who = 'anonymous' | Role;
const everyone: Who[] = ['anonymous', 'enumerator', 'analyst', 'supervisor', 'admin'];

interface Fixtures {
  responseId: number;
  responseToDelete: number;
  responseForm: Record<string, string>;
  batchId: number;
  surveyId: string;
}

interface Row {
  method: 'GET' | 'POST';
  /** The route as registered. */
  route: string;
  url: (f: Fixtures) => string;
  form?: (f: Fixtures) => Record<string, string>;
  /** Expected status per caller; 'public' = everyone gets what anonymous gets, and never 5xx. */
  expect: Record<Who, number> | 'public';
  /** Runs after every other row (it ends the session). */
  last?: boolean;
}

/** Signed-in roles in `allowed` (and admin) get `ok`, other roles 403; nobody signed in is sent to /login (GET) or 401. */
function roles(method: 'GET' | 'POST', allowed: Role[], ok: number, overrides: Partial<Record<Who, number>> = {}): Record<Who, number> {
  const out = {} as Record<Who, number>;
  for (const who of everyone) {
    out[who] = who === 'anonymous' ? (method === 'GET' ? 303 : 401) : who === 'admin' || allowed.includes(who) ? ok : 403;
  }
  return { ...out, ...overrides };
}

const ALL: Role[] = ['enumerator', 'analyst', 'supervisor', 'admin'];

const table: Row[] = [
  { method: 'GET', route: '/favicon.ico', url: () => '/favicon.ico', expect: 'public' },
  { method: 'GET', route: '/healthz', url: () => '/healthz', expect: 'public' },
  // The rule evaluator's code, as the static files are: it holds no data.
  { method: 'GET', route: '/static/rules/evaluate-expression.js', url: () => '/static/rules/evaluate-expression.js', expect: 'public' },
  { method: 'GET', route: '/', url: () => '/', expect: 'public' },
  { method: 'GET', route: '/places/:era/:level/:parent', url: () => '/places/34/commune/01', expect: 'public' },
  // auth
  { method: 'GET', route: '/login', url: () => '/login', expect: { anonymous: 200, enumerator: 303, analyst: 303, supervisor: 303, admin: 303 } },
  {
    method: 'POST',
    route: '/login',
    url: () => '/login',
    form: () => ({ username: 'nobody', password: 'wrong password' }),
    expect: { anonymous: 401, enumerator: 401, analyst: 401, supervisor: 401, admin: 401 },
  },
  {
    method: 'POST',
    route: '/logout',
    url: () => '/logout',
    expect: { anonymous: 303, enumerator: 303, analyst: 303, supervisor: 303, admin: 303 },
    last: true,
  },
  // responses (the enumerator entered the fixture response, so it is within everyone's scope)
  { method: 'GET', route: '/responses', url: () => '/responses', expect: roles('GET', ALL, 200) },
  { method: 'GET', route: '/responses/:id', url: (f) => `/responses/${f.responseId}`, expect: roles('GET', ALL, 200) },
  { method: 'GET', route: '/responses/:id/history', url: (f) => `/responses/${f.responseId}/history`, expect: roles('GET', ['supervisor'], 200) },
  { method: 'GET', route: '/responses/:id/edit', url: (f) => `/responses/${f.responseId}/edit`, expect: roles('GET', ['supervisor'], 200) },
  {
    method: 'POST',
    route: '/responses/:id/edit',
    url: (f) => `/responses/${f.responseId}/edit`,
    form: (f) => f.responseForm,
    expect: roles('POST', ['supervisor'], 303),
  },
  { method: 'POST', route: '/responses/:id/delete', url: (f) => `/responses/${f.responseToDelete}/delete`, expect: roles('POST', ['supervisor'], 303) },
  // online questionnaire: for respondents, nobody signs in
  { method: 'GET', route: '/s/:surveyId', url: (f) => `/s/${f.surveyId}`, expect: 'public' },
  { method: 'POST', route: '/s/:surveyId/start', url: (f) => `/s/${f.surveyId}/start`, expect: 'public' },
  { method: 'GET', route: '/s/:surveyId/page/:n', url: (f) => `/s/${f.surveyId}/page/1`, expect: 'public' },
  { method: 'POST', route: '/s/:surveyId/page/:n', url: (f) => `/s/${f.surveyId}/page/1`, expect: 'public' },
  { method: 'POST', route: '/s/:surveyId/page/:n/asked', url: (f) => `/s/${f.surveyId}/page/1/asked`, expect: 'public' },
  { method: 'GET', route: '/s/:surveyId/review', url: (f) => `/s/${f.surveyId}/review`, expect: 'public' },
  { method: 'POST', route: '/s/:surveyId/submit', url: (f) => `/s/${f.surveyId}/submit`, expect: 'public' },
  { method: 'GET', route: '/s/:surveyId/thanks/:receipt', url: (f) => `/s/${f.surveyId}/thanks/NO-SUCH-RECEIPT`, expect: 'public' },
  // keying (batch in province 01, the province of the enumerator and the supervisor)
  { method: 'GET', route: '/keying', url: () => '/keying', expect: roles('GET', ['enumerator', 'supervisor'], 200) },
  { method: 'GET', route: '/keying/batches/:id', url: (f) => `/keying/batches/${f.batchId}`, expect: roles('GET', ['enumerator', 'supervisor'], 200) },
  {
    method: 'GET',
    route: '/keying/batches/:id/entry',
    url: (f) => `/keying/batches/${f.batchId}/entry`,
    expect: roles('GET', ['enumerator', 'supervisor'], 200),
  },
  {
    method: 'POST',
    route: '/keying/batches/:id/entry',
    url: (f) => `/keying/batches/${f.batchId}/entry`,
    expect: roles('POST', ['enumerator', 'supervisor'], 422),
  },
  // The screen's script posts JSON; a form without `answers` is a malformed request (400, not 500).
  {
    method: 'POST',
    route: '/keying/batches/:id/check',
    url: (f) => `/keying/batches/${f.batchId}/check`,
    expect: roles('POST', ['enumerator', 'supervisor'], 400),
  },
  { method: 'GET', route: '/keying/batches/new', url: () => '/keying/batches/new', expect: roles('GET', ['supervisor'], 200) },
  { method: 'POST', route: '/keying/batches', url: () => '/keying/batches', expect: roles('POST', ['supervisor'], 422) },
  { method: 'GET', route: '/keying/disagreements', url: () => '/keying/disagreements', expect: roles('GET', ['supervisor'], 200) },
  {
    method: 'GET',
    route: '/keying/disagreements/:survey/:serial',
    url: (f) => `/keying/disagreements/${f.surveyId}/NO-SUCH`,
    expect: roles('GET', ['supervisor'], 404),
  },
  {
    method: 'POST',
    route: '/keying/disagreements/:survey/:serial',
    url: (f) => `/keying/disagreements/${f.surveyId}/NO-SUCH`,
    expect: roles('POST', ['supervisor'], 404),
  },
  { method: 'GET', route: '/keying/statistics', url: () => '/keying/statistics', expect: roles('GET', ['supervisor'], 200) },
  { method: 'GET', route: '/keying/progress', url: () => '/keying/progress', expect: roles('GET', ['supervisor', 'analyst'], 200) },
  // scanned forms: the review queue (keyers of the province) and uploads (supervisors); no review or job has these numbers
  {
    method: 'GET',
    route: '/keying/batches/:id/reviews',
    url: (f) => `/keying/batches/${f.batchId}/reviews`,
    expect: roles('GET', ['enumerator', 'supervisor'], 200),
  },
  { method: 'GET', route: '/keying/reviews/:rid', url: () => '/keying/reviews/999999', expect: roles('GET', ['enumerator', 'supervisor'], 404) },
  {
    method: 'GET',
    route: '/keying/reviews/:rid/crops/:n',
    url: () => '/keying/reviews/999999/crops/0',
    expect: roles('GET', ['enumerator', 'supervisor'], 404),
  },
  { method: 'POST', route: '/keying/reviews/:rid', url: () => '/keying/reviews/999999', expect: roles('POST', ['enumerator', 'supervisor'], 404) },
  { method: 'GET', route: '/keying/batches/:id/scans', url: (f) => `/keying/batches/${f.batchId}/scans`, expect: roles('GET', ['supervisor'], 200) },
  { method: 'POST', route: '/keying/batches/:id/scans', url: (f) => `/keying/batches/${f.batchId}/scans`, expect: roles('POST', ['supervisor'], 422) },
  { method: 'GET', route: '/keying/scan-jobs/:job.json', url: () => '/keying/scan-jobs/nosuchjob0.json', expect: roles('GET', ['supervisor'], 404) },
  { method: 'GET', route: '/keying/scan-jobs/:job', url: () => '/keying/scan-jobs/nosuchjob0', expect: roles('GET', ['supervisor'], 404) },
  { method: 'POST', route: '/keying/scan-jobs/:job/cancel', url: () => '/keying/scan-jobs/nosuchjob0/cancel', expect: roles('POST', ['supervisor'], 404) },
  {
    method: 'POST',
    route: '/keying/batches/:id/counts',
    url: (f) => `/keying/batches/${f.batchId}/counts`,
    form: () => ({ expected: '10', received: '3' }),
    expect: roles('POST', ['supervisor'], 303),
  },
  // imports (supervisors)
  { method: 'GET', route: '/imports', url: () => '/imports', expect: roles('GET', ['supervisor'], 200) },
  { method: 'POST', route: '/imports', url: () => '/imports', expect: roles('POST', ['supervisor'], 422) },
  { method: 'GET', route: '/imports/jobs/:job.json', url: () => '/imports/jobs/no-such-job.json', expect: roles('GET', ['supervisor'], 404) },
  { method: 'GET', route: '/imports/jobs/:job', url: () => '/imports/jobs/no-such-job', expect: roles('GET', ['supervisor'], 404) },
  { method: 'POST', route: '/imports/jobs/:job/cancel', url: () => '/imports/jobs/no-such-job/cancel', expect: roles('POST', ['supervisor'], 404) },
  { method: 'GET', route: '/imports/:id/errors.csv', url: () => '/imports/999999/errors.csv', expect: roles('GET', ['supervisor'], 404) },
  // conflicts (supervisors; a conflict that does not exist is 404 like one outside the scope)
  { method: 'GET', route: '/conflicts', url: () => '/conflicts', expect: roles('GET', ['supervisor'], 200) },
  { method: 'GET', route: '/conflicts/:id', url: () => '/conflicts/999999', expect: roles('GET', ['supervisor'], 404) },
  {
    method: 'POST',
    route: '/conflicts/:id/resolve',
    url: () => '/conflicts/999999/resolve',
    form: () => ({ choice: 'keep' }),
    expect: roles('POST', ['supervisor'], 404),
  },
  // quality flags (supervisors; a flag that does not exist is 404 like one outside the scope)
  { method: 'GET', route: '/quality', url: () => '/quality', expect: roles('GET', ['supervisor'], 200) },
  {
    method: 'POST',
    route: '/quality/flags/:id/decide',
    url: () => '/quality/flags/999999/decide',
    form: () => ({ decision: 'confirm', note: 'x' }),
    expect: roles('POST', ['supervisor'], 404),
  },
  // analysis and exports (analysts; admin)
  { method: 'GET', route: '/analysis', url: () => '/analysis', expect: roles('GET', ['analyst'], 200) },
  { method: 'GET', route: '/analysis/:survey', url: (f) => `/analysis/${f.surveyId}`, expect: roles('GET', ['analyst'], 303) }, // on to the ranking
  { method: 'GET', route: '/analysis/:survey/ranking', url: (f) => `/analysis/${f.surveyId}/ranking`, expect: roles('GET', ['analyst'], 200) },
  { method: 'GET', route: '/analysis/:survey/province/:code', url: (f) => `/analysis/${f.surveyId}/province/01`, expect: roles('GET', ['analyst'], 200) },
  { method: 'GET', route: '/analysis/:survey/fieldwork', url: (f) => `/analysis/${f.surveyId}/fieldwork`, expect: roles('GET', ['analyst'], 200) },
  { method: 'GET', route: '/analysis/:survey/method', url: (f) => `/analysis/${f.surveyId}/method`, expect: roles('GET', ['analyst'], 200) },
  { method: 'GET', route: '/analysis/:survey/export.csv', url: (f) => `/analysis/${f.surveyId}/export.csv`, expect: roles('GET', ['analyst'], 200) },
  { method: 'GET', route: '/analysis/:survey/export.xlsx', url: (f) => `/analysis/${f.surveyId}/export.xlsx`, expect: roles('GET', ['analyst'], 200) },
  { method: 'GET', route: '/analysis/:survey/export.json', url: (f) => `/analysis/${f.surveyId}/export.json`, expect: roles('GET', ['analyst'], 200) },
  { method: 'GET', route: '/analysis/:survey/microdata', url: (f) => `/analysis/${f.surveyId}/microdata`, expect: roles('GET', ['analyst'], 200) },
  {
    method: 'GET',
    route: '/analysis/:survey/microdata/:file',
    url: (f) => `/analysis/${f.surveyId}/microdata/data.csv`,
    expect: roles('GET', ['analyst'], 200),
  },
];

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every (method, path) the app registers, routers included (they are mounted at '/', paths written in full). */
function registeredRoutes(app: Express): string[] {
  const out: string[] = [];
  const walk = (stack: Layer[]): void => {
    for (const layer of stack) {
      if (layer.route) for (const m of Object.keys(layer.route.methods)) out.push(`${m.toUpperCase()} ${layer.route.path}`);
      else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return out.filter((r) => !r.startsWith('_ALL'));
}

let app: TestApp;
let fixtures: Fixtures;
const clients = {} as Record<Who, Client>;

beforeAll(async () => {
  app = await startTestApp({ config: { loginFailuresPer15Min: 1000 } });
  const db = app.deps.db;
  const users = {} as Record<Role, number>;
  for (const role of ['enumerator', 'analyst', 'supervisor', 'admin'] as const) {
    const { user, password } = await createUser(db, { username: `the-${role}`, role, provinces: role === 'enumerator' || role === 'supervisor' ? ['01'] : [] });
    users[role] = user.id;
    clients[role] = await login(app.url, `the-${role}`, password);
  }
  clients.anonymous = await anonymous(app.url);
  const survey = app.deps.surveys.byId.get('sipas-2023')!;
  const rand = seededRandom(6);
  const store = (serial: string): { id: number; answers: Record<string, AnswerValue> } => {
    const answers = randomAnswers(survey, rand, serial, { fill: 1, provinces: ['01'] });
    const id = insertResponse(db, {
      surveyId: survey.id,
      surveyVersion: survey.version,
      serial,
      channel: 'keyed',
      status: 'submitted',
      packed: packAnswers(survey, answers),
      at: Date.now(),
      enteredBy: users.enumerator,
    });
    return { id, answers };
  };
  const kept = store('RA-0001');
  const form: Record<string, string> = {};
  for (const [code, value] of Object.entries(kept.answers))
    if (code !== survey.definition.serial.code && value !== null) form[fieldName(code)] = Array.isArray(value) ? value.join(',') : String(value);
  fixtures = {
    responseId: kept.id,
    responseToDelete: store('RA-0002').id,
    responseForm: form,
    batchId: insertKeyingBatch(db, {
      surveyId: survey.id,
      name: 'Lô 01',
      province: '01',
      expected: 10,
      received: null,
      requiresVerification: false,
      createdBy: users.supervisor,
      at: Date.now(),
    }),
    surveyId: survey.id,
  };
});
afterAll(() => app.close());

async function statusOf(who: Who, row: Row): Promise<number> {
  const client = clients[who];
  const url = row.url(fixtures);
  const res = row.method === 'GET' ? await client.fetch(url) : await client.post(url, row.form?.(fixtures) ?? {});
  await res.arrayBuffer();
  return res.status;
}

describe('route access by role', () => {
  it('every registered route is in the table', () => {
    const listed = new Set(table.map((r) => `${r.method} ${r.route}`));
    const missing = registeredRoutes(createApp(app.deps)).filter((r) => !listed.has(r) && !r.startsWith('HEAD '));
    expect(missing, 'add these routes to test/auth/route-access.test.ts').toEqual([]);
  });

  it('each role gets exactly the expected status on every route', async () => {
    const got: string[] = [];
    const want: string[] = [];
    // A row whose route is not registered (yet, or any more) is skipped; the test above catches the reverse.
    const registered = new Set(registeredRoutes(createApp(app.deps)));
    const present = table.filter((r) => registered.has(`${r.method} ${r.route}`));
    expect(present.length).toBeGreaterThan(20);
    const rows = [...present.filter((r) => !r.last), ...present.filter((r) => r.last)];
    for (const row of rows) {
      const seen = {} as Record<Who, number>;
      for (const who of everyone) seen[who] = await statusOf(who, row);
      const expected = row.expect === 'public' ? Object.fromEntries(everyone.map((w) => [w, seen.anonymous])) : row.expect;
      got.push(`${row.method} ${row.route} ${everyone.map((w) => `${w}=${seen[w]}`).join(' ')}`);
      want.push(`${row.method} ${row.route} ${everyone.map((w) => `${w}=${expected[w]}`).join(' ')}`);
      if (row.expect === 'public') expect(seen.anonymous, `${row.method} ${row.route}`).toBeLessThan(500);
    }
    expect(got).toEqual(want);
  });
});
