import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { type Browser } from 'playwright-core';
import { expectAccessible, launchChromium, watchConsole } from '../helpers/browser.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../helpers/login.js';
import { runCli } from '../helpers/run-cli.js';
import { repoRoot, startTestApp, type TestApp } from '../helpers/test-app.js';
import { seedResponses } from './analysis-fixtures.js';

const shots = join(repoRoot, 'test-output', 'screenshots');
let browser: Browser;
let app: TestApp;
let dbPath: string;

beforeAll(async () => {
  browser = await launchChromium();
  app = await startTestApp();
  dbPath = app.deps.db.$client.name;
  const survey = app.deps.surveys.byId.get('sipas-2023')!;
  // Two published waves through the real CLI, then more data for the live view.
  seedResponses(app.deps.db, survey, { n: 400, provinces: ['01', '79', '48', '31', '04'], distinct: 150, seed: 3, serialPrefix: 'A' });
  expect(runCli(['publish', 'sipas-2023', '--wave', '2023', '--db', dbPath]).status).toBe(0);
  seedResponses(app.deps.db, survey, { n: 400, provinces: ['01', '79', '48', '31', '04'], distinct: 150, seed: 4, serialPrefix: 'B' });
  expect(runCli(['publish', 'sipas-2023', '--wave', '2024', '--db', dbPath]).status).toBe(0);
  await createUser(app.deps.db, { username: 'phantich', role: 'analyst', password: 'phan-tich-mat-khau', displayName: 'Nguyễn Thị Phân' });
  mkdirSync(shots, { recursive: true });
}, 90_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const cellNumber = (v: ExcelJS.CellValue): number | null => (typeof v === 'number' ? v : v === null || v === undefined || v === '' ? null : Number(v));

describe('an analyst in a browser', () => {
  it('opens the ranking, sorts, filters by wave, opens a province and downloads an XLSX equal to `sipas index`', async () => {
    const context = await browser.newContext({ locale: 'vi-VN', acceptDownloads: true, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    watchConsole(page, errors);
    try {
      await page.goto(`${app.url}/analysis`);
      await page.fill('#username', 'phantich');
      await page.fill('#password', 'phan-tich-mat-khau');
      await Promise.all([page.waitForURL('**/analysis'), page.click('.login-form button[type="submit"]')]);
      await Promise.all([page.waitForURL('**/ranking?wave=live'), page.click('a[href="/analysis/sipas-2023/ranking?wave=live"]')]);
      expect(await page.locator('#ranking tbody tr').count()).toBe(5);
      expect(await page.locator('.chart-wide svg.dot-whisker circle').count()).toBe(5);
      await expectAccessible(page);

      // Sort by n (descending first), then again (ascending): server-side links, no script.
      await Promise.all([page.waitForURL(/sort=-n/), page.click('th a[data-sort="n"]')]);
      const ns = (await page.locator('#ranking tbody tr td:nth-child(4)').allTextContents()).map(Number);
      expect(ns).toEqual([...ns].sort((a, b) => b - a));
      await Promise.all([page.waitForURL(/sort=n(&|$)/), page.click('th a[data-sort="n"]')]);
      const up = (await page.locator('#ranking tbody tr td:nth-child(4)').allTextContents()).map(Number);
      expect(up).toEqual([...up].sort((a, b) => a - b));

      // The XLSX of the live view, by province, unweighted: the same numbers as `sipas index`.
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-xlsx')]);
      const xlsxPath = join(app.deps.db.$client.name, '..', 'ranking.xlsx');
      await download.saveAs(xlsxPath);
      const cli = runCli(['index', 'sipas-2023', '--by', 'province', '--format', 'json', '--db', dbPath]);
      expect(cli.status, cli.stderr).toBe(0);
      const expected = JSON.parse(cli.stdout) as {
        results: { groups: { key: string; n: number; rank: number; values: Record<string, { estimate: number; lower: number; upper: number }> }[] };
      };
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(xlsxPath);
      const sheet = workbook.getWorksheet('Ranking')!;
      const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).map(String);
      const col = (name: string): number => header.indexOf(name);
      const fromXlsx = new Map<
        string,
        { n: number | null; index: number | null; lower: number | null; upper: number | null; rank: number | null; E1: number | null }
      >();
      sheet.eachRow((row, i) => {
        if (i === 1) return;
        const v = row.values as ExcelJS.CellValue[];
        fromXlsx.set(v[col('group')] as string, {
          n: cellNumber(v[col('n')]),
          index: cellNumber(v[col('index')]),
          lower: cellNumber(v[col('ci_lower')]),
          upper: cellNumber(v[col('ci_upper')]),
          rank: cellNumber(v[col('rank')]),
          E1: cellNumber(v[col('E1')]),
        });
      });
      expect(fromXlsx.size).toBe(expected.results.groups.length);
      for (const g of expected.results.groups) {
        const x = fromXlsx.get(g.key)!;
        expect(x).toEqual({
          n: g.n,
          index: g.values.headline!.estimate,
          lower: g.values.headline!.lower,
          upper: g.values.headline!.upper,
          rank: g.rank,
          E1: g.values.E1!.estimate,
        });
      }

      // Filter by wave through the form.
      await page.selectOption('#wave', '2023');
      await Promise.all([page.waitForURL(/wave=2023/), page.click('form.filters button[type="submit"]')]);
      expect(await page.locator('#wave').inputValue()).toBe('2023');
      const n2023 = (await page.locator('#ranking tbody tr td:nth-child(4)').allTextContents()).map(Number).reduce((a, b) => a + b, 0);
      expect(n2023).toBe(400);
      await page.screenshot({ path: join(shots, 'ranking-1280.png'), fullPage: true });

      // Open a province from the ranking: profile with elements, breakdowns and the trend.
      await page.selectOption('#wave', '2024');
      await Promise.all([page.waitForURL(/wave=2024/), page.click('form.filters button[type="submit"]')]);
      await Promise.all([page.waitForURL('**/province/01?**'), page.click('#ranking a[href*="/province/01?"]')]);
      expect(await page.textContent('h1')).toContain('Hà Nội');
      expect(await page.locator('#trend tbody tr').count()).toBe(2);
      expect(await page.locator('#profile-values tr[data-id="E1"]').count()).toBe(1);
      expect(await page.locator('#breakdown-gender tbody tr').count()).toBeGreaterThan(0);
      await expectAccessible(page);
      await page.screenshot({ path: join(shots, 'province-1280.png'), fullPage: true });

      await page.setViewportSize({ width: 360, height: 740 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await page.screenshot({ path: join(shots, 'province-360.png'), fullPage: true });
      await page.goto(`${app.url}/analysis/sipas-2023/ranking?wave=2024`);
      // On a phone the page itself does not scroll sideways: wide tables scroll in their box.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await page.screenshot({ path: join(shots, 'ranking-360.png'), fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);
});
