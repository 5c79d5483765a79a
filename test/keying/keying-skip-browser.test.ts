import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { insertKeyingBatch } from '../../src/modules/keying/keying-repository.js';
import type { SurveyCatalog } from '../../src/modules/definitions/load-surveys.js';
import { shipped, startTestApp, type TestApp } from '../helpers/test-app.js';
import { tinySurvey } from '../helpers/tiny-survey.js';
import { createUser } from '../helpers/login.js';
import { browserLogin, launchChromium, watchConsole } from './browser-keying.js';

// Skip logic written as rules (Q only if USED == 1) and "specify" fields (CH_OTHER when CH has 3),
// evaluated in the page as the keyer types.
const tiny = tinySurvey();
const catalog: SurveyCatalog = { byId: new Map([['tiny', tiny]]), byVersion: new Map([['tiny@1', tiny]]), placeLists: shipped().placeLists };

let app: TestApp;
let browser: Browser;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  app = await startTestApp({ surveys: catalog });
  const { user, password } = await createUser(app.deps.db, { username: 'nhap', role: 'enumerator' });
  const batch = insertKeyingBatch(app.deps.db, {
    surveyId: 'tiny',
    name: 'b1',
    province: '01',
    expected: 1,
    received: 1,
    requiresVerification: false,
    createdBy: user.id,
    at: Date.now(),
  });
  browser = await launchChromium();
  page = await browser.newPage();
  watchConsole(page, errors);
  await browserLogin(page, app.url, 'nhap', password);
  await page.goto(`${app.url}/keying/batches/${batch}/entry?lang=en`);
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const focused = () => page.evaluate(() => (document.activeElement as HTMLInputElement).name);

describe('skip logic on the keying screen', () => {
  it('jumps over questions a rule leaves out, and opens them again when the answer changes', async () => {
    await page.focus('#f-USED');
    await page.keyboard.type('2');
    expect(await page.isDisabled('#f-Q1')).toBe(true);
    expect(await page.textContent('#f-Q2-chosen')).toBe('skipped');
    expect(await focused()).toBe('YEARS');
    await page.keyboard.down('Shift');
    await page.keyboard.press('Tab');
    await page.keyboard.up('Shift');
    expect(await focused()).toBe('USED');
    await page.keyboard.type('1');
    expect(await page.isDisabled('#f-Q1')).toBe(false);
    expect(await focused()).toBe('Q1');
    await page.keyboard.type('5');
    expect(await page.textContent('#f-Q1-chosen')).toBe('Level 5');
    expect(errors).toEqual([]);
  });

  it('asks a "specify" field only when its option is chosen', async () => {
    expect(await page.isDisabled('#f-CH_OTHER')).toBe(true);
    await page.focus('#f-CH_3');
    await page.keyboard.type('1');
    expect(await page.isDisabled('#f-CH_OTHER')).toBe(false);
    expect(await focused()).toBe('CH_OTHER');
    expect(errors).toEqual([]);
  });
});
