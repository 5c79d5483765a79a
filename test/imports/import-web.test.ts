import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Page } from 'playwright-core';
import { keepLastText, launchChromium, watchConsole, withoutMetaRefresh } from '../helpers/browser.js';
import { startTestApp, shipped, type TestApp } from '../helpers/test-app.js';
import { createUser, login, type Client } from '../helpers/login.js';
import { tempDir } from '../helpers/temp-db.js';
import { writeFixtures, type Fixture } from './import-fixtures.js';
import { writeLargeCsv } from './generate-import-rows.js';
import { countResponses } from '../../src/modules/responses/response-repository.js';
import { auditHistory } from '../../src/modules/audit/audit-repository.js';

const survey = shipped().byId.get('sipas-2023')!;
let app: TestApp;
let supervisor: Client;
let dir: string;
let cleanup: () => void;
let fixtures: Record<string, Fixture>;
let password: string;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  fixtures = await writeFixtures(dir, survey);
  app = await startTestApp();
  // Every province: the fixtures hold rows of many.
  ({ password } = await createUser(app.deps.db, { username: 'giamsat', role: 'supervisor', provinces: survey.places.places.map((p) => p.code) }));
  await createUser(app.deps.db, { username: 'nhaplieu', role: 'enumerator' });
  supervisor = await login(app.url, 'giamsat', password);
});
afterAll(async () => {
  await app.close();
  cleanup();
});

async function upload(client: Client, file: string, fields: Record<string, string> = {}): Promise<Response> {
  const form = new FormData();
  form.set('_csrf', client.csrf);
  form.set('survey', 'sipas-2023');
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set('file', new Blob([readFileSync(join(dir, file))]), file);
  return client.fetch('/imports', { method: 'POST', body: form });
}

async function waitForJob(client: Client, location: string): Promise<{ state: string; line: string | null; batchId: number | null }> {
  for (;;) {
    const res = await client.fetch(`${location.split('?')[0]}.json`, { headers: { accept: 'application/json' } });
    const s = (await res.json()) as { state: string; line: string | null; batchId: number | null };
    if (s.state !== 'running') return s;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A fresh page of a real Chromium, with the console errors it collects; the browser is closed afterwards. */
async function inBrowser(use: (page: Page, consoleErrors: string[]) => Promise<void>): Promise<void> {
  const browser = await launchChromium();
  try {
    const page = await (await browser.newContext()).newPage();
    const consoleErrors: string[] = [];
    watchConsole(page, consoleErrors);
    await use(page, consoleErrors);
  } finally {
    await browser.close();
  }
}

/** Logs the supervisor in, in the browser, and opens the upload form with the survey chosen. */
async function openImportsAsSupervisor(page: Page): Promise<void> {
  await page.goto(`${app.url}/login?next=/imports`);
  await page.fill('#username', 'giamsat');
  await page.fill('#password', password);
  await Promise.all([page.waitForURL(`${app.url}/imports`), page.click('.login-form button[type=submit]')]);
  await page.selectOption('#survey', 'sipas-2023');
}

describe('the imports page', () => {
  it('is for supervisors only', async () => {
    const enumerator = await login(app.url, 'nl2', (await createUser(app.deps.db, { username: 'nl2', role: 'enumerator' })).password);
    expect((await enumerator.fetch('/imports')).status).toBe(403);
    const anon = await fetch(`${app.url}/imports`, { redirect: 'manual' });
    expect(anon.status).toBe(303);
  });

  it('uploads a batch with bad rows: nothing imported, the summary and an error report with the lines', async () => {
    const res = await upload(supervisor, fixtures.badRows!.file, { batch: 'Bưu cục Ba Đình 03' });
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    const status = await waitForJob(supervisor, location);
    expect(status).toMatchObject({ state: 'done', line: fixtures.badRows!.summary });
    const page = await (await supervisor.fetch(location)).text();
    // The page speaks Vietnamese: the counts in a sentence, and each bad row's reason with its line and column.
    expect(page).not.toContain(fixtures.badRows!.summary);
    expect(page).toMatch(/Đã nhập 0 phiếu, 0 phiếu chưa đầy đủ; giữ lại \d+ dòng lỗi/);
    const reasons = [...page.matchAll(/<li>(Dòng \d+[^<]*)<\/li>/g)].map((m) => m[1]!);
    expect(reasons.length).toBeGreaterThan(0);
    expect(reasons.length).toBeLessThanOrEqual(20);
    expect(new Set(reasons.map((r) => Number(/^Dòng (\d+)/.exec(r)![1])))).toEqual(
      new Set(fixtures.badRows!.errors!.slice(0, reasons.length).map((e) => e[0])),
    );
    const english = await (await supervisor.fetch(`${location}?lang=en`)).text();
    expect(english).toContain('Imported 0 forms');
    expect(english).toMatch(/<li>Line \d+, column /);
    expect(page).not.toContain('http-equiv="refresh"');
    const report = await supervisor.fetch(`/imports/${status.batchId}/errors.csv`);
    const bytes = Buffer.from(await report.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(
      text
        .trim()
        .split(/\r?\n/)
        .slice(1)
        .map((l) => Number(l.split(',')[0])),
    ).toEqual(fixtures.badRows!.errors!.map((e) => e[0]));
    expect(countResponses(app.deps.db, 'sipas-2023')).toBe(0);
    expect(auditHistory(app.deps.db, 'batch', status.batchId!)[0]).toMatchObject({ action: 'import_refused', actor: 'giamsat' });
    const list = await (await supervisor.fetch('/imports')).text();
    expect(list).toContain('Bưu cục Ba Đình 03');
  });

  it("quarantines the rows of a province outside a province supervisor's scope and stores none of them", async () => {
    const hanoi = await login(app.url, 'giamsat01', (await createUser(app.deps.db, { username: 'giamsat01', role: 'supervisor', provinces: ['01'] })).password);
    const fixture = fixtures.twoProvinces!;
    const provinceCode = survey.definition.variables.province;
    const stored = (province: string): number =>
      (app.deps.db.$client.prepare('SELECT count(*) AS n FROM responses WHERE survey_id = ? AND province = ?').get('sipas-2023', province) as { n: number }).n;

    // All or nothing: the out-of-scope rows count as quarantined, so nothing is stored.
    const refusedAt = (await upload(hanoi, fixture.file, { batch: 'Hà Nội lô 1' })).headers.get('location')!;
    const refused = await waitForJob(hanoi, refusedAt);
    // The page says why, in words: the province by name, and the uploader's own.
    const refusedPage = await (await hanoi.fetch(refusedAt)).text();
    expect(refusedPage).toMatch(/<li>Dòng \d+, cột [^:]+: tỉnh 79 \(TP Hồ Chí Minh\) không thuộc phạm vi của bạn \(01 \(Hà Nội\)\)<\/li>/);
    expect(refused).toMatchObject({ state: 'done', line: 'imported 0, incomplete 0, quarantined 3, duplicates 0, conflicts 0' });
    expect(stored('01') + stored('79')).toBe(0);

    const before = countResponses(app.deps.db, 'sipas-2023');
    const status = await waitForJob(hanoi, (await upload(hanoi, fixture.file, { batch: 'Hà Nội lô 2', partial: 'on' })).headers.get('location')!);
    expect(status).toMatchObject({ state: 'done', line: fixture.summary });
    expect(countResponses(app.deps.db, 'sipas-2023') - before).toBe(3);
    expect(stored('01')).toBe(3);
    expect(stored('79')).toBe(0);
    const report = (await (await hanoi.fetch(`/imports/${status.batchId}/errors.csv`)).text()).trim().split(/\r?\n/).slice(1);
    expect(
      report.map((l) =>
        l
          .split(',')
          .slice(0, 3)
          .map((c, i) => (i === 0 ? Number(c) : c)),
      ),
    ).toEqual(fixture.errors);
    expect(
      report.every((l) =>
        l.endsWith(
          ',79,tỉnh 79 (TP Hồ Chí Minh) không thuộc phạm vi của bạn (01 (Hà Nội)),province 79 (Ho Chi Minh City) is outside your provinces (01 (Hanoi))',
        ),
      ),
    ).toBe(true);
    expect(report[0]).toContain(`,${provinceCode},79,`);
  });

  it('re-renders with 422 and keeps the values when no file is chosen, and refuses a missing CSRF token', async () => {
    const form = new FormData();
    form.set('_csrf', supervisor.csrf);
    form.set('survey', 'sipas-2023');
    form.set('batch', 'lô 9');
    const res = await supervisor.fetch('/imports', { method: 'POST', body: form });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toMatch(/id="file-error" role="alert"/);
    expect(html).toContain('value="lô 9"');
    const noCsrf = new FormData();
    noCsrf.set('survey', 'sipas-2023');
    noCsrf.set('file', new Blob(['x']), 'a.csv');
    expect((await supervisor.fetch('/imports', { method: 'POST', body: noCsrf })).status).toBe(403);
  });

  it('in a browser: upload an .xlsx, see progress then the summary, with no console errors', async () => {
    await inBrowser(async (page, consoleErrors) => {
      const before = countResponses(app.deps.db, 'sipas-2023');
      await openImportsAsSupervisor(page);
      await page.setInputFiles('#file', join(dir, fixtures.xlsx!.file));
      await page.click('.stack-form button[type=submit]');
      await page.waitForSelector('.import-summary, [role=alert]', { timeout: 30_000 }).catch(async () => {
        throw new Error(`no summary: ${await page.content()}`);
      });
      // The same counts as the CLI's line, said in Vietnamese.
      const counts = (text: string) => (text.match(/\d+/g) ?? []).join(' ');
      expect(counts((await page.textContent('.import-summary'))!)).toBe(counts(fixtures.xlsx?.summary ?? 'no fixture'));
      expect(await page.textContent('.import-summary')).toMatch(/^Đã nhập /);
      expect(consoleErrors).toEqual([]);
      expect(countResponses(app.deps.db, 'sipas-2023') - before).toBe(15);
    });
  });

  it('in a browser: the job page follows the import by itself (figures, then the summary), without its no-JavaScript refresh', async () => {
    const file = join(dir, 'lot-30k.csv');
    await writeLargeCsv(file, survey, 30_000, 23, 500_000);
    await inBrowser(async (page, consoleErrors) => {
      // Only the shared progress script can move the page on: its meta refresh is taken out.
      await withoutMetaRefresh(page, /\/imports\/jobs\/[^/.?]+(\?.*)?$/);
      // The last text the script wrote in the count, kept across the reload.
      const rowsWritten = await keepLastText(page, '#import-rows');
      await openImportsAsSupervisor(page);
      await page.fill('#batch', 'Lô theo dõi 01');
      await page.setInputFiles('#file', file);
      await page.click('.stack-form button[type=submit]');
      await page.waitForURL(/\/imports\/jobs\//);
      await page.waitForSelector('.import-summary', { timeout: 120_000 });
      expect(await page.textContent('.import-summary')).toMatch(/^Đã nhập 30\.000 phiếu/);
      // While it ran, the row count on the page came from the status the script read.
      expect(await rowsWritten()).toMatch(/^[1-9]\d* dòng · \d+%$/);
      expect(consoleErrors).toEqual([]);
    });
  }, 180_000);
});
