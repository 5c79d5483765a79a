import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchChromium, watchConsole } from '../helpers/browser.js';
import { createUser } from '../helpers/login.js';
import { repoRoot, startTestApp, type TestApp } from '../helpers/test-app.js';
import { seedResponses } from './analysis-fixtures.js';

const shots = join(repoRoot, 'test-output', 'screenshots');
const PHONE = { width: 360, height: 640 };
const WIDE = { width: 1280, height: 800 };
let browser: Browser;
let app: TestApp;
const password = 'phan-tich-mat-khau';
const SEEDED = ['01', '79', '48', '31', '04', '92'];

beforeAll(async () => {
  browser = await launchChromium();
  app = await startTestApp();
  const survey = app.deps.surveys.byId.get('sipas-2023')!;
  seedResponses(app.deps.db, survey, { n: 300, provinces: SEEDED, distinct: 120, seed: 7 });
  await createUser(app.deps.db, { username: 'phantich', role: 'analyst', password, displayName: 'Nguyễn Thị Phân' });
  mkdirSync(shots, { recursive: true });
}, 90_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function analyst(viewport: { width: number; height: number }): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ locale: 'vi-VN', viewport });
  const page = await context.newPage();
  const errors: string[] = [];
  watchConsole(page, errors);
  await page.goto(`${app.url}/login`);
  await page.fill('#username', 'phantich');
  await page.fill('#password', password);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.click('.login-form button[type="submit"]')]);
  return { page, errors, close: () => context.close() };
}

/**
 * The smallest text of the visible charts as drawn on screen: each text's computed font size times
 * the scale of its SVG (its width on screen over its viewBox width). Also how many texts were measured.
 */
function smallestChartText(page: Page): Promise<{ min: number; count: number }> {
  return page.evaluate(() => {
    let min = Infinity;
    let count = 0;
    for (const svg of document.querySelectorAll<SVGSVGElement>('figure.chart svg')) {
      const box = svg.getBoundingClientRect();
      if (box.width === 0) continue;
      const scale = box.width / svg.viewBox.baseVal.width;
      for (const text of svg.querySelectorAll('text')) {
        min = Math.min(min, parseFloat(getComputedStyle(text).fontSize) * scale);
        count++;
      }
    }
    return { min, count };
  });
}

describe('the analysts’ pages on a phone and a wide screen', () => {
  it('at 360 px the ranking chart’s labels are 12 px or more, and the table scrolls in its own box with the province names fixed', async () => {
    const { page, errors, close } = await analyst(PHONE);
    try {
      await page.goto(`${app.url}/analysis/sipas-2023/ranking?wave=live`);
      await page.screenshot({ path: join(shots, 'ranking-phone-360.png'), fullPage: true });
      const text = await smallestChartText(page);
      expect(text.count).toBeGreaterThan(6);
      expect(text.min).toBeGreaterThanOrEqual(12);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
      // The table is wider than the phone, and scrolls inside its box.
      const wrap = page.locator('#ranking-wrap');
      const sizes = await wrap.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
      expect(sizes.scroll).toBeGreaterThan(sizes.client);
      await wrap.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
      const seen = await page.evaluate(() => {
        const wrapBox = document.querySelector('#ranking-wrap')!.getBoundingClientRect();
        const row = document.querySelector('#ranking tbody tr')!;
        const inBox = (el: Element) => {
          const b = el.getBoundingClientRect();
          return b.left >= wrapBox.left - 0.5 && b.right <= wrapBox.right + 0.5;
        };
        const name = row.querySelector('th')!.getBoundingClientRect();
        return { index: inBox(row.querySelector('.index')!), ci: inBox(row.querySelector('.ci')!), nameAtLeft: Math.abs(name.left - wrapBox.left) < 1 };
      });
      expect(seen).toEqual({ index: true, ci: true, nameAtLeft: true });
      await page.screenshot({ path: join(shots, 'ranking-phone-360-scrolled.png') });
      await expectAccessible(page);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  for (const viewport of [PHONE, WIDE]) {
    it(`at ${viewport.width} px the province profile and the fieldwork page each show a server-made chart with readable labels`, async () => {
      const { page, errors, close } = await analyst(viewport);
      try {
        await page.goto(`${app.url}/analysis/sipas-2023/province/01?wave=live`);
        const narrow = viewport === PHONE ? '-narrow' : '';
        // One dot per element (and the headline, components), each with the national value's diamond.
        const profile = page.locator(`svg[aria-labelledby="profile-chart${narrow}-title"]`);
        expect(await profile.isVisible()).toBe(true);
        const survey = app.deps.surveys.byId.get('sipas-2023')!;
        const scoring = survey.definition.scoring;
        const drawn = 1 + (scoring.components?.length ?? 0) + scoring.elements.length;
        expect(await profile.locator('circle').count()).toBe(drawn);
        expect(await profile.locator('path.row-reference').count()).toBe(drawn);
        expect((await smallestChartText(page)).min).toBeGreaterThanOrEqual(12);
        await page.screenshot({ path: join(shots, `province-chart-${viewport.width}.png`), fullPage: true });
        if (viewport === WIDE) await expectAccessible(page);

        await page.goto(`${app.url}/analysis/sipas-2023/fieldwork`);
        const progress = page.locator(`svg[aria-labelledby="progress-chart${narrow}-title"]`);
        expect(await progress.isVisible()).toBe(true);
        expect(await progress.locator('rect.bar').count()).toBe(survey.places.places.length);
        // Hà Nội's bar is drawn in proportion to its forms, and a province with none has an empty bar.
        expect(Number(await progress.locator('g[data-province="01"] rect').getAttribute('width'))).toBeGreaterThan(0);
        const none = survey.places.places.find((p) => !SEEDED.includes(p.code))!.code;
        expect(Number(await progress.locator(`g[data-province="${none}"] rect`).getAttribute('width'))).toBe(0);
        expect((await smallestChartText(page)).min).toBeGreaterThanOrEqual(12);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
        await page.screenshot({ path: join(shots, `fieldwork-chart-${viewport.width}.png`), fullPage: true });
        if (viewport === WIDE) await expectAccessible(page);
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    });
  }
});
