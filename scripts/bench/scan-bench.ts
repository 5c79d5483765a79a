// Issue 21's benchmark: BENCH_SCAN_FORMS (200) generated sipas-2023 paper forms, filled in with
// realistic marks (cross, tick, full box, light pencil, a mark blackened and another made) and
// degraded page by page (150, 200 or 300 dpi; rotation up to ±3°; noise; JPEG or PNG), read back
// by the scanner. Reports the share of marks decided right without review, the share sent to
// review, the wrong answers accepted without review, and pages a second against the baseline of
// decoding the same files with sharp alone (what any reader of the images pays).
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import { loadSurveys } from '../../src/modules/definitions/load-surveys.js';
import { formsLayout, type LayoutBox, type PageLayout } from '../../src/modules/printing/form-layout.js';
import { formTemplate, writeFormsPdf } from '../../src/modules/printing/render-forms-pdf.js';
import { decodePageIdentity } from '../../src/modules/printing/qr-payload.js';
import { readQrText } from '../../src/modules/scanning/load-scans.js';
import { readRegisteredPage } from '../../src/modules/scanning/scan-forms.js';
import type { GrayImage } from '../../src/modules/scanning/register-page.js';
import { degrade, drawMark, readGrey, seeded, type MarkKind } from '../../test/helpers/draw-on-page.js';
import { benchDir, report } from './bench-support.js';

const N = Number(process.env.BENCH_SCAN_FORMS ?? 200);
const DPIS = [150, 200, 300];
const { dir, cleanup } = benchDir('scan');
try {
  const survey = loadSurveys(join(import.meta.dirname, '..', '..', 'surveys')).byId.get('sipas-2023')!;
  const template = formTemplate(survey.definition, 'vi');
  const pdf = join(dir, 'form.pdf');
  await writeFormsPdf(pdf, survey.definition, template, [{ serial: 'BENCH-000001', code: '2R98F-28V6E' }]);
  const layout = formsLayout(template, 'BENCH', ['BENCH-000001']).pages;
  const blank = new Map<number, GrayImage[]>();
  for (const dpi of DPIS) {
    execFileSync('pdftoppm', ['-r', String(dpi), '-gray', '-png', pdf, join(dir, `r${dpi}`)]);
    const files = readdirSync(dir)
      .filter((f) => f.startsWith(`r${dpi}-`))
      .sort();
    blank.set(dpi, await Promise.all(files.map((f) => readGrey(join(dir, f)))));
  }

  const random = seeded(2026);
  const styleOf = (): MarkKind => {
    const r = random();
    return r < 0.4 ? 'cross' : r < 0.7 ? 'tick' : r < 0.85 ? 'full' : 'pencil';
  };
  let marks = 0;
  let blanks = 0;
  let right = 0;
  let review = 0;
  let wrong = 0;
  let wrongBlank = 0;
  let unreadable = 0;
  let pages = 0;
  let scanMs = 0;
  let decodeMs = 0;
  const files: Buffer[] = [];

  for (let form = 0; form < N; form++) {
    // A long run on a busy machine: the running counts now and then, so a stopped run still says something.
    if (form > 0 && form % 20 === 0)
      process.stderr.write(
        `${form} forms, ${pages} pages: ${marks} marks, ${right} right, ${review} review, ${wrong} wrong, ${((pages * 1000) / scanMs).toFixed(2)} pages/s\n`,
      );
    for (const page of layout) {
      const dpi = DPIS[Math.floor(random() * DPIS.length)]!;
      const img = blank.get(dpi)![page.page - 1]!;
      const drawn: GrayImage = { width: img.width, height: img.height, data: new Uint8Array(img.data) };
      const truth = fillIn(page, drawn, dpi / 72, random, styleOf);
      const file = await degrade(drawn, {
        angle: (random() * 2 - 1) * 3,
        noise: random() * 12,
        format: random() < 0.5 ? 'jpeg' : 'png',
        seed: form * 10 + page.page,
      });
      files.push(file);
      pages++;
      const t0 = performance.now();
      const { data, info } = await sharp(file).greyscale().raw().toBuffer({ resolveWithObject: true });
      const image: GrayImage = { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
      const text = readQrText(image, { x0: 0.6, y0: 0, x1: 1, y1: 0.22 }) ?? readQrText(image, { x0: 0, y0: 0, x1: 1, y1: 1 });
      const id = text ? decodePageIdentity(text) : null;
      const read = id?.page === page.page ? await readRegisteredPage(image, page) : null;
      scanMs += performance.now() - t0;
      if (!read) {
        unreadable++;
        const answered = [...truth.values()].filter((v) => v !== undefined).length;
        marks += answered;
        review += answered;
        continue;
      }
      const toReview = new Set(read.review.map((r) => r.item.variable));
      for (const [v, want] of truth) {
        const got = read.answers[v];
        if (want === undefined) {
          blanks++;
          if (!toReview.has(v) && got !== undefined) wrongBlank++;
          continue;
        }
        marks++;
        if (toReview.has(v)) review++;
        else if (got === want) right++;
        else wrong++;
      }
    }
  }
  // The baseline: decoding the same files, nothing else.
  const t0 = performance.now();
  for (const f of files) await sharp(f).greyscale().raw().toBuffer();
  decodeMs = performance.now() - t0;

  const pct = (n: number, of: number): string => `${((100 * n) / Math.max(1, of)).toFixed(2)}%`;
  report([
    ['forms, pages', `${N}, ${pages} (${DPIS.join('/')} dpi, ±3°, noise, half JPEG)`],
    ['marks (answered questions)', String(marks)],
    ['decided right without review', `${right} (${pct(right, marks)}; goal ≥ 99%)`],
    ['sent to review', `${review} (${pct(review, marks)})`],
    ['wrong answers accepted without review', `${wrong} of ${marks} marks (goal 0 in 10,000)`],
    ['blank questions read as answered', `${wrongBlank} of ${blanks}`],
    ['unreadable pages', String(unreadable)],
    ['pages a second (decode, QR, register, read)', `${((pages * 1000) / scanMs).toFixed(1)}/s`],
    ['baseline: sharp decode alone', `${((pages * 1000) / decodeMs).toFixed(1)}/s: scanning takes ${(scanMs / decodeMs).toFixed(2)}× the decode`],
  ]);
} finally {
  cleanup();
}

/**
 * Answers every question of the page as a respondent might (now and then none), drawing each
 * in the respondent's style; one in twenty single answers is first made on another box, then
 * blackened. Returns the truth for every variable with boxes on the page.
 */
function fillIn(page: PageLayout, img: GrayImage, scale: number, random: () => number, styleOf: () => MarkKind): Map<string, number | undefined> {
  const truth = new Map<string, number | undefined>();
  const byQuestion = new Map<string, LayoutBox[]>();
  for (const b of page.boxes) {
    if (b.kind !== 'mark') continue;
    byQuestion.set(b.question, [...(byQuestion.get(b.question) ?? []), b]);
  }
  for (const boxes of byQuestion.values()) {
    const variables = [...new Set(boxes.map((b) => b.variable))];
    if (variables.length > 1) {
      // Multiple choice: each option chosen or not, in one style (crosses or ticks).
      const style: MarkKind = random() < 0.5 ? 'cross' : 'tick';
      for (const b of boxes) {
        const chosen = random() < 0.3;
        truth.set(b.variable, chosen ? 1 : undefined);
        if (chosen) drawMark(img, b, style, scale, random);
      }
      continue;
    }
    if (random() < 0.07) {
      truth.set(variables[0]!, undefined);
      continue;
    }
    const pick = boxes[Math.floor(random() * boxes.length)]!;
    truth.set(pick.variable, pick.code!);
    if (random() < 0.05 && boxes.length > 1) {
      const first = boxes.find((b) => b !== pick)!;
      drawMark(img, first, 'scribble', scale, random);
      drawMark(img, pick, random() < 0.5 ? 'cross' : 'tick', scale, random);
    } else {
      drawMark(img, pick, styleOf(), scale, random);
    }
  }
  return truth;
}
