import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expectAccessible, launchChromium, watchConsole } from '../helpers/browser.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { tempDir } from '../helpers/temp-db.js';
import { pageFields } from '../questionnaire/form-client.js';
import type { Survey } from '../../src/modules/definitions/compile-survey.js';
import type { DraftAnswers } from '../../src/modules/questionnaire/page-answers.js';
import { findResponseByReceipt } from '../../src/modules/responses/response-repository.js';
import { unpackAnswers } from '../../src/modules/responses/pack-answers.js';
import { placeSurveys } from './place-surveys.js';

let browser: Browser;
let app: TestApp;
const dir = tempDir();
const surveys = placeSurveys(dir.dir);

beforeAll(async () => {
  browser = await launchChromium();
  // As `sipas serve` runs: the pages come from the questionnaire thread, which reads the trees itself.
  app = await startTestApp({ surveys, questionnaireThread: true });
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  dir.cleanup();
});

async function phone(javaScriptEnabled: boolean): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, javaScriptEnabled, locale: 'vi-VN', hasTouch: true });
  const page = await context.newPage();
  const errors: string[] = [];
  watchConsole(page, errors);
  return { context, page, errors };
}

const placeCodes = new Set(['A1', 'A2', 'A3', 'A4']);

/** Fills a page's questions other than the place question from the definition (see pageFields). */
async function fillOthers(page: Page, survey: Survey, index: number, answers: DraftAnswers): Promise<DraftAnswers> {
  const { fields, answers: next } = pageFields(survey, index, answers);
  for (const [code, value] of Object.entries(fields)) {
    if (placeCodes.has(code)) {
      delete next[code];
      continue;
    }
    const v = survey.byCode.get(code);
    if (Array.isArray(value)) for (const option of value) await page.check(`#q-${code}_${option}`);
    else if (v && ['single', 'rating', 'matrix-item'].includes(v.type)) await page.check(`#q-${code}-${value}`);
    else await page.fill(`#q-${code}`, value);
  }
  return next;
}

async function next(page: Page): Promise<void> {
  await Promise.all([page.waitForEvent('load'), page.click('button[name="nav"][value="next"]')]);
}

/** From the start page to page 1. */
async function open(page: Page, survey: Survey): Promise<void> {
  await page.goto(`${app.url}/s/${survey.id}`);
  await Promise.all([page.waitForURL(/\/page\/1$/), page.click('button.primary')]);
}

/** The pages after the first, the review (checked for the place names), then Send: the stored answers and those given. */
async function finish(page: Page, survey: Survey, answers: DraftAnswers, names: string[]): Promise<{ stored: Record<string, unknown>; answers: DraftAnswers }> {
  for (let guard = 0; guard < 20 && /\/page\/\d+/.test(page.url()); guard++) {
    const index = Number(/\/page\/(\d+)/.exec(page.url())![1]) - 1;
    answers = await fillOthers(page, survey, index, answers);
    await next(page);
  }
  expect(page.url()).toMatch(/\/review$/);
  const review = (await page.textContent('main, body'))!;
  for (const name of names) expect(review).toContain(name);
  await Promise.all([page.waitForURL(/\/thanks\//), page.click('button.primary')]);
  const stored = findResponseByReceipt(app.deps.db, (await page.textContent('#receipt'))!.trim())!;
  return { stored: unpackAnswers(survey, stored.codes, stored.values), answers };
}

/** Types into a place level's box as a person would, letter by letter. */
async function typeInto(page: Page, code: string, text: string): Promise<void> {
  await page.click(`#q-${code}`);
  await page.keyboard.type(text, { delay: 20 });
}

const waitForList = (page: Page, code: string): Promise<unknown> => page.waitForSelector(`#q-${code}:not([readonly])`);

describe('place lists on a 360 px phone', () => {
  it('34-era with script: the province, then "ba dinh" filters the communes to Phường Ba Đình, tapped; stored as codes; axe finds nothing', async () => {
    const survey = surveys.byId.get('places-34')!;
    const { context, page, errors } = await phone(true);
    try {
      await open(page, survey);
      expect(await page.getAttribute('#q-A3', 'readonly')).toBe('');
      expect(await page.isVisible('#wait-A3')).toBe(true);
      let answers = await fillOthers(page, survey, 0, {});
      await page.selectOption('#q-A1', '01');
      await waitForList(page, 'A3');
      expect(await page.isVisible('#wait-A3')).toBe(false);
      await typeInto(page, 'A3', 'ba dinh');
      const first = page.locator('#q-A3 ~ ul[role="listbox"] li').first();
      expect(await first.textContent()).toBe('Phường Ba Đình');
      expect(await page.textContent('.place-status')).toMatch(/^[1-9]\d* kết quả$/);
      expect(await page.getAttribute('#q-A3', 'aria-expanded')).toBe('true');
      await expectAccessible(page);
      await first.tap();
      expect(await page.inputValue('#q-A3')).toBe('Phường Ba Đình');
      expect(await page.inputValue('#q-A3-list')).toBe('00004');
      await page.fill('#q-A4', 'Tổ 7');
      answers = { ...answers, A1: '01', A3: '00004', A4: 'Tổ 7' };
      await next(page);
      expect(page.url()).toMatch(/\/page\/2$/);
      const done = await finish(page, survey, answers, ['Hà Nội', 'Phường Ba Đình']);
      expect(done.stored).toEqual(done.answers);
      expect(done.stored).toMatchObject({ A1: '01', A3: '00004' });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('34-era without script: choosing the province and Next shows the communes, one is chosen; stored as codes', async () => {
    const survey = surveys.byId.get('places-34')!;
    const { context, page, errors } = await phone(false);
    try {
      await open(page, survey);
      expect(await page.textContent('#wait-A3')).toContain('rồi bấm “Tiếp theo”');
      let answers = await fillOthers(page, survey, 0, {});
      await page.selectOption('#q-A1', '01');
      await next(page);
      expect(page.url()).toMatch(/\/page\/1#q-A3$/);
      expect(await page.locator('.error-summary').count()).toBe(0);
      expect(await page.isVisible('#wait-A3')).toBe(false);
      expect(await page.inputValue('#q-A0A')).toBe(answers.A0A);
      expect(await page.locator('#q-A3 option').count()).toBe(127);
      await page.selectOption('#q-A3', { label: 'Phường Ba Đình' });
      answers = { ...answers, A1: '01', A3: '00004' };
      await next(page);
      expect(page.url()).toMatch(/\/page\/2$/);
      const done = await finish(page, survey, answers, ['Phường Ba Đình']);
      expect(done.stored).toEqual(done.answers);
      expect(done.stored).toMatchObject({ A1: '01', A3: '00004' });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('63-era with script: province, district by keyboard, commune by typing; changing the district brings that district’s communes', async () => {
    const survey = surveys.byId.get('places-63')!;
    const { context, page, errors } = await phone(true);
    try {
      await open(page, survey);
      let answers = await fillOthers(page, survey, 0, {});
      await page.selectOption('#q-A1', '01');
      await waitForList(page, 'A2');
      await typeInto(page, 'A2', 'hoan');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      expect(await page.inputValue('#q-A2')).toBe('Quận Hoàn Kiếm');
      await waitForList(page, 'A3');
      // Changed for another district: the commune list follows.
      await page.fill('#q-A2', '');
      await typeInto(page, 'A2', 'quan ba d');
      await page.keyboard.press('Tab');
      expect(await page.inputValue('#q-A2-list')).toBe('001');
      await page.waitForFunction(() => (document.querySelector('input[name="_offered_A3"]') as HTMLInputElement).value === '001');
      await typeInto(page, 'A3', 'phuc x');
      expect(await page.textContent('#q-A3 ~ ul[role="listbox"]')).toBe('Phường Phúc Xá');
      await page.keyboard.press('Enter');
      expect(await page.inputValue('#q-A3-list')).toBe('00001');
      answers = { ...answers, A1: '01', A2: '001', A3: '00001' };
      await next(page);
      expect(page.url()).toMatch(/\/page\/2$/);
      const done = await finish(page, survey, answers, ['Quận Ba Đình', 'Phường Phúc Xá']);
      expect(done.stored).toEqual(done.answers);
      expect(done.stored).toMatchObject({ A1: '01', A2: '001', A3: '00001' });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('63-era without script: each Next offers the next level; stored as codes', async () => {
    const survey = surveys.byId.get('places-63')!;
    const { context, page, errors } = await phone(false);
    try {
      await open(page, survey);
      let answers = await fillOthers(page, survey, 0, {});
      await page.selectOption('#q-A1', '01');
      await next(page);
      await page.selectOption('#q-A2', '001');
      expect(await page.locator('#q-A3 option').count()).toBe(1);
      await next(page);
      expect(page.url()).toMatch(/\/page\/1#q-A3$/);
      await page.selectOption('#q-A3', { label: 'Phường Phúc Xá' });
      answers = { ...answers, A1: '01', A2: '001', A3: '00001' };
      await next(page);
      expect(page.url()).toMatch(/\/page\/2$/);
      const done = await finish(page, survey, answers, ['Quận Ba Đình', 'Phường Phúc Xá']);
      expect(done.stored).toEqual(done.answers);
      expect(done.stored).toMatchObject({ A1: '01', A2: '001', A3: '00001' });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
