import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-db.js';
import { tinySurvey } from '../helpers/tiny-survey.js';
import { degrade, drawMark, readGrey, seeded } from '../helpers/draw-on-page.js';
import { tinySurveysDir } from '../printing/print-fixtures.js';
import { openDatabase } from '../../src/db/open-database.js';
import { findResponseBySerial } from '../../src/modules/responses/response-repository.js';
import { unpackAnswers } from '../../src/modules/responses/pack-answers.js';
import { formTemplate, writeFormsPdf } from '../../src/modules/printing/render-forms-pdf.js';
import { SurveyDefinition } from '../../src/modules/definitions/survey-schema.js';
import { tinyDefinition } from '../helpers/tiny-survey.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const env = { SIPAS_SURVEYS: tinySurveysDir(tmp.dir), SIPAS_DB: join(tmp.dir, 'sipas.db') };

// Each case runs the real command (a few seconds each on an idle machine, a minute on a busy one).
const SLOW = 300_000;

describe('sipas scan', () => {
  beforeAll(() => {
    expect(runCli(['user', 'add', '--username', 'boss', '--role', 'admin', '--name', 'Lê Văn Nam'], { env, input: 'a-long-password-1\n' }).status).toBe(0);
    expect(
      runCli(['user', 'add', '--username', 'keyer', '--role', 'enumerator', '--name', 'Keyer', '--province', '01'], { env, input: 'a-long-password-2\n' })
        .status,
    ).toBe(0);
  }, SLOW);

  it(
    'reads the printed PDF itself: blank forms are saved with every answer missing, none held back',
    () => {
      const pdf = join(tmp.dir, 'blank.pdf');
      expect(runCli(['print', 'tiny', '--batch', 'BL', '--province', '01', '--count', '2', '--out', pdf], { env }).status).toBe(0);
      const r = runCli(['scan', 'tiny', pdf, '--user', 'boss', '--province', '01'], { env });
      expect(r.stderr).toBe('');
      expect(r.stdout).toContain('batch SCAN_scan: 2 forms saved as first entries, 0 waiting for review');
      expect(r.stdout.trim().split('\n').at(-1)).toBe('read 4 pages, forms 2, marks 0, uncertain 0, unreadable 0');
    },
    SLOW,
  );

  it(
    'without a layout file, lays the form out again from the definition and reads a page turned 4.5°',
    async () => {
      const pdf = join(tmp.dir, 'one.pdf');
      expect(runCli(['print', 'tiny', '--batch', 'ONE', '--province', '01', '--count', '1', '--out', pdf], { env }).status).toBe(0);
      execFileSync('pdftoppm', ['-r', '200', '-gray', '-png', pdf, join(tmp.dir, 'one')]);
      const template = formTemplate(SurveyDefinition.parse(tinyDefinition()), 'vi');
      const files: string[] = [];
      for (const page of template.pages) {
        const img = await readGrey(join(tmp.dir, `one-${page.number}.png`));
        for (const b of page.boxes) {
          if ((b.variable === 'SEX' && b.code === 2) || (b.variable === 'USED' && b.code === 2)) drawMark(img, b, 'cross', 200 / 72, seeded(page.number));
        }
        const file = join(tmp.dir, `one-scan-${page.number}.png`);
        writeFileSync(file, await degrade(img, { angle: -4.5, noise: 4, format: 'png', seed: page.number }));
        files.push(file);
      }
      const r = runCli(['scan', 'tiny', ...files, '--user', 'boss', '--province', '01', '--batch', 'ONE_scan'], { env });
      expect(r.stdout.trim().split('\n').at(-1)).toBe('read 2 pages, forms 1, marks 2, uncertain 0, unreadable 0');
      const db = openDatabase(env.SIPAS_DB);
      try {
        const response = findResponseBySerial(db, 'tiny', 'ONE-000001')!;
        expect(unpackAnswers(tinySurvey(), response.codes, response.values)).toEqual({ SEX: 2, USED: 2 });
      } finally {
        db.$client.close();
      }
    },
    SLOW,
  );

  it(
    'counts a page whose serial and access code were never issued as unreadable, and saves nothing',
    async () => {
      const definition = SurveyDefinition.parse(tinyDefinition());
      const pdf = join(tmp.dir, 'forged.pdf');
      await writeFormsPdf(pdf, definition, formTemplate(definition, 'vi'), [{ serial: 'ONE-000009', code: '22222-33333' }]);
      const r = runCli(['scan', 'tiny', pdf, '--user', 'boss', '--province', '01', '--batch', 'FORGED'], { env });
      expect(r.stderr).toContain('serial ONE-000009 with this access code was never issued');
      expect(r.stdout.trim().split('\n').at(-1)).toBe('read 2 pages, forms 0, marks 0, uncertain 0, unreadable 2');
    },
    SLOW,
  );

  it(
    'refuses a file that is not a scan, a missing file and a user who is not a supervisor, with exit 2',
    () => {
      const notes = join(tmp.dir, 'notes.txt');
      writeFileSync(notes, 'hello');
      const bad = runCli(['scan', 'tiny', notes, '--user', 'boss', '--province', '01'], { env });
      expect(bad.status).toBe(2);
      expect(bad.stderr).toContain('is not a PDF, PNG, JPEG or TIFF file');
      expect(runCli(['scan', 'tiny', join(tmp.dir, 'nope.png'), '--user', 'boss', '--province', '01'], { env }).stderr).toContain('no such file');
      const keyer = runCli(['scan', 'tiny', notes, '--user', 'keyer', '--province', '01'], { env });
      expect(keyer.status).toBe(2);
      expect(keyer.stderr).toContain('keyer is enumerator; scans are loaded by a supervisor or an administrator');
    },
    SLOW,
  );

  it(
    "takes the province like sipas print: required, a code of the list, one the supervisor works on, and the batch's",
    () => {
      expect(
        runCli(['user', 'add', '--username', 'north', '--role', 'supervisor', '--name', 'North', '--province', '01'], { env, input: 'a-long-password-3\n' })
          .status,
      ).toBe(0);
      const pdf = join(tmp.dir, 'blank.pdf');
      const missing = runCli(['scan', 'tiny', pdf, '--user', 'north'], { env });
      expect([missing.status, missing.stderr]).toEqual([2, expect.stringContaining('--province CODE is required')]);
      const unknown = runCli(['scan', 'tiny', pdf, '--user', 'north', '--province', '99'], { env });
      expect([unknown.status, unknown.stderr]).toEqual([2, expect.stringContaining('--province CODE is required')]);
      const elsewhere = runCli(['scan', 'tiny', pdf, '--user', 'north', '--province', '79'], { env });
      expect([elsewhere.status, elsewhere.stderr]).toEqual([2, expect.stringContaining('north does not work on province 79')]);
      // SCAN_scan was made for province 01 by the first case; an administrator cannot load 79's forms into it.
      const batch = runCli(['scan', 'tiny', pdf, '--user', 'boss', '--province', '79'], { env });
      expect([batch.status, batch.stderr]).toEqual([2, expect.stringContaining('batch "SCAN_scan" is not a batch of province 79')]);
    },
    SLOW,
  );
});
