import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { findResponseBySerial } from '../../src/modules/responses/response-repository.js';
import { insertKeyingBatch } from '../../src/modules/keying/keying-repository.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { createUser } from '../helpers/login.js';
import { otherCode, paperForm } from './keying-fixtures.js';
import { browserLogin, keyFormWithKeyboard, launchChromium, watchConsole } from './browser-keying.js';

let app: TestApp;
let browser: Browser;
const passwords: Record<string, string> = {};
let batchId: number;

beforeAll(async () => {
  app = await startTestApp();
  for (const [username, role, displayName] of [
    ['nhap1', 'enumerator', 'Nguyễn Văn Một'],
    ['nhap2', 'enumerator', 'Trần Thị Hai'],
    ['giamsat', 'supervisor', 'Lê Giám Sát'],
  ] as const) {
    passwords[username] = (await createUser(app.deps.db, { username, role, displayName })).password;
  }
  const sup = findUser('giamsat');
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
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

function findUser(username: string): number {
  return (app.deps.db.$client.prepare('SELECT id FROM users WHERE username = ?').get(username) as { id: number }).id;
}

async function signedInPage(username: string, errors: string[]) {
  const context = await browser.newContext();
  const page = await context.newPage();
  watchConsole(page, errors);
  await browserLogin(page, app.url, username, passwords[username]!);
  return { page, context };
}

describe('keying paper forms in a browser', () => {
  it('a form keyed with the keyboard only, keyed again blind with two differences, resolved by a supervisor, becomes verified with all three in its trail', async () => {
    const survey = app.deps.surveys.byId.get('sipas-2023')!;
    const errors: string[] = [];
    const form = paperForm(survey, 'HN-000123', 11);
    // The paper's answer to A7 is "Kinh", so the "other ethnicity" field must be jumped over.
    form.A7 = '1';
    delete form.A7_OTHER;

    const first = await signedInPage('nhap1', errors);
    await first.page.goto(`${app.url}/keying/batches/${batchId}/entry`);
    await keyFormWithKeyboard(first.page, survey, form);
    expect(await first.page.textContent('#saved-message')).toContain('HN-000123');
    expect(await first.page.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe('SERIAL');
    expect(findResponseBySerial(app.deps.db, 'sipas-2023', 'HN-000123')).toMatchObject({ status: 'submitted', channel: 'keyed' });

    // The screen's live behaviour on a fresh form: label beside a code, skip shown, bad code refused.
    await first.page.keyboard.type('HN-000999');
    await first.page.keyboard.press('Enter');
    // Straight to A7 for this check (the keyer would have keyed A1…A6 on the way).
    await first.page.focus('#f-A7');
    await first.page.keyboard.type('1');
    expect(await first.page.textContent('#f-A7-chosen')).toBe('Kinh');
    expect(await first.page.isDisabled('#f-A7_OTHER')).toBe(true);
    expect(await first.page.textContent('#f-A7_OTHER-chosen')).toBe('bỏ qua');
    expect(await first.page.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe('A8');
    await first.page.keyboard.type('9');
    expect(await first.page.textContent('#f-A8-error')).not.toBe('');
    expect(await first.page.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe('A8');
    await first.page.keyboard.press('Backspace');
    await first.page.keyboard.press('Backspace');
    expect(await first.page.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe('A7');
    await first.context.close();

    const a = otherCode(survey, form, 3);
    const b = otherCode(survey, form, 20);
    const second = await signedInPage('nhap2', errors);
    await second.page.goto(`${app.url}/keying/batches/${batchId}/entry`);
    await keyFormWithKeyboard(second.page, survey, { ...form, [a.code]: a.value, [b.code]: b.value });
    expect(await second.page.textContent('#saved-message')).toMatch(/khác nhau/);
    await second.context.close();

    const sup = await signedInPage('giamsat', errors);
    await sup.page.goto(`${app.url}/keying/disagreements`);
    await Promise.all([sup.page.waitForURL(/HN-000123/), sup.page.click('text=HN-000123')]);
    const rows = await sup.page.$$eval('#disagreement-table tbody tr', (trs) => trs.map((tr) => (tr as HTMLElement).dataset.variable));
    expect(rows).toEqual([a.code, b.code].sort((x, y) => survey.variables.findIndex((v) => v.code === x) - survey.variables.findIndex((v) => v.code === y)));
    expect(await sup.page.textContent(`tr[data-variable="${a.code}"] .value-1`)).toBe(form[a.code]);
    expect(await sup.page.textContent(`tr[data-variable="${a.code}"] .value-2`)).toBe(a.value);
    await sup.page.check(`#d-${a.code}-1`);
    await sup.page.fill(`#d-${b.code}-typed`, form[b.code]!);
    await Promise.all([sup.page.waitForSelector('#resolved-status'), sup.page.click('#resolve')]);
    const trail = await sup.page.$$eval('#audit-trail li .actor', (els) => els.map((e) => e.textContent));
    expect(trail).toEqual(['nhap1', 'nhap2', 'giamsat']);
    expect(await sup.page.textContent('#resolved-table')).toContain('lần nhập 2');
    await sup.context.close();

    expect(findResponseBySerial(app.deps.db, 'sipas-2023', 'HN-000123')!.status).toBe('verified');
    expect(errors).toEqual([]);
  });
});
