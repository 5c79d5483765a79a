import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { anonymous, createUser, login } from '../helpers/login.js';
import { tempDir } from '../helpers/temp-db.js';
import { FormClient, pageFields, surveysWith } from '../questionnaire/form-client.js';
import type { Survey } from '../../src/modules/definitions/compile-survey.js';
import type { DraftAnswers } from '../../src/modules/questionnaire/page-answers.js';
import { countResponses } from '../../src/modules/responses/response-repository.js';
import { createCodeBatch } from '../../src/modules/access-codes/access-code-repository.js';
import { hashCode, newCode, normaliseCode } from '../../src/modules/access-codes/access-code-format.js';
import { randomBytes } from 'node:crypto';

/** Every page answered, then the review page: the respondent is ready to send. */
async function fillAll(client: FormClient, survey: Survey): Promise<void> {
  let answers: DraftAnswers = {};
  let path = `/s/${survey.id}/page/1`;
  for (let guard = 0; guard < 20 && path.includes('/page/'); guard++) {
    const index = Number(/page\/(\d+)/.exec(path)![1]) - 1;
    await client.get(path);
    const filled = pageFields(survey, index, answers);
    answers = filled.answers;
    const res = await client.post(path, { ...filled.fields, nav: 'next' });
    expect(res.status, res.html.slice(0, 500)).toBe(303);
    path = res.location!;
  }
}

async function failSignIn(app: TestApp, username: string, headers: Record<string, string> = {}): Promise<number> {
  const client = await anonymous(app.url);
  const body = new URLSearchParams({ username, password: 'wrong-password', _csrf: client.csrf });
  const res = await client.fetch('/login', { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });
  await res.arrayBuffer();
  return res.status;
}

describe('sign-in limits', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ config: { loginFailuresPer15Min: 3, loginAddressFailuresPer15Min: 8 } });
  });
  afterAll(() => app.close());

  it('limits failures per account: a colleague at the same address still signs in', async () => {
    const { password } = await createUser(app.deps.db, { username: 'canbo2', role: 'analyst' });
    await createUser(app.deps.db, { username: 'canbo1', role: 'analyst' });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push(await failSignIn(app, 'canbo1'));
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    // Another account from the same (loopback) address is not locked out.
    await expect(login(app.url, 'canbo2', password)).resolves.toBeDefined();
    const limited = await anonymous(app.url);
    const res = await limited.post('/login', { username: 'CANBO1', password: 'x' });
    expect(res.status).toBe(429);
    const text = await res.text();
    expect(text).toContain('Tài khoản này đã đăng nhập sai quá nhiều lần');
    expect(text).toContain('Too many failed sign-ins for this account');
  });

  it('still has a ceiling per address, and ignores X-Forwarded-For unless told to trust a proxy', async () => {
    // 3 failures so far from this address; spread over accounts, with forged forwarded addresses.
    const statuses = [];
    for (let i = 0; i < 7; i++) statuses.push(await failSignIn(app, `nobody${i}`, { 'x-forwarded-for': `203.0.113.${i}` }));
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
  });
});

describe('sign-in behind a trusted proxy', () => {
  it('takes the client address from X-Forwarded-For only when SIPAS_TRUST_PROXY names the proxy', async () => {
    const app = await startTestApp({ config: { loginFailuresPer15Min: 100, loginAddressFailuresPer15Min: 2, trustProxy: ['loopback'] } });
    try {
      const from = (ip: string) => failSignIn(app, 'someone', { 'x-forwarded-for': ip });
      expect([await from('198.51.100.1'), await from('198.51.100.1'), await from('198.51.100.1')]).toEqual([401, 401, 429]);
      // Another client behind the same proxy is another address.
      expect(await from('198.51.100.2')).toBe(401);
    } finally {
      await app.close();
    }
  });
});

describe('questionnaire limits', () => {
  const t = tempDir();
  let app: TestApp;
  let codes: { serial: string; code: string }[];
  let survey: Survey;
  beforeAll(async () => {
    const surveys = surveysWith(t.dir, (id, d) => {
      if (id === 'sipas-2023') d.access = 'code';
      if (id === 'sipas-2017') d.access = 'open';
    });
    app = await startTestApp({ surveys, config: { codeFailuresPer15Min: 3, codeAddressFailuresPer15Min: 6 } });
    survey = app.deps.surveys.byId.get('sipas-2023')!;
    const next = () => {
      const code = newCode(randomBytes);
      return { code, codeHash: hashCode(normaliseCode(code)!) };
    };
    ({ codes } = createCodeBatch(app.deps.db, {
      surveyId: survey.id,
      name: 'HN-01',
      province: '01',
      at: Date.now(),
      serials: Array.from({ length: 62 }, (_, i) => `HN${String(i).padStart(6, '0')}`),
      next,
    }));
  });
  afterAll(async () => {
    await app.close();
    t.cleanup();
  });

  it('lets 60 respondents behind one carrier address all start and send their forms', async () => {
    const clients = await Promise.all(
      codes.slice(0, 60).map(async ({ code }) => {
        const client = new FormClient(app.url);
        await client.get(`/s/${survey.id}`);
        const started = await client.post(`/s/${survey.id}/start`, { code });
        expect(started.status, started.html.slice(0, 300)).toBe(303);
        return client;
      }),
    );
    for (const client of clients) await fillAll(client, survey);
    const sent = await Promise.all(clients.map((c) => c.post(`/s/${survey.id}/submit`, {})));
    expect(sent.map((s) => s.status)).toEqual(clients.map(() => 303));
    expect(countResponses(app.deps.db, survey.id)).toBe(60);
  });

  it('lets 60 respondents behind one address start a survey without access codes', async () => {
    const starts = await Promise.all(
      Array.from({ length: 60 }, async () => {
        const client = new FormClient(app.url);
        await client.get('/s/sipas-2017');
        return (await client.post('/s/sipas-2017/start', {})).status;
      }),
    );
    expect(starts).toEqual(starts.map(() => 303));
  });

  it('counts wrong codes against the code’s first group, with a clear message in both languages', async () => {
    const right = codes[60]!.code;
    // Wrong codes sharing the first group of a real code: after 3, that group is closed for a while…
    const wrong = (last: string) => `${right.slice(0, 5)}-2222${last}`;
    const statuses = [];
    for (const last of ['2', '3', '4', '5']) {
      const client = new FormClient(app.url);
      await client.get(`/s/${survey.id}`);
      statuses.push((await client.post(`/s/${survey.id}/start`, { code: wrong(last) })).status);
    }
    expect(statuses).toEqual([422, 422, 422, 429]);
    const client = new FormClient(app.url);
    await client.get(`/s/${survey.id}?lang=en`);
    const refused = await client.post(`/s/${survey.id}/start?lang=en`, { code: right });
    expect(refused.status).toBe(429);
    expect(refused.html).toContain('Too many wrong access codes were typed');
    const vi = new FormClient(app.url);
    await vi.get(`/s/${survey.id}`);
    expect((await vi.post(`/s/${survey.id}/start`, { code: right })).html).toContain('Mã truy cập đã bị nhập sai quá nhiều lần');
    // …while a code of another group still opens the form.
    const other = codes[61]!.code;
    if (other.slice(0, 5) !== right.slice(0, 5)) {
      const ok = new FormClient(app.url);
      await ok.get(`/s/${survey.id}`);
      expect((await ok.post(`/s/${survey.id}/start`, { code: other })).status).toBe(303);
    }
  });

  it('counts wrong codes against the address too', async () => {
    // 3 wrong codes counted so far from this address (a refusal with 429 is not one); the limit is 6.
    const statuses = [];
    for (const code of ['33333-44444', '44444-55555', '55555-66666', '66666-77777']) {
      const client = new FormClient(app.url);
      await client.get(`/s/${survey.id}`);
      statuses.push((await client.post(`/s/${survey.id}/start`, { code })).status);
    }
    expect(statuses).toEqual([422, 422, 422, 429]);
  });

  it('does not count a start without a code as a guess: respondents of an open survey still start after the address has guessed too often', async () => {
    // The address is at its limit of wrong codes now. Starts without a code (an open link, or the
    // code left empty) guess nothing; counted, they shared one key, and 10 at once locked out
    // every open-link respondent.
    const empty = new FormClient(app.url);
    await empty.get(`/s/${survey.id}`);
    expect((await empty.post(`/s/${survey.id}/start`, {})).status).toBe(422);
    const starts = await Promise.all(
      Array.from({ length: 5 }, async () => {
        const client = new FormClient(app.url);
        await client.get('/s/sipas-2017');
        return (await client.post('/s/sipas-2017/start', {})).status;
      }),
    );
    expect(starts).toEqual([303, 303, 303, 303, 303]);
  });
});
