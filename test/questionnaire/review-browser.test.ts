import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, type Page } from 'playwright-core';
import { expectAccessible, launchChromium, watchConsole } from '../helpers/browser.js';
import { repoRoot, startTestApp, type TestApp } from '../helpers/test-app.js';
import { tempDir } from '../helpers/temp-db.js';
import { FormClient, pageFields, surveysWith } from './form-client.js';
import type { Survey } from '../../src/modules/definitions/compile-survey.js';
import type { DraftAnswers } from '../../src/modules/questionnaire/page-answers.js';

const shots = join(repoRoot, 'test-output', 'screenshots');
const PHONE = { width: 360, height: 640 };
let browser: Browser;
let app: TestApp;
let survey: Survey;
const dir = tempDir();

beforeAll(async () => {
  browser = await launchChromium();
  // The shipped definitions on an open link, with the formats a new version would declare for email and phone.
  const surveys = surveysWith(dir.dir, (_id, definition) => {
    definition.access = 'open';
    const sections = definition.sections as { questions: { code: string; format?: string }[] }[];
    for (const q of sections.flatMap((s) => s.questions)) {
      if (q.code === 'A0B') q.format = 'email';
      if (q.code === 'A0C') q.format = 'phone';
    }
  });
  app = await startTestApp({ surveys, questionnaireThread: true });
  survey = app.deps.surveys.byId.get('sipas-2023')!;
  mkdirSync(shots, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  dir.cleanup();
});

/** Answers every page of the newest sipas-2023 over HTTP (every question asked, every one answered); returns the draft cookie. */
async function answeredDraft(): Promise<{ cookie: string; answers: DraftAnswers }> {
  const client = new FormClient(app.url);
  await client.get(`/s/${survey.id}`);
  const start = await client.post(`/s/${survey.id}/start`, {});
  let path = start.location!;
  let answers: DraftAnswers = {};
  for (let guard = 0; guard < 30 && path.includes('/page/'); guard++) {
    const index = Number(/page\/(\d+)/.exec(path)![1]) - 1;
    await client.get(path);
    const filled = pageFields(survey, index, answers);
    answers = filled.answers;
    const res = await client.post(path, { ...filled.fields, A0B: 'nguyen.van.a@example.vn', A0C: '0912 345 678', nav: 'next' });
    expect(res.status, path).toBe(303);
    path = res.location!;
  }
  expect(path).toBe(`/s/${survey.id}/review`);
  return { cookie: client.cookies.get('sipas_draft')!, answers };
}

async function phoneWithDraft(javaScriptEnabled: boolean, viewport = PHONE): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const { cookie } = await answeredDraft();
  const context = await browser.newContext({ viewport, javaScriptEnabled, locale: 'vi-VN' });
  await context.addCookies([{ name: 'sipas_draft', value: cookie, url: `${app.url}/s/${survey.id}` }]);
  const page = await context.newPage();
  const errors: string[] = [];
  watchConsole(page, errors);
  return { page, errors, close: () => context.close() };
}

const documentHeight = (page: Page): Promise<number> => page.evaluate(() => document.documentElement.scrollHeight);

describe('the review page of the whole sipas-2023 form', () => {
  it('fits on at most 5 phone screens (360×640), each matrix question said once and its items listed compactly; axe finds nothing', async () => {
    const { page, errors, close } = await phoneWithDraft(true);
    try {
      await page.goto(`${app.url}/s/${survey.id}/review`);
      await page.screenshot({ path: join(shots, 'review-360.png'), fullPage: true });
      const height = await documentHeight(page);
      expect(height).toBeLessThanOrEqual(5 * PHONE.height);
      console.log(`review page height at 360 px: ${height} px`);
      // The Câu 9 stem once per matrix (two matrices), never repeated beside an item.
      const stem = survey.definition.sections.flatMap((s) => s.questions).find((q) => q.code === 'C9A')!.label.vi;
      expect(await page.locator('.review-stem', { hasText: stem }).count()).toBe(2);
      expect(await page.locator('.review-row dt', { hasText: stem }).count()).toBe(0);
      // Every asked matrix item is one row with its number, its own text and its answer.
      const matrixItems = survey.variables.filter((v) => v.type === 'matrix-item').length;
      expect(await page.locator('.review-items .review-row').count()).toBe(matrixItems);
      expect((await page.locator('.review-items .review-row dt', { hasText: 'Trụ sở cơ quan tiếp nhận hồ sơ' }).first().textContent())!.trim()).toMatch(
        /^16\./,
      );
      // No row spills out sideways on a phone.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
      await expectAccessible(page);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('at 1280 px reads as the same compact list', async () => {
    const { page, errors, close } = await phoneWithDraft(true, { width: 1280, height: 800 });
    try {
      await page.goto(`${app.url}/s/${survey.id}/review`);
      await page.screenshot({ path: join(shots, 'review-1280.png'), fullPage: true });
      expect(await documentHeight(page)).toBeLessThanOrEqual(5 * PHONE.height);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  for (const javaScriptEnabled of [true, false]) {
    it(`after "Sửa", the page offers "Quay lại trang xem lại", which saves the change and returns to the review (script ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const { page, errors, close } = await phoneWithDraft(javaScriptEnabled);
      try {
        await page.goto(`${app.url}/s/${survey.id}/review`);
        const c9b = survey.definition.sections.findIndex((s) => s.id === 'B5') + 1;
        const title = survey.definition.sections[c9b - 1]!.title.vi;
        await Promise.all([page.waitForURL(new RegExp(`/page/${c9b}\\?review=1$`)), page.click(`a.review-edit[href$="/page/${c9b}?review=1"]`)]);
        // The hint's item numbers are shown beside the items.
        expect((await page.textContent('#name-C9_15'))!.trim()).toMatch(/^15\./);
        const back = page.locator('button[name="nav"][value="review"]');
        expect((await back.textContent())!.trim()).toBe('Quay lại trang xem lại');
        await page.check('#q-C9_15-1');
        await Promise.all([page.waitForURL(/\/review$/), back.click()]);
        const row = page.locator('.review-section', { hasText: title }).locator('.review-row', { hasText: 'Cơ quan cung cấp thông tin về việc giải quyết' });
        expect((await row.locator('dd').textContent())!.trim()).toBe(survey.definition.scales.satisfaction!.options[0]!.label.vi);
        // A page of the first part opened from the review, then "Tiếp theo": the next page still leads back.
        await Promise.all([page.waitForURL(/\/page\/1\?review=1$/), page.click('a.review-edit[href$="/page/1?review=1"]')]);
        await Promise.all([page.waitForURL(/\/page\/2\?review=1$/), page.click('button[name="nav"][value="next"]')]);
        await Promise.all([page.waitForURL(/\/review$/), page.click('button[name="nav"][value="review"]')]);
        if (javaScriptEnabled) await page.screenshot({ path: join(shots, 'review-after-edit-360.png') });
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    });
  }

  it('opens the phone keyboard each field asks for: email, phone pad, digits', async () => {
    const { page, close } = await phoneWithDraft(true);
    try {
      await page.goto(`${app.url}/s/${survey.id}/page/1?review=1`);
      expect(await page.getAttribute('#q-A0B', 'type')).toBe('email');
      expect(await page.getAttribute('#q-A0C', 'type')).toBe('tel');
      expect(await page.getAttribute('#q-A0C', 'inputmode')).toBe('tel');
      expect(await page.inputValue('#q-A0B')).toBe('nguyen.van.a@example.vn');
    } finally {
      await close();
    }
  });
});
