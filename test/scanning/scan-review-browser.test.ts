import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { SurveyCatalog } from '../../src/modules/definitions/load-surveys.js';
import { findEntries, findKeyingBatch, insertKeyingBatch } from '../../src/modules/keying/keying-repository.js';
import { formTemplate, writeFormsPdf } from '../../src/modules/printing/render-forms-pdf.js';
import { formsLayout } from '../../src/modules/printing/form-layout.js';
import { scanFiles } from '../../src/modules/scanning/scan-forms.js';
import { listScanReviewQueue } from '../../src/modules/scanning/scan-review-repository.js';
import { findResponseBySerial } from '../../src/modules/responses/response-repository.js';
import { unpackAnswers } from '../../src/modules/responses/pack-answers.js';
import { startTestApp, shipped, type TestApp } from '../helpers/test-app.js';
import { createUser, login } from '../helpers/login.js';
import { issueCodes } from '../helpers/issue-codes.js';
import { tempDir } from '../helpers/temp-db.js';
import { tinySurvey } from '../helpers/tiny-survey.js';
import { degrade, drawHandwriting, drawMark, readGrey, seeded } from '../helpers/draw-on-page.js';
import { browserLogin, launchChromium, watchConsole } from '../keying/browser-keying.js';
import { expectAccessible } from '../helpers/browser.js';

const tiny = tinySurvey();
const catalog: SurveyCatalog = { byId: new Map([['tiny', tiny]]), byVersion: new Map([['tiny@1', tiny]]), placeLists: shipped().placeLists };
const tmp = tempDir();
let app: TestApp;
let browser: Browser;
let password: string;
let batchId: number;
let reviewId: number;

beforeAll(async () => {
  app = await startTestApp({ surveys: catalog });
  const sup = await createUser(app.deps.db, { username: 'giamsat', role: 'supervisor', provinces: ['01'] });
  password = sup.password;
  await createUser(app.deps.db, { username: 'saigon', role: 'supervisor', provinces: ['79'], password: 'a-long-password-79' });
  batchId = insertKeyingBatch(app.deps.db, {
    surveyId: 'tiny',
    name: 'HN_scan',
    province: '01',
    expected: null,
    received: null,
    requiresVerification: false,
    createdBy: sup.user.id,
    at: Date.now(),
  });
  // One printed form: "No" crossed for USED, two crosses for SEX (a person must choose) and a comment written in.
  const codes = issueCodes(app.deps.db, { surveyId: 'tiny', batch: 'HN', count: 1 }).codes;
  const template = formTemplate(tiny.definition, 'vi');
  const pdf = join(tmp.dir, 'form.pdf');
  await writeFormsPdf(pdf, tiny.definition, template, codes);
  const layout = formsLayout(template, 'HN', ['HN-000001']);
  execFileSync('pdftoppm', ['-r', '150', '-gray', '-png', pdf, join(tmp.dir, 'p')]);
  const pngs = readdirSync(tmp.dir)
    .filter((f) => /^p-\d+\.png$/.test(f))
    .sort()
    .map((f) => join(tmp.dir, f));
  const random = seeded(7);
  for (const [i, page] of layout.pages.entries()) {
    const img = await readGrey(pngs[i]!);
    for (const b of page.boxes) {
      if (b.variable === 'SEX' || (b.variable === 'USED' && b.code === 2)) drawMark(img, b, 'cross', 150 / 72, random);
      if (b.variable === 'NOTE') drawHandwriting(img, b, 150 / 72, random);
    }
    writeFileSync(pngs[i]!, await degrade(img, { angle: 1.5, noise: 4, format: 'png', seed: i }));
  }
  const summary = await scanFiles(app.deps.db, pngs, {
    survey: tiny,
    batch: findKeyingBatch(app.deps.db, batchId)!,
    province: '01',
    user: sup.user,
    layout,
    now: () => Date.now(),
    template: () => template,
  });
  expect([summary.review, summary.saved]).toEqual([1, 0]);
  reviewId = listScanReviewQueue(app.deps.db, batchId)[0]!.id;
  browser = await launchChromium();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
  tmp.cleanup();
});

describe('the review queue of scanned forms, in a browser', () => {
  it('a supervisor opens the queue from the batch page, sees the crops beside the inputs, keys SEX and the comment, and the first entry holds them', async () => {
    const errors: string[] = [];
    const context = await browser.newContext();
    const page = await context.newPage();
    watchConsole(page, errors);
    await browserLogin(page, app.url, 'giamsat', password);
    await page.goto(`${app.url}/keying/batches/${batchId}?lang=en`);
    await Promise.all([page.waitForURL(/\/reviews/), page.click('#review-queue-link')]);
    await Promise.all([page.waitForURL(/\/keying\/reviews\/\d+/), page.click('#review-queue a:text("HN-000001")')]);
    // What the machine read with confidence is filled in; the serial is fixed.
    expect(await page.inputValue('#f-USED')).toBe('2');
    expect(await page.inputValue('#f-SEX')).toBe('');
    expect(await page.getAttribute('#f-SERIAL', 'readonly')).not.toBeNull();
    // The crops are real images, beside their fields.
    for (const field of ['SEX', 'NOTE']) {
      const size = await page.$eval(`#f-${field}-crops img`, (img) => [(img as HTMLImageElement).naturalWidth, (img as HTMLImageElement).naturalHeight]);
      expect(size[0]).toBeGreaterThan(20);
      expect(size[1]).toBeGreaterThan(10);
    }
    expect(await page.textContent('#f-SEX-crops figcaption')).toBe('more than one box marked');
    await expectAccessible(page);
    await page.fill('#f-SEX', '1');
    await page.fill('#f-NOTE', 'Cán bộ tận tình');
    await Promise.all([page.waitForURL(/\/keying\/batches\/\d+\/reviews/), page.click('#save')]);
    expect(await page.textContent('#saved-message')).toContain('HN-000001');
    expect(await page.isVisible('#review-queue-empty')).toBe(true);
    await expectAccessible(page);
    expect(errors).toEqual([]);
    await context.close();

    const response = findResponseBySerial(app.deps.db, 'tiny', 'HN-000001')!;
    expect(unpackAnswers(tiny, response.codes, response.values)).toEqual({ SEX: 1, USED: 2, NOTE: 'Cán bộ tận tình' });
    expect(findEntries(app.deps.db, 'tiny', 'HN-000001').map((e) => e.pass)).toEqual([1]);
  }, 300_000);

  it('a supervisor of another province finds neither the review nor its crops, and a saved review is not saved twice', async () => {
    const other = await login(app.url, 'saigon', 'a-long-password-79');
    expect((await other.fetch(`/keying/reviews/${reviewId}`)).status).toBe(404);
    expect((await other.fetch(`/keying/reviews/${reviewId}/crops/0`)).status).toBe(404);
    expect((await other.post(`/keying/reviews/${reviewId}`, { SEX: '2' })).status).toBe(404);
    expect((await other.fetch(`/keying/batches/${batchId}/reviews`)).status).toBe(403);
    const own = await login(app.url, 'giamsat', password);
    const again = await own.post(`/keying/reviews/${reviewId}`, { SEX: '2' });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('id="review-done"');
    expect(findEntries(app.deps.db, 'tiny', 'HN-000001')).toHaveLength(1);
  }, 120_000);
});
