import { scanProblemText } from '../../src/modules/scanning/scan-problems.js';
import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDb } from '../helpers/temp-db.js';
import { tinySurvey } from '../helpers/tiny-survey.js';
import { createUser } from '../helpers/login.js';
import { issueCodes } from '../helpers/issue-codes.js';
import { degrade, drawHandwriting, drawMark, readGrey, seeded } from '../helpers/draw-on-page.js';
import type { Db } from '../../src/db/open-database.js';
import type { CurrentUser } from '../../src/modules/auth/current-user.js';
import { findKeyingBatch, insertKeyingBatch, type Batch } from '../../src/modules/keying/keying-repository.js';
import { formTemplate, writeFormsPdf } from '../../src/modules/printing/render-forms-pdf.js';
import { formsLayout, type FormsLayout } from '../../src/modules/printing/form-layout.js';
import { scanFiles, type ScanSummary } from '../../src/modules/scanning/scan-forms.js';
import { startQuestionnaire } from '../../src/modules/questionnaire/start-questionnaire.js';
import { findResponseBySerial } from '../../src/modules/responses/response-repository.js';
import { insertResponse } from '../../src/modules/responses/response-write-repository.js';
import { packAnswers } from '../../src/modules/responses/pack-answers.js';
import { markAccessCodeUsed, findAccessCodeBySerial } from '../../src/modules/access-codes/access-code-repository.js';

// Each case prints, rasterises and scans real pages: seconds on an idle machine, a minute on a busy one.
const SLOW = 300_000;
// Printed forms carry access codes the respondent may use online instead.
const survey = tinySurvey((d) => {
  d.access = 'code';
});
const template = formTemplate(survey.definition, 'vi');
const count = (db: Db, table: string): number => db.$client.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

let t: ReturnType<typeof tempDb>;
let boss: CurrentUser;
let other: CurrentUser;
beforeEach(async () => {
  t = tempDb();
  boss = (await createUser(t.db, { username: 'boss', role: 'supervisor', provinces: ['01'] })).user;
  other = (await createUser(t.db, { username: 'other', role: 'supervisor', provinces: ['01'] })).user;
});
afterEach(() => t.cleanup());

function batchOf(db: Db, name: string, province: string, requiresVerification = false): Batch {
  const id = insertKeyingBatch(db, {
    surveyId: 'tiny',
    name,
    province,
    expected: null,
    received: null,
    requiresVerification,
    createdBy: boss.id,
    at: 1,
  });
  return findKeyingBatch(db, id)!;
}

/** Prints the codes' forms to a PDF in the test's folder. */
async function print(name: string, codes: { serial: string; code: string }[]): Promise<{ pdf: string; layout: FormsLayout }> {
  const pdf = join(t.dir, `${name}.pdf`);
  await writeFormsPdf(pdf, survey.definition, template, codes);
  return {
    pdf,
    layout: formsLayout(
      template,
      name,
      codes.map((c) => c.serial),
    ),
  };
}

function scan(files: string[], batch: Batch, user: CurrentUser, layout: FormsLayout | null): Promise<ScanSummary> {
  return scanFiles(t.db, files, { survey, batch, province: batch.province!, user, layout, now: () => 1_000, template: () => template });
}

describe('sipas scan: a supervisor loads only their province forms', () => {
  it(
    'refuses a form printed for another province (counted unreadable, named), and saves the one of its own province',
    async () => {
      const hanoi = issueCodes(t.db, { surveyId: 'tiny', batch: 'HN', count: 1, province: '01' }).codes;
      const saigon = issueCodes(t.db, { surveyId: 'tiny', batch: 'SG', count: 1, province: '79' }).codes;
      const { pdf } = await print('mixed', [...hanoi, ...saigon]);
      const summary = await scan([pdf], batchOf(t.db, 'HN_scan', '01'), boss, null);
      expect(summary.problems.map((p) => scanProblemText(p, 'en'))).toEqual([
        `${pdf} page 3: serial SG-000001 was printed for province 79, not 01; not read`,
        `${pdf} page 4: serial SG-000001 was printed for province 79, not 01; not read`,
      ]);
      expect(scanProblemText(summary.problems[0]!, 'vi')).toBe(`${pdf}, trang 3: số phiếu SG-000001 được in cho tỉnh 79, không phải 01; không đọc`);
      expect([summary.forms, summary.saved, summary.unreadable]).toEqual([1, 1, 2]);
      expect(findResponseBySerial(t.db, 'tiny', 'HN-000001')?.channel).toBe('keyed');
      expect(findResponseBySerial(t.db, 'tiny', 'SG-000001')).toBeNull();
    },
    SLOW,
  );
});

describe('sipas scan: a printed access code counts once, on paper or online', () => {
  it(
    'once the scanned form is saved, the same code is refused online (its paper form is in)',
    async () => {
      const [code] = issueCodes(t.db, { surveyId: 'tiny', batch: 'HN', count: 1 }).codes;
      const { pdf } = await print('one', [code!]);
      expect((await scan([pdf], batchOf(t.db, 'HN_scan', '01'), boss, null)).saved).toBe(1);
      expect(startQuestionnaire(t.db, survey, { code: code!.code }, 2_000)).toEqual({ ok: false, reason: 'codePaperReceived' });
    },
    SLOW,
  );

  it(
    'a form answered online first: its scanned paper copy becomes a conflict, never a second response',
    async () => {
      const [code] = issueCodes(t.db, { surveyId: 'tiny', batch: 'HN', count: 1 }).codes;
      const issued = findAccessCodeBySerial(t.db, 'tiny', code!.serial)!;
      // What an online submission writes: its response with the code's serial, and the code marked used.
      const online = insertResponse(t.db, {
        surveyId: 'tiny',
        surveyVersion: survey.version,
        serial: code!.serial,
        channel: 'online',
        status: 'verified',
        packed: packAnswers(survey, { P1: '01', SEX: 1, USED: 2 }),
        at: 500,
        accessCodeId: issued.id,
      });
      expect(markAccessCodeUsed(t.db, issued.id, online, 500)).toBe(true);
      const { pdf } = await print('one', [code!]);
      const summary = await scan([pdf], batchOf(t.db, 'HN_scan', '01'), boss, null);
      expect([summary.saved, summary.conflicts]).toEqual([0, 1]);
      expect(count(t.db, 'responses')).toBe(1);
      expect(t.db.$client.prepare('SELECT kind, response_id FROM conflicts').all()).toEqual([{ kind: 'answered_online', response_id: online }]);
    },
    SLOW,
  );
});

describe('sipas scan: the same pages scanned twice are read once', () => {
  it(
    'a second scan of saved and reviewed forms adds no entry, no review row and no conflict, by the same or another supervisor',
    async () => {
      const codes = issueCodes(t.db, { surveyId: 'tiny', batch: 'HN', count: 2 }).codes;
      const { pdf, layout } = await print('two', codes);
      // The second form has a comment written in: it waits for a person.
      execFileSync('pdftoppm', ['-r', '150', '-gray', '-png', pdf, join(t.dir, 'p')]);
      const pngs = readdirSync(t.dir)
        .filter((f) => /^p-\d+\.png$/.test(f))
        .sort()
        .map((f) => join(t.dir, f));
      const random = seeded(3);
      for (const [i, page] of layout.pages.entries()) {
        const img = await readGrey(pngs[i]!);
        for (const b of page.boxes) {
          if (b.variable === 'SEX' && b.code === 1) drawMark(img, b, 'cross', 150 / 72, random);
          if (page.serial === 'HN-000002' && b.variable === 'NOTE') drawHandwriting(img, b, 150 / 72, random);
        }
        writeFileSync(pngs[i]!, await degrade(img, { angle: 0, noise: 0, format: 'png', seed: i }));
      }
      // Double entry is required: a rescan must not pass for the independent second entry.
      const batch = batchOf(t.db, 'HN_scan', '01', true);
      const first = await scan(pngs, batch, boss, layout);
      expect([first.saved, first.review, first.alreadyScanned]).toEqual([1, 1, 0]);
      const before = ['keying_entries', 'scan_reviews', 'conflicts', 'responses'].map((table) => count(t.db, table));
      for (const who of [boss, other]) {
        const again = await scan(pngs, batch, who, layout);
        expect([again.saved, again.review, again.conflicts, again.alreadyScanned]).toEqual([0, 0, 0, 2]);
        expect(again.problems.map((p) => scanProblemText(p, 'en'))).toEqual([
          'serial HN-000001 was scanned before; not read again',
          'serial HN-000002 was scanned before; not read again',
        ]);
      }
      expect(['keying_entries', 'scan_reviews', 'conflicts', 'responses'].map((table) => count(t.db, table))).toEqual(before);
      expect(findResponseBySerial(t.db, 'tiny', 'HN-000001')?.status).toBe('submitted');
    },
    SLOW,
  );
});
