// Issue 7's benchmark: a script keys 100 sipas-2023 paper forms through the real keying page in
// Chromium (keystrokes only: codes, Tab, Enter; the page's auto-advance, skip logic and
// field-leave checks all run), against POSTing the same 100 forms straight to the server (the
// baseline: the server's own cost of checking and saving a form). BENCH_FORMS changes the count.
import { performance } from 'node:perf_hooks';
import { insertKeyingBatch } from '../../src/modules/keying/keying-repository.js';
import { countResponses } from '../../src/modules/responses/response-repository.js';
import { startTestApp } from '../../test/helpers/test-app.js';
import { createUser, login } from '../../test/helpers/login.js';
import { paperForm } from '../../test/keying/keying-fixtures.js';
import { browserLogin, keyFormWithKeyboard, launchChromium } from '../../test/keying/browser-keying.js';
import { ms, ratio, report } from './bench-support.js';

const N = Number(process.env.BENCH_FORMS ?? 100);
const app = await startTestApp();
const browser = await launchChromium();
try {
  const survey = app.deps.surveys.byId.get('sipas-2023')!;
  const { user, password } = await createUser(app.deps.db, { username: 'bench', role: 'enumerator' });
  const batch = (name: string) =>
    insertKeyingBatch(app.deps.db, {
      surveyId: survey.id,
      name,
      province: '01',
      expected: N,
      received: N,
      requiresVerification: false,
      createdBy: user.id,
      at: Date.now(),
    });
  const pageBatch = batch('page');
  const postBatch = batch('post');
  const forms = Array.from({ length: N }, (_, i) => paperForm(survey, `B${String(i).padStart(5, '0')}`, 1000 + i));
  const keystrokes = forms.reduce((n, f) => n + Object.values(f).reduce((m, v) => m + v.length, 0), 0) / N;

  // Baseline: the same forms (other serials) as plain POSTs, one after another, like the no-JS page.
  const client = await login(app.url, 'bench', password);
  let t0 = performance.now();
  for (const f of forms) {
    const res = await client.post(`/keying/batches/${postBatch}/entry`, { ...f, SERIAL: `P${f.SERIAL!}` });
    if (res.status !== 303) throw new Error(`POST answered ${res.status}`);
    await res.arrayBuffer();
  }
  const postMs = performance.now() - t0;

  const page = await browser.newPage();
  await browserLogin(page, app.url, 'bench', password);
  await page.goto(`${app.url}/keying/batches/${pageBatch}/entry`);
  t0 = performance.now();
  for (const f of forms) await keyFormWithKeyboard(page, survey, f, false);
  const pageMs = performance.now() - t0;
  const stored = countResponses(app.deps.db, survey.id);
  if (stored !== 2 * N) throw new Error(`expected ${2 * N} responses, found ${stored}`);

  report([
    ['forms', `${N} (sipas-2023, ~${keystrokes.toFixed(0)} characters of answers each)`],
    ['POST straight to the server (baseline)', `${ms(postMs / N)} per form, ${ms(postMs)} in all`],
    ['keyed through the page in Chromium', `${ms(pageMs / N)} per form, ${ms(pageMs)} in all`],
    ['page vs POST', ratio(pageMs, postMs)],
  ]);
} catch (err) {
  console.error(err);
  process.exitCode = 1;
} finally {
  await browser.close();
  await app.close();
}
