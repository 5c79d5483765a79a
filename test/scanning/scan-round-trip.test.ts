import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-db.js';
import { tinySurvey } from '../helpers/tiny-survey.js';
import { degrade, drawHandwriting, drawMark, readGrey, seeded, type Degradation, type MarkKind } from '../helpers/draw-on-page.js';
import { tinySurveysDir } from '../printing/print-fixtures.js';
import { openDatabase } from '../../src/db/open-database.js';
import { findResponseBySerial } from '../../src/modules/responses/response-repository.js';
import { unpackAnswers } from '../../src/modules/responses/pack-answers.js';
import { listOpenScanReviews } from '../../src/modules/scanning/scan-review-repository.js';
import { findBatchByName } from '../../src/modules/keying/keying-repository.js';
import type { FormsLayout } from '../../src/modules/printing/form-layout.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const env = { SIPAS_SURVEYS: tinySurveysDir(tmp.dir), SIPAS_DB: join(tmp.dir, 'sipas.db') };
const survey = tinySurvey();
const DPI = 150;
const scale = DPI / 72;

/** Random answers a respondent could give on paper (text fields left blank: missing data). */
function answersFor(random: () => number): Record<string, number> {
  const pick = (n: number): number => 1 + Math.floor(random() * n);
  const a: Record<string, number> = { SEX: pick(2), USED: pick(2) };
  if (random() < 0.8) a.ETH = 1;
  for (const o of [1, 2, 3]) if (random() < 0.5) a[`CH_${o}`] = 1;
  if (a.USED === 1) {
    a.Q1 = pick(5);
    a.Q2 = pick(5);
  }
  return a;
}

const kinds: MarkKind[] = ['cross', 'tick', 'full', 'cross', 'tick'];
const degradations: Omit<Degradation, 'seed'>[] = [
  { angle: 0, noise: 0, format: 'png' },
  { angle: 2.5, noise: 6, format: 'jpeg' },
  { angle: -3, noise: 10, format: 'png' },
  { angle: 1.2, noise: 4, format: 'tiff' },
  { angle: -1, noise: 0, format: 'png' },
  { angle: 0.5, noise: 5, format: 'jpeg' },
];

describe('print, fill in, scan: the stored responses are the drawn answers', () => {
  const drawn = new Map<string, Record<string, number>>();
  let scan: CliResult;
  let layout: FormsLayout;

  beforeAll(async () => {
    const pdf = join(tmp.dir, 'forms.pdf');
    expect(runCli(['print', 'tiny', '--batch', 'RT', '--province', '01', '--count', '6', '--out', pdf], { env }).status).toBe(0);
    expect(runCli(['user', 'add', '--username', 'sup', '--role', 'admin', '--name', 'Trần Thị Lan'], { env, input: 'a-long-password-1\n' }).status).toBe(0);
    layout = JSON.parse(readFileSync(join(tmp.dir, 'forms.layout.json'), 'utf8')) as FormsLayout;
    execFileSync('pdftoppm', ['-r', String(DPI), '-gray', '-png', pdf, join(tmp.dir, 'page')]);
    const rendered = readdirSync(tmp.dir)
      .filter((f) => /^page-\d+\.png$/.test(f))
      .sort();
    expect(rendered).toHaveLength(layout.pages.length);
    const random = seeded(21);
    const serials = [...new Set(layout.pages.map((p) => p.serial))];
    for (const serial of serials) drawn.set(serial, answersFor(random));
    const files: string[] = [];
    for (const [index, page] of layout.pages.entries()) {
      const img = await readGrey(join(tmp.dir, rendered[index]!));
      const form = serials.indexOf(page.serial);
      const answers = drawn.get(page.serial)!;
      for (const box of page.boxes) {
        if (box.kind !== 'mark' || answers[box.variable] !== box.code) continue;
        // A blackened box beside crosses in a multiple choice may be a correction (it goes to a person): one style a question there.
        const kind = box.variable === box.question ? kinds[(form + Math.round(box.y)) % kinds.length]! : 'tick';
        drawMark(img, box, form === 4 && box.variable === 'SEX' ? 'cross' : kind, scale, random);
      }
      // Form 4 corrects its answer to SEX: the first choice blackened, the other one crossed.
      if (form === 3 && page.page === 1) {
        const other = page.boxes.find((b) => b.variable === 'SEX' && b.code !== answers.SEX)!;
        drawMark(img, other, 'scribble', scale, random);
      }
      // Form 5 has two crosses for SEX; form 6 has a comment written in.
      if (form === 4) for (const b of page.boxes.filter((x) => x.variable === 'SEX' && x.code !== answers.SEX)) drawMark(img, b, 'cross', scale, random);
      if (form === 5) for (const b of page.boxes.filter((x) => x.variable === 'NOTE')) drawHandwriting(img, b, scale, random);
      const d = degradations[form]!;
      const file = join(tmp.dir, `scan-${index + 1}.${d.format === 'jpeg' ? 'jpg' : d.format}`);
      writeFileSync(file, await degrade(img, { ...d, seed: index }));
      files.push(file);
    }
    // A page that is not one of ours.
    const stray = join(tmp.dir, 'stray.png');
    writeFileSync(stray, await degrade({ width: 400, height: 560, data: new Uint8Array(400 * 560).fill(250) }, { angle: 0, noise: 3, format: 'png', seed: 1 }));
    scan = runCli(
      ['scan', 'tiny', ...files, stray, '--user', 'sup', '--province', '01', '--layout', join(tmp.dir, 'forms.layout.json'), '--batch', 'RT_scan'],
      { env },
    );
    // Three CLI runs and a dozen pages drawn and encoded: minutes on a busy two-core machine.
  }, 600_000);

  it('reads every page and ends with the counts', () => {
    expect(scan.status).toBe(0);
    const last = scan.stdout.trim().split('\n').at(-1)!;
    const machineMarks = [...drawn.values()].reduce((n, a) => n + Object.keys(a).length, 0) - 1; // form 5's SEX goes to a person
    expect(last).toBe(`read ${layout.pages.length + 1} pages, forms 6, marks ${machineMarks}, uncertain 1, unreadable 1`);
    expect(scan.stderr).toContain('stray.png page 1: no form QR code found');
  });

  it('stores each confident form as a first keyed entry with exactly the drawn answers', () => {
    const db = openDatabase(env.SIPAS_DB);
    try {
      const serials = [...drawn.keys()];
      for (const serial of serials.slice(0, 4)) {
        const r = findResponseBySerial(db, 'tiny', serial);
        expect(r?.channel).toBe('keyed');
        expect(unpackAnswers(survey, r!.codes, r!.values)).toEqual(drawn.get(serial));
      }
      for (const serial of serials.slice(4)) expect(findResponseBySerial(db, 'tiny', serial)).toBeNull();
    } finally {
      db.$client.close();
    }
  });

  it('puts two marks for one answer and a handwritten field in the review queue, with crops', () => {
    const db = openDatabase(env.SIPAS_DB);
    try {
      const batch = findBatchByName(db, 'tiny', 'RT_scan')!;
      const reviews = listOpenScanReviews(db, batch.id);
      const serials = [...drawn.keys()];
      expect(reviews.map((r) => r.serial)).toEqual(serials.slice(4));
      expect(reviews[0]!.items.map((i) => [i.variable, i.reason])).toEqual([['SEX', 'two_marks']]);
      expect(reviews[1]!.items.map((i) => [i.variable, i.reason])).toEqual([['NOTE', 'handwriting']]);
      const { SEX: _sex, ...rest } = drawn.get(serials[4]!)!;
      expect(reviews[0]!.answers).toEqual(rest);
      for (const r of reviews) expect(Buffer.from(r.items[0]!.crop, 'base64').subarray(1, 4).toString()).toBe('PNG');
    } finally {
      db.$client.close();
    }
  });
});
