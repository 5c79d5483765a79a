import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expectAccessible, launchChromium, watchConsole } from '../helpers/browser.js';
import { shipped, startTestApp, type TestApp } from '../helpers/test-app.js';
import { openLinkSurveys, pageFields } from './form-client.js';
import { tempDir } from '../helpers/temp-db.js';
import type { Survey } from '../../src/modules/definitions/compile-survey.js';
import type { DraftAnswers } from '../../src/modules/questionnaire/page-answers.js';
import { findResponseByReceipt } from '../../src/modules/responses/response-repository.js';
import { unpackAnswers } from '../../src/modules/responses/pack-answers.js';

let browser: Browser;
let app: TestApp;
const dir = tempDir();

beforeAll(async () => {
  browser = await launchChromium();
  // As `sipas serve` runs: pages shown and submissions read in the questionnaire thread.
  // The shipped definitions ask for a printed code; this walks the form itself, on an open link.
  app = await startTestApp({ surveys: openLinkSurveys(dir.dir), questionnaireThread: true });
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  dir.cleanup();
});

async function phone(javaScriptEnabled: boolean): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, javaScriptEnabled, locale: 'vi-VN' });
  const page = await context.newPage();
  const errors: string[] = [];
  watchConsole(page, errors);
  return { context, page, errors };
}

/** Fills one page as a person would: selects, radios, checkboxes, text fields, in order. */
async function fillPage(page: Page, survey: Survey, index: number, answers: DraftAnswers, pick?: Parameters<typeof pageFields>[3]): Promise<DraftAnswers> {
  const { fields, answers: filled } = pageFields(survey, index, answers, pick);
  // Without script a coded level lists the places under the level above once the page has that answer.
  const waiting: [string, string][] = [];
  for (const [code, value] of Object.entries(fields)) {
    const v = survey.byCode.get(code);
    if (Array.isArray(value)) {
      for (const option of value) await page.check(`#q-${code}_${option}`);
    } else if (v?.type === 'place-province') {
      await page.selectOption(`#q-${code}`, value);
    } else if (v?.place?.parent && (await page.$(`select#q-${code}`))) {
      waiting.push([code, value]);
    } else if (v && ['single', 'rating', 'matrix-item'].includes(v.type)) {
      await page.check(`#q-${code}-${value}`);
    } else {
      await page.fill(`#q-${code}`, value);
    }
  }
  for (const [code, value] of waiting) {
    // Everything else is filled: Next saves the page and shows it again with the level's list.
    if (!(await page.$(`select#q-${code} option[value="${value}"]`))) await next(page);
    await page.selectOption(`#q-${code}`, value);
  }
  return filled;
}

async function next(page: Page): Promise<void> {
  // waitForLoadState would resolve at once on the page already loaded; wait for the next document's load event.
  await Promise.all([page.waitForEvent('load'), page.click('button[name="nav"][value="next"]')]);
}

/** The whole sipas-2023 form on a phone: errors first, a language switch on page 3, then submit. */
async function walk2023(javaScriptEnabled: boolean, accessible: boolean): Promise<void> {
  const survey = shipped().byId.get('sipas-2023')!;
  const { context, page, errors } = await phone(javaScriptEnabled);
  try {
    await page.goto(`${app.url}/`);
    // Wait for the start page itself: axe or the next click must not run on the page being left.
    await Promise.all([page.waitForURL(new RegExp(`/s/${survey.id}(\\?|$)`)), page.click(`a[href^="/s/${survey.id}"]`)]);
    if (accessible) await expectAccessible(page);
    await Promise.all([page.waitForURL(/\/page\/1$/), page.click('button.primary')]);

    // Nothing filled: the server refuses and links each error to its field.
    await next(page);
    expect(await page.locator('.error-summary').count()).toBe(1);
    expect(await page.locator('.error-summary a[href="#q-A1"]').count()).toBe(1);
    expect(await page.getAttribute('#q-A5-1', 'aria-describedby')).toBe('err-A5');
    if (javaScriptEnabled) expect(await page.evaluate(() => document.activeElement?.id)).toBe('error-summary');
    if (accessible) await expectAccessible(page);
    // The browser logs the deliberate 422 as a failed resource; that one and nothing else.
    expect(errors).toEqual([expect.stringContaining('status of 422')]);
    errors.length = 0;

    let answers: DraftAnswers = {};
    const count = survey.definition.sections.length;
    for (let i = 0; i < count; i++) {
      expect(page.url()).toMatch(new RegExp(`/page/${i + 1}(\\?lang=\\w+)?$`));
      if (i === 0 && javaScriptEnabled) {
        // Live skip logic: the "specify" field appears only once "Khác" is chosen.
        expect(await page.isVisible('#q-A7_OTHER')).toBe(false);
      }
      answers = await fillPage(page, survey, i, answers);
      if (i === 2) {
        // Switch to English midway; what was just chosen on this page is kept.
        await Promise.all([page.waitForURL(/lang=en/), page.click('button[name="nav"][value="lang"]')]);
        expect(await page.getAttribute('html', 'lang')).toBe('en');
        expect(await page.textContent('.progress-text')).toBe(`Part 3 of ${count}`);
        for (const [code, value] of Object.entries(pageFields(survey, i, answers).fields)) {
          if (typeof value === 'string' && survey.byCode.get(code)?.type === 'single') expect(await page.isChecked(`#q-${code}-${value}`)).toBe(true);
        }
      }
      if (accessible && (i === 1 || i === 3)) await expectAccessible(page);
      await next(page);
    }
    expect(page.url()).toMatch(/\/review$/);
    expect(await page.textContent('h1')).toBe('Review your answers');
    if (accessible) await expectAccessible(page);
    await Promise.all([page.waitForURL(/\/thanks\//), page.click('button.primary')]);
    const receipt = (await page.textContent('#receipt'))!.trim();
    if (accessible) await expectAccessible(page);
    const stored = findResponseByReceipt(app.deps.db, receipt);
    expect(stored).toMatchObject({ channel: 'online-open', status: 'verified', surveyId: survey.id });
    expect(unpackAnswers(survey, stored!.codes, stored!.values)).toEqual(answers);
    expect(answers.A7_OTHER).toBeDefined();
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
}

describe('respondent in a browser on a 360 px phone', () => {
  it('fills the whole sipas-2023 form with script on: errors, live skip logic, language switch, submit, stored as answered; axe finds nothing', async () => {
    await walk2023(true, true);
  });

  // axe needs script in the page, so it runs in the test above on the same markup.
  it('does the same with JavaScript switched off', async () => {
    await walk2023(false, false);
  });

  it('takes the sipas-2017 skip path: an organisation is not asked the personal questions', async () => {
    const survey = shipped().byId.get('sipas-2017')!;
    const { context, page, errors } = await phone(true);
    try {
      await page.goto(`${app.url}/s/${survey.id}`);
      await Promise.all([page.waitForURL(/\/page\/1$/), page.click('button.primary')]);
      let answers: DraftAnswers = {};
      const pick = (code: string, options: number[]): number => (code === 'RESPONDENT_TYPE' ? 2 : options[0]!);
      for (let guard = 0; guard < 20 && /\/page\/\d+/.test(page.url()); guard++) {
        const index = Number(/\/page\/(\d+)/.exec(page.url())![1]) - 1;
        if (survey.definition.sections[index]!.id === 'DEMO') {
          expect(await page.locator('[name="GENDER"]').count()).toBe(0);
          expect(await page.locator('[name="ORG_TYPE"]').count()).toBe(5);
          await expectAccessible(page);
        }
        answers = await fillPage(page, survey, index, answers, pick);
        await next(page);
      }
      await Promise.all([page.waitForURL(/\/thanks\//), page.click('button.primary')]);
      const stored = findResponseByReceipt(app.deps.db, (await page.textContent('#receipt'))!.trim())!;
      const back = unpackAnswers(survey, stored.codes, stored.values);
      expect(back).toEqual(answers);
      expect(back.GENDER).toBeUndefined();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
