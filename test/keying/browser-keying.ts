import type { Page } from 'playwright-core';
import type { Survey } from '../../src/modules/definitions/compile-survey.js';
import { isAsked, ruleView } from '../../src/modules/rules/check-answers.js';
import { readKeyedForm } from '../../src/modules/keying/keyed-form.js';

export { launchChromium, watchConsole } from '../helpers/browser.js';

/** Signs in through the real /login page, with the keyboard. */
export async function browserLogin(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.focus('#username');
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.keyboard.press('Enter')]);
}

/**
 * Keys one paper form with keystrokes alone, as an enumerator does: the serial, Enter, then per
 * field the printed code (the cursor moves on by itself once a code is complete), Tab after a
 * number or a text or to leave a field blank, and Enter to save. Fields skip logic jumps over get
 * no keystroke at all. With `checkFocus` it asserts the cursor is where the paper says after
 * each field (slower; the benchmark turns it off).
 */
export async function keyFormWithKeyboard(page: Page, survey: Survey, form: Record<string, string>, checkFocus = true): Promise<void> {
  const answers = readKeyedForm(survey, form).answers;
  const view = ruleView(survey, answers);
  const focused = () => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name ?? '');
  const serial = survey.variables[0]!;
  if (checkFocus && (await focused()) !== serial.code) throw new Error(`the blank form should start in ${serial.code}, not ${await focused()}`);
  await page.keyboard.type(form[serial.code]!);
  await page.keyboard.press('Enter');
  const asked = survey.variables.slice(1).filter((v) => isAsked(v, view));
  for (const [i, v] of asked.entries()) {
    if (checkFocus) {
      // The cursor moves by itself, as an enumerator sees it do before typing on: a commune's code
      // typed before its list came moves on when the list comes (a loaded machine can take a while).
      const arrived = await page
        .waitForFunction((code) => (document.activeElement as HTMLInputElement | null)?.name === code, v.code, { timeout: 5_000 })
        .then(() => true)
        .catch(() => false);
      if (!arrived) throw new Error(`expected the cursor in ${v.code}, found it in "${await focused()}"`);
    }
    const value = form[v.code] ?? '';
    const last = i === asked.length - 1;
    // A complete code moves the cursor on by itself; a coded place (a commune's five digits) too.
    const selfAdvancing = v.slot >= 0 || v.type === 'place-province' || v.place !== undefined;
    if (v.type === 'multiple-option') await page.keyboard.type(value === '' ? '0' : value);
    else if (value !== '') {
      await page.keyboard.type(value);
      if (!selfAdvancing && !last) await page.keyboard.press('Tab');
    } else if (!last) await page.keyboard.press('Tab');
  }
  // Wait for this form's own redirect: the previous save's URL already carries an outcome.
  const serialValue = form[serial.code]!;
  await Promise.all([page.waitForURL((u) => u.searchParams.get('last') === serialValue), page.keyboard.press('Enter')]);
}
