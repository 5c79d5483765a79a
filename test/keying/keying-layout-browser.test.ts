import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { insertKeyingBatch } from '../../src/modules/keying/keying-repository.js';
import { listConflicts } from '../../src/modules/conflicts/conflict-repository.js';
import { repoRoot, startTestApp, type TestApp } from '../helpers/test-app.js';
import { createUser, login } from '../helpers/login.js';
import { expectAccessible } from '../helpers/browser.js';
import { otherCode, paperForm, undrawnSerials } from './keying-fixtures.js';
import { browserLogin, launchChromium, watchConsole } from './browser-keying.js';

const shots = join(repoRoot, 'test-output', 'screenshots');
const WIDE = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 640 };
let app: TestApp;
let browser: Browser;
const passwords: Record<string, string> = {};
let batchId: number;
const SERIAL = 'HN25-000001';
let twiceSerial = '';

beforeAll(async () => {
  app = await startTestApp();
  for (const [username, role] of [
    ['nhap1', 'enumerator'],
    ['nhap2', 'enumerator'],
    ['giamsat', 'supervisor'],
  ] as const) {
    passwords[username] = (await createUser(app.deps.db, { username, role })).password;
  }
  const sup = (app.deps.db.$client.prepare('SELECT id FROM users WHERE username = ?').get('giamsat') as { id: number }).id;
  batchId = insertKeyingBatch(app.deps.db, {
    surveyId: 'sipas-2023',
    name: 'Bưu cục Đống Đa',
    province: '01',
    expected: 50,
    received: 50,
    requiresVerification: true,
    createdBy: sup,
    at: Date.now(),
  });
  // A form keyed twice with three differences (a disagreement), and a serial keyed again as a
  // first entry of another batch (a conflict), over HTTP.
  const survey = app.deps.surveys.byId.get('sipas-2023')!;
  const form = paperForm(survey, SERIAL, 5);
  const keyer1 = await login(app.url, 'nhap1', passwords.nhap1!);
  const keyer2 = await login(app.url, 'nhap2', passwords.nhap2!);
  expect((await keyer1.post(`/keying/batches/${batchId}/entry`, form)).status).toBe(303);
  const changes = [3, 20, 40].map((i) => otherCode(survey, form, i));
  const second = await keyer2.post(`/keying/batches/${batchId}/entry`, { ...form, ...Object.fromEntries(changes.map((c) => [c.code, c.value])) });
  expect(second.status).toBe(303);
  const single = insertKeyingBatch(app.deps.db, {
    surveyId: 'sipas-2023',
    name: 'Bưu cục Ba Đình',
    province: '01',
    expected: 50,
    received: 50,
    requiresVerification: false,
    createdBy: sup,
    at: Date.now(),
  });
  // A serial sample verification does not draw, so the second keying is a first entry again.
  twiceSerial = undrawnSerials('sipas-2023', single, 'HN25-1', 1)[0]!;
  const twice = paperForm(survey, twiceSerial, 6);
  expect((await keyer1.post(`/keying/batches/${single}/entry`, twice)).status).toBe(303);
  const again = await keyer2.post(`/keying/batches/${single}/entry`, {
    ...twice,
    ...Object.fromEntries([5, 30].map((i) => otherCode(survey, twice, i)).map((c) => [c.code, c.value])),
  });
  expect(again.headers.get('location')).toContain('outcome=conflict-keyed_twice');
  browser = await launchChromium();
  mkdirSync(shots, { recursive: true });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function signedIn(username: string, viewport: { width: number; height: number }, errors: string[]): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport, locale: 'vi-VN' });
  const page = await context.newPage();
  watchConsole(page, errors);
  await browserLogin(page, app.url, username, passwords[username]!);
  return { page, close: () => context.close() };
}

/** The box's width and whether the value shows whole (nothing scrolled out of the box). */
const box = (page: Page, id: string) =>
  page.$eval(`#${id}`, (el) => ({ client: (el as HTMLInputElement).clientWidth, scroll: (el as HTMLInputElement).scrollWidth }));

/** Whether an element's top is within the first screen. */
const onFirstScreen = (page: Page, selector: string, height: number) =>
  page.$eval(selector, (el, h) => el.getBoundingClientRect().bottom <= h && el.getBoundingClientRect().top >= 0, height);

describe('the keying screen', () => {
  for (const viewport of [WIDE, PHONE]) {
    it(`at ${viewport.width} px shows a serial and place names whole, code boxes narrow and text boxes wide`, async () => {
      const errors: string[] = [];
      const { page, close } = await signedIn('nhap1', viewport, errors);
      try {
        await page.goto(`${app.url}/keying/batches/${batchId}/entry`);
        const typical: Record<string, string> = {
          'f-SERIAL': 'HN25-000001',
          'f-A1': '01',
          'f-A3': 'Thị trấn Nông trường Mộc Châu',
          'f-A4': 'Tổ dân phố Nguyễn Thái Bình 12',
          'f-A5': '2',
        };
        for (const [id, value] of Object.entries(typical)) await page.fill(`#${id}`, value);
        await page.screenshot({ path: join(shots, `keying-entry-${viewport.width}.png`) });
        for (const id of Object.keys(typical)) {
          const b = await box(page, id);
          expect(b.scroll, `${id} cut: ${JSON.stringify(b)}`).toBeLessThanOrEqual(b.client);
        }
        // A one-digit code box is narrow (its label beside it stays near), a text box several times wider.
        const code = await box(page, 'f-A5');
        const text = await box(page, 'f-A4');
        expect(code.client).toBeLessThan(48);
        expect(text.client).toBeGreaterThan(4 * code.client);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    });
  }
});

describe('the conflict and disagreement pages', () => {
  for (const viewport of [WIDE, PHONE]) {
    it(`at ${viewport.width}×${viewport.height} the first difference and the decision are on the first screen; the other questions on request`, async () => {
      const errors: string[] = [];
      const { page, close } = await signedIn('giamsat', viewport, errors);
      try {
        await page.goto(`${app.url}/keying/disagreements/sipas-2023/${SERIAL}`);
        await page.screenshot({ path: join(shots, `disagreement-${viewport.width}.png`) });
        expect(await page.locator('#disagreement-table tbody tr').count()).toBe(3);
        expect(await onFirstScreen(page, '#disagreement-table tbody tr:first-child th', viewport.height)).toBe(true);
        expect(await onFirstScreen(page, '#resolve', viewport.height)).toBe(true);
        expect(await page.isVisible('#agreed-table')).toBe(false);
        await page.click('#all-questions summary');
        expect(await page.isVisible('#agreed-table')).toBe(true);
        expect(await page.locator('#agreed-table tbody tr').count()).toBe(app.deps.surveys.byId.get('sipas-2023')!.variables.length - 1 - 3);
        if (viewport === WIDE) await expectAccessible(page);

        const conflict = listConflicts(app.deps.db, null, { open: false, limit: 10 }).items.find((c) => c.serial === twiceSerial)!;
        await page.goto(`${app.url}/conflicts/${conflict.id}`);
        await page.screenshot({ path: join(shots, `conflict-${viewport.width}.png`) });
        expect(await page.locator('#conflict-table tbody tr').count()).toBe(2);
        expect(await onFirstScreen(page, '#conflict-table tbody tr:first-child', viewport.height)).toBe(true);
        expect(await onFirstScreen(page, '#resolve-keep', viewport.height)).toBe(true);
        expect(await onFirstScreen(page, '#resolve-replace', viewport.height)).toBe(true);
        expect(await page.isVisible('#same-table')).toBe(false);
        await page.click('#all-questions summary');
        expect(await page.isVisible('#same-table')).toBe(true);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
        if (viewport === WIDE) await expectAccessible(page);
        // The decision: one press (on the phone, which runs second: 1280 px sees the conflict open).
        if (viewport === PHONE) {
          await Promise.all([page.waitForURL(/done=keep/), page.click('#resolve-keep')]);
          expect(await page.isVisible('#conflict-resolved')).toBe(true);
        }
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    });
  }
});
