import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { findResponseBySerial } from '../../src/modules/responses/response-repository.js';
import { insertKeyingBatch } from '../../src/modules/keying/keying-repository.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { createUser } from '../helpers/login.js';
import { paperForm, undrawnSerials } from './keying-fixtures.js';
import { browserLogin, keyFormWithKeyboard, launchChromium, watchConsole } from './browser-keying.js';

/**
 * Issue 17 in the browser: paper forms come back with blanks. The keyer keys what is on the
 * paper, leaves the rest blank with Tab, and never picks a reason: the definition's usability
 * rule decides whether the form counts.
 */
let app: TestApp;
let browser: Browser;
let password: string;
let batchId: number;

beforeAll(async () => {
  app = await startTestApp();
  password = (await createUser(app.deps.db, { username: 'nhap1', role: 'enumerator', displayName: 'Nguyễn Văn Một' })).password;
  const sup = await createUser(app.deps.db, { username: 'giamsat', role: 'supervisor' });
  batchId = insertKeyingBatch(app.deps.db, {
    surveyId: 'sipas-2023',
    name: 'Bưu cục Cầu Giấy',
    province: '01',
    expected: 50,
    received: 50,
    requiresVerification: false,
    createdBy: sup.user.id,
    at: Date.now(),
  });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const reasonOf = (serial: string): string | null =>
  (app.deps.db.$client.prepare('SELECT incomplete_reason AS r FROM responses WHERE serial = ?').get(serial) as { r: string | null }).r;

describe('keying paper forms with blank answers, in a browser', () => {
  it('a form with three blank items saves without a reason; one with most items blank saves as incomplete, the keyer typing no reason', async () => {
    const survey = app.deps.surveys.byId.get('sipas-2023')!;
    const errors: string[] = [];
    const context = await browser.newContext();
    const page = await context.newPage();
    watchConsole(page, errors);
    await browserLogin(page, app.url, 'nhap1', password);
    await page.goto(`${app.url}/keying/batches/${batchId}/entry`);

    const [threeBlank, mostlyBlank] = undrawnSerials('sipas-2023', batchId, 'HN-', 2);
    const form = paperForm(survey, threeBlank!, 21);
    form.A7 = '1';
    delete form.A7_OTHER;
    // Three answers the respondent left blank, two of them required online.
    for (const code of ['A5', 'C8_2', 'C9_07']) delete form[code];
    await keyFormWithKeyboard(page, survey, form);
    expect(await page.textContent('#saved-message')).toContain(threeBlank);
    expect(await page.textContent('#saved-message')).not.toMatch(/chưa đầy đủ/);
    const stored = findResponseBySerial(app.deps.db, 'sipas-2023', threeBlank!)!;
    expect(stored).toMatchObject({ status: 'verified', channel: 'keyed' });
    expect(reasonOf(threeBlank!)).toBeNull();
    expect(['A5', 'C8_2', 'C9_07'].map((c) => stored.codes[survey.byCode.get(c)!.slot])).toEqual([0, 0, 0]);

    // Most of the paper empty: the province, a few Part A answers and five satisfaction items.
    const sparse: Record<string, string> = { SERIAL: mostlyBlank!, A1: '01', A5: '2', A6: '3' };
    for (const code of ['C9_01', 'C9_02', 'C9_03', 'C9_04', 'C9_05']) sparse[code] = '4';
    expect(await page.inputValue('#incomplete')).toBe('');
    await keyFormWithKeyboard(page, survey, sparse);
    expect(await page.textContent('#saved-message')).toMatch(new RegExp(`${mostlyBlank}.*chưa đầy đủ`));
    expect(findResponseBySerial(app.deps.db, 'sipas-2023', mostlyBlank!)).toMatchObject({ status: 'incomplete', channel: 'keyed' });
    expect(reasonOf(mostlyBlank!)).toBe('unusable');
    expect(errors).toEqual([]);
    await context.close();
  });
});
