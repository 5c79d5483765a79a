import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { findResponseBySerial } from '../../src/modules/responses/response-repository.js';
import { insertKeyingBatch } from '../../src/modules/keying/keying-repository.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { tempDir } from '../helpers/temp-db.js';
import { createUser } from '../helpers/login.js';
import { browserLogin, launchChromium, watchConsole } from '../keying/browser-keying.js';
import { placeSurveys } from './place-surveys.js';

const dir = tempDir();
const surveys = placeSurveys(dir.dir);
let app: TestApp;
let browser: Browser;
let password = '';
const batches: Record<string, number> = {};

beforeAll(async () => {
  app = await startTestApp({ surveys });
  password = (await createUser(app.deps.db, { username: 'nhap1', role: 'enumerator', displayName: 'Người nhập 1' })).password;
  const s = await createUser(app.deps.db, { username: 'giamsat', role: 'supervisor' });
  for (const id of ['places-34', 'places-63']) {
    batches[id] = insertKeyingBatch(app.deps.db, {
      surveyId: id,
      name: `Bưu cục ${id}`,
      province: '01',
      expected: 50,
      received: 50,
      requiresVerification: false,
      createdBy: s.user.id,
      at: Date.now(),
    });
  }
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  dir.cleanup();
});

const focused = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');
const chosen = (page: Page, code: string) => page.textContent(`#f-${code}-chosen`);
/** What is beside the field once the page has caught up (a list may still be on its way). */
async function beside(page: Page, code: string, text: string): Promise<void> {
  await page.waitForFunction(([id, t]) => document.getElementById(id)?.textContent === t, [`f-${code}-chosen`, text] as const);
}
async function retype(page: Page, code: string, text: string): Promise<void> {
  await page.click(`#f-${code}`);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

async function openScreen(id: string, serial: string): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  watchConsole(page, errors);
  await browserLogin(page, app.url, 'nhap1', password);
  await page.goto(`${app.url}/keying/batches/${batches[id]}/entry`);
  await page.keyboard.type(serial);
  await page.keyboard.press('Enter');
  return { page, errors, close: () => context.close() };
}

describe('coded place fields on the keying screen', () => {
  it('34-era: a code moves on by itself, first letters show the match and Tab takes it, ambiguous and unknown names say so; stored as codes', async () => {
    const { page, errors, close } = await openScreen('places-34', 'PK-001');
    try {
      await page.click('#f-A1');
      await page.keyboard.type('01');
      expect(await focused(page)).toBe('f-A3');
      expect(await chosen(page, 'A1')).toBe('Hà Nội');
      await page.keyboard.type('ba d');
      await beside(page, 'A3', 'Phường Ba Đình (00004)');
      await page.keyboard.press('Tab');
      expect(await page.inputValue('#f-A3')).toBe('00004');
      expect(await chosen(page, 'A3')).toBe('Phường Ba Đình');
      expect(await focused(page)).toBe('f-A4');

      await retype(page, 'A3', 'phuong ba');
      await beside(page, 'A3', 'nhiều kết quả: Phường Ba Đình (00004), Phường Bạch Mai (00292)');
      await page.keyboard.press('Enter');
      expect(await focused(page)).toBe('f-A3');
      expect(page.url()).not.toContain('outcome=');
      await retype(page, 'A3', 'xyz');
      await beside(page, 'A3', 'không tìm thấy');
      await retype(page, 'A3', '00004');
      expect(await focused(page)).toBe('f-A4');
      await page.keyboard.type('Tổ 3');
      await Promise.all([page.waitForURL((u) => u.searchParams.get('last') === 'PK-001'), page.keyboard.press('Enter')]);
      expect(findResponseBySerial(app.deps.db, 'places-34', 'PK-001')!.values).toMatchObject({ A1: '01', A3: '00004', A4: 'Tổ 3' });
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('63-era: the district by name (Enter), then a commune of that district by name (Tab); stored as codes', async () => {
    const { page, errors, close } = await openScreen('places-63', 'PK-002');
    try {
      await page.click('#f-A1');
      await page.keyboard.type('01');
      expect(await focused(page)).toBe('f-A2');
      await page.keyboard.type('hoan');
      await beside(page, 'A2', 'nhiều kết quả: Quận Hoàn Kiếm (002), Quận Hoàng Mai (008)');
      await page.keyboard.type(' k');
      await beside(page, 'A2', 'Quận Hoàn Kiếm (002)');
      await page.keyboard.press('Enter');
      expect(await focused(page)).toBe('f-A3');
      expect(await page.inputValue('#f-A2')).toBe('002');
      await page.keyboard.type('trang t');
      await beside(page, 'A3', 'Phường Tràng Tiền (00079)');
      await page.keyboard.press('Tab');
      expect(await page.inputValue('#f-A3')).toBe('00079');
      expect(await focused(page)).toBe('f-A4');
      await Promise.all([page.waitForURL((u) => u.searchParams.get('last') === 'PK-002'), page.click('#save')]);
      expect(findResponseBySerial(app.deps.db, 'places-63', 'PK-002')!.values).toMatchObject({ A1: '01', A2: '002', A3: '00079' });
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
