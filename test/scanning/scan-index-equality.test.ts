import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDb } from '../helpers/temp-db.js';
import { tinySurvey } from '../helpers/tiny-survey.js';
import { createUser } from '../helpers/login.js';
import { issueCodes } from '../helpers/issue-codes.js';
import { degrade, drawMark, readGrey, seeded, type MarkKind } from '../helpers/draw-on-page.js';
import type { Db } from '../../src/db/open-database.js';
import type { CurrentUser } from '../../src/modules/auth/current-user.js';
import { findKeyingBatch, insertKeyingBatch, type Batch } from '../../src/modules/keying/keying-repository.js';
import { saveKeyedForm } from '../../src/modules/keying/save-keyed-form.js';
import { formTemplate, writeFormsPdf } from '../../src/modules/printing/render-forms-pdf.js';
import { formsLayout } from '../../src/modules/printing/form-layout.js';
import { scanFiles } from '../../src/modules/scanning/scan-forms.js';
import { runIndex, type IndexRequest } from '../../src/modules/results/run-index.js';

/**
 * Issue 21's second round trip: the same answers, once drawn on printed forms and scanned, once
 * keyed on the keying path, give the same index. Two databases, the same serials, the same
 * supervisor and batch, so sample verification draws the same forms in both.
 */
const survey = tinySurvey();
const template = formTemplate(survey.definition, 'vi');
const FORMS = 12;
const DPI = 150;
const kinds: MarkKind[] = ['cross', 'tick', 'full'];
const request: IndexRequest = { by: 'gender', strata: 'none', cluster: 'none', minSampleSize: 1, maxCv: 1 };

const scanned = tempDb();
const keyed = tempDb();
afterAll(() => {
  scanned.cleanup();
  keyed.cleanup();
});

async function setUp(db: Db): Promise<{ user: CurrentUser; batch: Batch; codes: { serial: string; code: string }[] }> {
  const { user } = await createUser(db, { username: 'giamsat', role: 'supervisor', provinces: ['01'] });
  const codes = issueCodes(db, { surveyId: 'tiny', batch: 'RT', count: FORMS, at: 1 }).codes;
  const id = insertKeyingBatch(db, {
    surveyId: 'tiny',
    name: 'RT_paper',
    province: '01',
    expected: null,
    received: null,
    requiresVerification: false,
    createdBy: user.id,
    at: 1,
  });
  return { user, batch: findKeyingBatch(db, id)!, codes };
}

const answers = new Map<string, Record<string, number>>();

beforeAll(async () => {
  const random = seeded(2121);
  const a = await setUp(scanned.db);
  const b = await setUp(keyed.db);
  for (const c of a.codes) {
    const pick = (n: number): number => 1 + Math.floor(random() * n);
    // Satisfied mostly, so both indicators have both outcomes; a few did not use the service.
    const used = random() < 0.85 ? 1 : 2;
    answers.set(c.serial, { SEX: pick(2), USED: used, ...(used === 1 ? { Q1: pick(5), Q2: pick(5) } : {}) });
  }

  const pdf = join(scanned.dir, 'forms.pdf');
  await writeFormsPdf(pdf, survey.definition, template, a.codes);
  const layout = formsLayout(
    template,
    'RT',
    a.codes.map((c) => c.serial),
  );
  execFileSync('pdftoppm', ['-r', String(DPI), '-gray', '-png', pdf, join(scanned.dir, 'p')]);
  const pngs = readdirSync(scanned.dir)
    .filter((f) => /^p-\d+\.png$/.test(f))
    .sort()
    .map((f) => join(scanned.dir, f));
  for (const [i, page] of layout.pages.entries()) {
    const img = await readGrey(pngs[i]!);
    const drawn = answers.get(page.serial)!;
    for (const box of page.boxes) if (box.kind === 'mark' && drawn[box.variable] === box.code) drawMark(img, box, kinds[i % kinds.length]!, DPI / 72, random);
    const file = join(scanned.dir, `scan-${i}.jpg`);
    writeFileSync(file, await degrade(img, { angle: (i % 5) - 2, noise: 5, format: 'jpeg', seed: i }));
    pngs[i] = file;
  }
  const summary = await scanFiles(scanned.db, pngs, { survey, batch: a.batch, province: '01', user: a.user, layout, now: () => 10, template: () => template });
  expect([summary.saved, summary.review, summary.unreadable]).toEqual([FORMS, 0, 0]);

  // The same answers on the keying path, in the same order.
  for (const c of b.codes)
    saveKeyedForm(keyed.db, survey, b.batch, b.user, { serial: c.serial, answers: answers.get(c.serial)!, reason: null, fieldsKeyed: 5 }, 10, 10);
}, 600_000);

/** Every number of two results equal to 1e-12, everything else equal. */
function expectSame(x: unknown, y: unknown, path = 'results'): void {
  if (typeof x === 'number' && typeof y === 'number') {
    if (Number.isNaN(x)) expect(Number.isNaN(y), path).toBe(true);
    else expect(Math.abs(x - y), path).toBeLessThanOrEqual(1e-12);
    return;
  }
  if (x !== null && y !== null && typeof x === 'object' && typeof y === 'object') {
    expect(Object.keys(y).sort(), path).toEqual(Object.keys(x).sort());
    for (const k of Object.keys(x)) expectSame((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k], `${path}.${k}`);
    return;
  }
  expect(y, path).toEqual(x);
}

describe('print, fill in, scan: the index of the scanned forms is the index of the same answers keyed', () => {
  it('equals it to 1e-12, group by group, from the same number of forms', () => {
    const fromScans = runIndex(scanned.db, survey, request, 100);
    const fromKeying = runIndex(keyed.db, survey, request, 100);
    expect(fromScans.stamp.responses.used).toBeGreaterThan(0);
    expect(fromScans.stamp.responses).toEqual(fromKeying.stamp.responses);
    expectSame(fromScans.results, fromKeying.results);
    // Not two empty results: every group has forms and a headline.
    const groups = fromScans.results.groups;
    expect(groups.map((g) => g.key)).toEqual(['1', '2']);
    expect(groups.reduce((n, g) => n + g.n, 0)).toBe(fromScans.stamp.responses.used);
    for (const g of groups) expect(typeof g.values.headline?.estimate).toBe('number');
  });
});
