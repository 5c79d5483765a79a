import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser } from 'playwright-core';
import { checkQuality } from '../../src/modules/quality/check-quality.js';
import { findFlagScoped, listFlags } from '../../src/modules/quality/quality-repository.js';
import { expectAccessible, launchChromium, watchConsole } from '../helpers/browser.js';
import { createUser } from '../helpers/login.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { generateWave } from './generate-wave.js';

let browser: Browser;
let app: TestApp;

beforeAll(async () => {
  browser = await launchChromium();
  app = await startTestApp();
  const survey = app.deps.surveys.byId.get('sipas-2023')!;
  generateWave(app.deps.db, survey, { forms: 600, provinces: ['01'], seed: 3, straightliners: 3, copies: 2 });
  checkQuality(app.deps.db, survey, Date.now());
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('a supervisor reviewing quality flags in a browser', () => {
  it('confirms one flag and dismisses another with notes, in Vietnamese then English — no console error, no axe violation', async () => {
    const { password } = await createUser(app.deps.db, { username: 'giamsat', role: 'supervisor', provinces: ['01'] });
    const flags = listFlags(app.deps.db, ['01'], { surveyId: 'sipas-2023', status: 'open' }).items;
    expect(flags.length).toBeGreaterThanOrEqual(2);
    const page = await (await browser.newContext({ locale: 'vi-VN' })).newPage();
    const errors: string[] = [];
    watchConsole(page, errors);
    await page.goto(`${app.url}/quality`);
    await page.fill('#username', 'giamsat');
    await page.fill('#password', password);
    await Promise.all([page.waitForURL('**/quality'), page.click('.login-form button[type="submit"]')]);
    await expectAccessible(page);

    const [first, second] = [flags[0]!, flags[1]!];
    await page.fill(`#note-${first.id}`, 'Đối chiếu phiếu giấy: phiếu bịa');
    await Promise.all([page.waitForURL(/done=/), page.click(`#flag-${first.id} button[value="confirm"]`)]);
    expect(await page.locator(`#flag-${first.id}`).count()).toBe(0);
    expect(findFlagScoped(app.deps.db, first.id, null)).toMatchObject({ status: 'confirmed', note: 'Đối chiếu phiếu giấy: phiếu bịa' });

    await page.click('a[href^="/quality?lang=en"]');
    await page.waitForURL(/lang=en/);
    expect(await page.textContent('h1')).toBe('Data-quality flags');
    await page.fill(`#note-${second.id}`, 'Checked on paper: genuine');
    await Promise.all([page.waitForURL(/done=/), page.click(`#flag-${second.id} button[value="dismiss"]`)]);
    expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
    expect(findFlagScoped(app.deps.db, second.id, null)).toMatchObject({ status: 'dismissed', note: 'Checked on paper: genuine' });

    await page.selectOption('#status', 'all');
    await Promise.all([page.waitForURL(/status=all/), page.click('.quality-filter button')]);
    expect(await page.getAttribute(`#flag-${first.id}`, 'data-status')).toBe('confirmed');
    expect(await page.textContent(`#flag-${second.id} .decision`)).toContain('Dismissed');
    await expectAccessible(page);
    expect(errors).toEqual([]);
  });
});
