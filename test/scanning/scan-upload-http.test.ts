import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SurveyCatalog } from '../../src/modules/definitions/load-surveys.js';
import { insertKeyingBatch } from '../../src/modules/keying/keying-repository.js';
import { formTemplate, writeFormsPdf } from '../../src/modules/printing/render-forms-pdf.js';
import { scanLimits } from '../../src/modules/scanning/load-scans.js';
import { findResponseBySerial } from '../../src/modules/responses/response-repository.js';
import { startTestApp, shipped, type TestApp } from '../helpers/test-app.js';
import { createUser, login, type Client } from '../helpers/login.js';
import { issueCodes } from '../helpers/issue-codes.js';
import { tempDir } from '../helpers/temp-db.js';
import { tinySurvey } from '../helpers/tiny-survey.js';
import { keepLastText, launchChromium, watchConsole, withoutMetaRefresh } from '../helpers/browser.js';

const tiny = tinySurvey();
const catalog: SurveyCatalog = { byId: new Map([['tiny', tiny]]), byVersion: new Map([['tiny@1', tiny]]), placeLists: shipped().placeLists };
const tmp = tempDir();
let app: TestApp;
let sup: Client;
let batchId: number;
let pdf: string;
const limits = { ...scanLimits };

beforeAll(async () => {
  // Small limits, so a test file crosses them (the router reads the size limit when it is made).
  scanLimits.webFileBytes = 2 * 1024 * 1024;
  app = await startTestApp({ surveys: catalog });
  const boss = await createUser(app.deps.db, { username: 'giamsat', role: 'supervisor', provinces: ['01'] });
  await createUser(app.deps.db, { username: 'saigon', role: 'supervisor', provinces: ['79'], password: 'a-long-password-79' });
  sup = await login(app.url, 'giamsat', boss.password);
  batchId = insertKeyingBatch(app.deps.db, {
    surveyId: 'tiny',
    name: 'HN_scan',
    province: '01',
    expected: null,
    received: null,
    requiresVerification: false,
    createdBy: boss.user.id,
    at: Date.now(),
  });
  const codes = issueCodes(app.deps.db, { surveyId: 'tiny', batch: 'HN', count: 2 }).codes;
  pdf = join(tmp.dir, 'forms.pdf');
  await writeFormsPdf(pdf, tiny.definition, formTemplate(tiny.definition, 'vi'), codes);
}, 120_000);
afterAll(async () => {
  Object.assign(scanLimits, limits);
  await app?.close();
  tmp.cleanup();
});

function uploadAs(client: Client, files: { name: string; bytes: Buffer; type: string }[]): Promise<Response> {
  const body = new FormData();
  body.set('_csrf', client.csrf);
  for (const f of files) body.append('files', new Blob([new Uint8Array(f.bytes)], { type: f.type }), f.name);
  return client.fetch(`/keying/batches/${batchId}/scans?lang=en`, { method: 'POST', body });
}

async function finished(jobUrl: string): Promise<{ state: string; pages: number; total: number }> {
  for (;;) {
    const s = (await (await sup.fetch(`${jobUrl.replace(/\?.*$/, '')}.json`)).json()) as { state: string; pages: number; total: number };
    if (s.state !== 'running') return s;
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('uploading scans on the batch page', () => {
  it('the batch page links to the upload; the scan runs as a job with a progress page that works without JavaScript, and a queued job can be cancelled', async () => {
    const batchPage = await (await sup.fetch(`/keying/batches/${batchId}`)).text();
    expect(batchPage).toContain(`href="/keying/batches/${batchId}/scans?lang=vi"`);
    const form = await (await sup.fetch(`/keying/batches/${batchId}/scans`)).text();
    expect(form).toContain('enctype="multipart/form-data"');

    const bytes = readFileSync(pdf);
    const first = await uploadAs(sup, [{ name: 'lô 1.pdf', bytes, type: 'application/pdf' }]);
    expect(first.status).toBe(303);
    const firstJob = first.headers.get('location')!;
    // Jobs run one at a time: the second waits behind the first, so its page is a running one.
    const second = await uploadAs(sup, [{ name: 'again.pdf', bytes, type: 'application/pdf' }]);
    const secondJob = second.headers.get('location')!;
    const waiting = await (await sup.fetch(secondJob)).text();
    expect(waiting).toContain('<meta http-equiv="refresh" content="2">');
    expect(waiting).toMatch(/<progress id="scan-progress"[^>]*max="4" value="0"/);
    expect(waiting).toContain('0 / 4 pages');
    expect((await sup.post(`${secondJob.replace(/\?.*$/, '')}/cancel`)).status).toBe(303);

    expect(await finished(firstJob)).toMatchObject({ state: 'done', pages: 4, total: 4 });
    const done = await (await sup.fetch(firstJob)).text();
    expect(done).toContain('Read 4 pages, 2 forms: 2 saved as first entries, 0 waiting for review');
    expect(done).not.toContain('http-equiv="refresh"');
    expect(findResponseBySerial(app.deps.db, 'tiny', 'HN-000001')?.channel).toBe('keyed');
    expect(findResponseBySerial(app.deps.db, 'tiny', 'HN-000002')?.channel).toBe('keyed');

    expect((await finished(secondJob)).state).toBe('cancelled');
    expect(await (await sup.fetch(secondJob)).text()).toContain('Cancelled: the 0 forms saved before the cancel stay.');
  }, 300_000);

  it('says why a page or a form was not read in the page’s language, with the file’s uploaded name', async () => {
    const blank = await sharp({ create: { width: 1240, height: 1754, channels: 3, background: { r: 255, g: 255, b: 255 } } })
      .png()
      .toBuffer();
    const res = await uploadAs(sup, [
      { name: 'trắng.png', bytes: blank, type: 'image/png' },
      // Forms read by the first test: scanned before.
      { name: 'lô 1.pdf', bytes: readFileSync(pdf), type: 'application/pdf' },
    ]);
    expect(res.status).toBe(303);
    const job = res.headers.get('location')!.replace(/\?.*$/, '');
    expect((await finished(job)).state).toBe('done');
    const vi = await (await sup.fetch(job)).text();
    expect(vi).toContain('trắng.png, trang 1: không tìm thấy mã QR của phiếu');
    expect(vi).toContain('số phiếu HN-000001 đã được quét trước đó; không đọc lại');
    expect(vi).not.toContain('scanned before');
    const en = await (await sup.fetch(`${job}?lang=en`)).text();
    expect(en).toContain('trắng.png page 1: no form QR code found');
    expect(en).toContain('serial HN-000001 was scanned before; not read again');
  }, 300_000);

  it("in a browser: a waiting scan's page follows its job by itself to the summary, without its no-JavaScript refresh", async () => {
    const bytes = readFileSync(pdf);
    // The first keeps the runner busy, so that the second's page opens while it waits.
    const first = await uploadAs(sup, [{ name: 'first.pdf', bytes, type: 'application/pdf' }]);
    const jobUrl = (await uploadAs(sup, [{ name: 'second.pdf', bytes, type: 'application/pdf' }])).headers.get('location')!;
    const browser = await launchChromium();
    try {
      const page = await (await browser.newContext({ extraHTTPHeaders: { cookie: sup.cookie } })).newPage();
      const consoleErrors: string[] = [];
      watchConsole(page, consoleErrors);
      // Only the shared progress script can move the page on: its meta refresh is taken out.
      await withoutMetaRefresh(page, /\/keying\/scan-jobs\/[^/.?]+(\?.*)?$/);
      // The last text the script wrote in the count, kept across the reload.
      const pagesWritten = await keepLastText(page, '#scan-pages');
      await page.goto(`${app.url}${jobUrl}`);
      expect(await page.textContent('#scan-pages')).toBe('0 / 4 pages');
      await page.waitForSelector('#scan-summary', { timeout: 120_000 });
      expect(await page.textContent('#scan-summary')).toMatch(/^Read 4 pages, 2 forms/);
      expect(await pagesWritten()).toBe('4 / 4 pages');
      expect(consoleErrors).toEqual([]);
    } finally {
      await browser.close();
    }
    expect((await finished(first.headers.get('location')!)).state).toBe('done');
  }, 300_000);

  it('refuses, with a plain message, a file that is not a scan, too many pages, a file too large, and a batch of another province', async () => {
    const notScan = await uploadAs(sup, [{ name: 'notes.txt', bytes: Buffer.from('hello'), type: 'text/plain' }]);
    expect(notScan.status).toBe(422);
    expect(await notScan.text()).toContain('notes.txt: only PDF, PNG, JPEG or TIFF files are accepted.');

    const broken = await uploadAs(sup, [{ name: 'broken.pdf', bytes: Buffer.from('%PDF-1.4 nothing'), type: 'application/pdf' }]);
    expect(broken.status).toBe(422);
    expect(await broken.text()).toContain('broken.pdf: cannot be read (not a valid PDF or image).');

    scanLimits.webPages = 3;
    try {
      const many = await uploadAs(sup, [{ name: 'forms.pdf', bytes: readFileSync(pdf), type: 'application/pdf' }]);
      expect(many.status).toBe(422);
      expect(await many.text()).toContain('The files hold 4 pages; at most 3 at once: split them.');
    } finally {
      scanLimits.webPages = limits.webPages;
    }

    const big = join(tmp.dir, 'big.png');
    writeFileSync(big, Buffer.alloc(3 * 1024 * 1024, 1));
    const large = await uploadAs(sup, [{ name: 'big.png', bytes: readFileSync(big), type: 'image/png' }]);
    expect(large.status).toBe(413);
    expect(await large.text()).toContain('A file is larger than 2 MB; split it.');

    const other = await login(app.url, 'saigon', 'a-long-password-79');
    expect((await uploadAs(other, [{ name: 'forms.pdf', bytes: readFileSync(pdf), type: 'application/pdf' }])).status).toBe(403);
  }, 120_000);
});
