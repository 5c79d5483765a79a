import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertKeyingBatch } from '../../src/modules/keying/keying-repository.js';
import type { SurveyCatalog } from '../../src/modules/definitions/load-surveys.js';
import { startTestApp, shipped, type TestApp } from '../helpers/test-app.js';
import { tinySurvey } from '../helpers/tiny-survey.js';
import { createUser, login, type Client } from '../helpers/login.js';

// The tiny definition has skip logic (Q only if USED == 1) and a consistency check (YEARS <= AGE).
const tiny = tinySurvey();
const catalog: SurveyCatalog = { byId: new Map([['tiny', tiny]]), byVersion: new Map([['tiny@1', tiny]]), placeLists: shipped().placeLists };

let app: TestApp;
let keyer: Client;
let batch: number;

beforeAll(async () => {
  app = await startTestApp({ surveys: catalog });
  const { user, password } = await createUser(app.deps.db, { username: 'nhap', role: 'enumerator' });
  keyer = await login(app.url, 'nhap', password);
  batch = insertKeyingBatch(app.deps.db, {
    surveyId: 'tiny',
    name: 'b1',
    province: '01',
    expected: 10,
    received: 10,
    requiresVerification: false,
    createdBy: user.id,
    at: Date.now(),
  });
});
afterAll(() => app.close());

const check = async (answers: Record<string, string>) => {
  const res = await keyer.fetch(`/keying/batches/${batch}/check?lang=en`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': keyer.csrf, accept: 'application/json' },
    body: JSON.stringify({ answers }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { problems: { code: string; message: string }[] }).problems;
};

describe('checks while keying, for any definition', () => {
  it("a failed consistency check is reported once, with the definition's message", async () => {
    expect(await check({ SERIAL: 'T1', P1: '01', AGE: '30', YEARS: '40' })).toEqual([{ code: 'YEARS', message: 'Years cannot exceed age' }]);
  });

  it('an answer to a question skip logic leaves out must be empty', async () => {
    expect((await check({ SERIAL: 'T2', USED: '2', Q1: '4' })).map((p) => p.code)).toEqual(['Q1']);
  });

  it('a province outside the batch is named as soon as it is keyed', async () => {
    expect((await check({ SERIAL: 'T3', P1: '79' })).map((p) => p.code)).toEqual(['P1']);
  });

  it('the page renders a field per variable with its parsed skip rule for the script', async () => {
    const html = await (await keyer.fetch(`/keying/batches/${batch}/entry`)).text();
    expect(html).toMatch(/id="f-Q1"[^>]*data-relevant="\{/);
    expect(html).toMatch(/id="f-ETH_OTHER"[^>]*data-specifies="ETH:2"/);
  });
});
