import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser } from 'playwright-core';
import { expectAccessible, launchChromium, watchConsole } from '../helpers/browser.js';
import { createUser } from '../helpers/login.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { storeResponse, tinyCatalog, validAnswers } from './response-fixtures.js';

const { catalog, survey } = tinyCatalog();
let browser: Browser;
let app: TestApp;

beforeAll(async () => {
  browser = await launchChromium();
  app = await startTestApp({ surveys: catalog });
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('a supervisor in a browser', () => {
  it('is sent to sign in, comes back to the response, corrects an answer, reads the history and signs out — no console error, no axe violation', async () => {
    const { password } = await createUser(app.deps.db, { username: 'giamsat', role: 'supervisor', provinces: ['01'], displayName: 'Lê Văn Giám' });
    const id = storeResponse(app.deps.db, survey, validAnswers('01'));
    const context = await browser.newContext({ locale: 'vi-VN' });
    const page = await context.newPage();
    const errors: string[] = [];
    watchConsole(page, errors);
    try {
      await page.goto(`${app.url}/responses/${id}`);
      expect(new URL(page.url()).pathname).toBe('/login');
      await expectAccessible(page);

      await page.fill('#username', 'giamsat');
      await page.fill('#password', 'wrong password!');
      await Promise.all([page.waitForEvent('load'), page.click('button[type="submit"]')]);
      expect(await page.textContent('#login-error')).toContain('không đúng');
      expect(await page.inputValue('#username')).toBe('giamsat');
      // The refused sign-in is a 401 page; the browser reports that status and nothing else.
      expect(errors).toEqual([expect.stringContaining('status of 401')]);
      errors.length = 0;
      await expectAccessible(page);

      await page.fill('#password', password);
      await Promise.all([page.waitForURL(`**/responses/${id}`), page.click('.login-form button[type="submit"]')]);
      expect(await page.textContent('.user-menu')).toContain('Lê Văn Giám');
      await expectAccessible(page);

      await Promise.all([page.waitForURL(/\/edit/), page.click(`a[href^="/responses/${id}/edit"]`)]);
      await expectAccessible(page);
      await page.selectOption('#f-Q1', '5');
      await page.fill('#reason', 'theo phiếu giấy');
      await Promise.all([page.waitForURL(/done=saved/), page.click('.edit-response button[type="submit"]')]);
      expect(await page.textContent('[role="status"]')).toContain('Đã lưu');

      await Promise.all([page.waitForURL(/\/history/), page.click(`a[href^="/responses/${id}/history"]`)]);
      expect(await page.textContent('tr[data-action="response_edited"]')).toContain('theo phiếu giấy');
      await expectAccessible(page);

      await Promise.all([page.waitForURL(/\/login/), page.click('.user-menu button')]);
      await page.goto(`${app.url}/responses/${id}`);
      expect(new URL(page.url()).pathname).toBe('/login');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
