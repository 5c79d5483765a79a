import type { Db } from '../../db/open-database.js';
import { hashCode, normaliseCode } from '../access-codes/access-code-format.js';
import { findAccessCodeByHash } from '../access-codes/access-code-repository.js';
import type { Survey } from '../definitions/compile-survey.js';
import type { CurrentUser } from '../auth/current-user.js';
import type { Batch } from '../keying/keying-repository.js';
import { keyedFormProblems, type KeyedForm } from '../keying/keyed-form.js';
import { saveKeyedForm, type SaveOutcome } from '../keying/save-keyed-form.js';
import { MARK_SIZE, type FormTemplate, type FormsLayout, type LayoutBox, type PageLayout } from '../printing/form-layout.js';
import type { Lang } from '../printing/form-texts.js';
import { decodePageIdentity, type PageIdentity } from '../printing/qr-payload.js';
import { readPage, type ReviewItem } from './decide-marks.js';
import { loadScanPages, pngOf, readQrText } from './load-scans.js';
import { cropBox, measureFill, pageLevels } from './measure-fill.js';
import { findMarks, fitAffine, type GrayImage } from './register-page.js';
import { findScanRecord, insertScanReview, type NewScanReview, type ReviewEntry } from './scan-review-repository.js';
import type { ScanProblem } from './scan-problems.js';

/**
 * `sipas scan`: each page is identified by its QR code, registered on its marks, its boxes
 * read; a form read with confidence is saved as a first keyed entry (so the batch's
 * verification and double-entry rules apply), any other goes to the review queue.
 */

export interface ScanSummary {
  pages: number;
  forms: number;
  marks: number;
  uncertain: number;
  unreadable: number;
  saved: number;
  review: number;
  conflicts: number;
  /** Forms whose serial was scanned before (a page fed twice, a file loaded again): not read again. */
  alreadyScanned: number;
  problems: ScanProblem[];
}

export interface ScanOptions {
  survey: Survey;
  batch: Batch;
  /** The province the scans are loaded for: a form printed for another province is refused. */
  province: string;
  user: CurrentUser;
  /** The layout written by `sipas print`; without it the layout is made again from the definition. */
  layout: FormsLayout | null;
  template: (lang: Lang) => FormTemplate;
  now: () => number;
  onPage?: (done: number) => void;
  /** Aborted: reading stops at the next page and nothing is saved; while saving, at the next form (those saved stay). */
  signal?: AbortSignal;
}

export class ScanCancelled extends Error {
  constructor(readonly saved: number) {
    super('the scan was cancelled');
    this.name = 'ScanCancelled';
  }
}

interface ReadPage {
  page: number;
  pages: number;
  answers: Record<string, number>;
  review: { item: ReviewItem; crop: string }[];
  marks: number;
}

/** Where on an A4 scan the QR code is looked for first: the top right, generously. */
const qrRegion = { x0: 0.6, y0: 0, x1: 1, y1: 0.22 };

type ScannedForm = { code: string; pages: Map<number, ReadPage> };

/**
 * Whose page this is and where its boxes are: the QR code must name this survey and version and a
 * serial issued with that code, for this province, with a page in the layout. Otherwise, why not.
 */
function identifyPage(
  db: Db,
  image: GrayImage,
  o: ScanOptions,
  layouts: ReadonlyMap<string, PageLayout>,
): { id: PageIdentity; layout: PageLayout } | ScanProblem {
  const text = readQrText(image, qrRegion) ?? readQrText(image, { x0: 0, y0: 0, x1: 1, y1: 1 });
  const id = text === null ? null : decodePageIdentity(text);
  if (!id) return { key: 'noQr', params: {} };
  if (id.survey !== o.survey.id || id.version !== o.survey.version)
    return { key: 'otherSurvey', params: { survey: id.survey, version: id.version, expected: `${o.survey.id} ${o.survey.version}` } };
  const issued = normaliseCode(id.code);
  const code = issued === null ? null : findAccessCodeByHash(db, o.survey.id, hashCode(issued));
  if (code?.serial !== id.serial) return { key: 'neverIssued', params: { serial: id.serial } };
  // The code's batch says where the form was sent: a supervisor loads only their province's forms.
  if (code.province !== null && code.province !== o.province)
    return { key: 'otherProvince', params: { serial: id.serial, province: code.province, expected: o.province } };
  const layout = layouts.get(`${id.serial}#${id.page}`) ?? (o.layout ? null : templatePage(o.template(id.lang), id.serial, id.page));
  if (!layout) return { key: 'notInLayout', params: { serial: id.serial, page: String(id.page) } };
  return { id, layout };
}

/** Every page of every file read and grouped by serial; pages that cannot be read are counted and said why. */
async function readAllPages(db: Db, files: readonly string[], o: ScanOptions, summary: ScanSummary): Promise<Map<string, ScannedForm>> {
  const layouts = new Map<string, PageLayout>();
  for (const p of o.layout?.pages ?? []) layouts.set(`${p.serial}#${p.page}`, p);
  const forms = new Map<string, ScannedForm>();
  for (const file of files) {
    for await (const { page, image } of loadScanPages(file)) {
      if (o.signal?.aborted) throw new ScanCancelled(0);
      summary.pages++;
      o.onPage?.(summary.pages);
      const identified = identifyPage(db, image, o, layouts);
      const read = 'key' in identified ? null : await readRegisteredPage(image, identified.layout);
      if ('key' in identified || !read) {
        summary.unreadable++;
        summary.problems.push({ ...('key' in identified ? identified : { key: 'noCorners', params: {} }), file, page });
        continue;
      }
      const { id, layout } = identified;
      const form = forms.get(id.serial) ?? { code: id.code, pages: new Map<number, ReadPage>() };
      form.pages.set(id.page, { page: id.page, pages: layout.pages, ...read });
      forms.set(id.serial, form);
    }
  }
  return forms;
}

/** A form's pages put together: its answers, what needs a person's eye (a missing page too), and its counts. */
function assembleForm(form: ScannedForm): { answers: Record<string, number>; items: ReviewEntry[]; marks: number; uncertain: number } {
  const answers: Record<string, number> = {};
  const items: ReviewEntry[] = [];
  let marks = 0;
  let uncertain = 0;
  const expected = [...form.pages.values()][0]!.pages;
  for (let p = 1; p <= expected; p++) {
    const page = form.pages.get(p);
    if (!page) {
      items.push({ variable: '', reason: 'missing_page', page: p, crop: '' });
      continue;
    }
    Object.assign(answers, page.answers);
    marks += page.marks;
    for (const r of page.review) {
      if (r.item.reason !== 'handwriting') uncertain++;
      items.push({ variable: r.item.variable, reason: r.item.reason, page: p, crop: r.crop });
    }
  }
  return { answers, items, marks, uncertain };
}

/** Saves one scanned form as a first keyed entry, or puts it in the review queue; counts it in the summary. */
function saveScannedForm(db: Db, serial: string, form: ScannedForm, o: ScanOptions, summary: ScanSummary): void {
  const { answers, items, marks, uncertain } = assembleForm(form);
  const keyed: KeyedForm = { serial, answers, reason: null, fieldsKeyed: Object.keys(answers).length + 1 };
  // A paper form cannot force an answer: a blank required question is missing data, not a reason to stop the form.
  const problems = keyedFormProblems(o.survey, keyed, o.batch.province).filter((p) => p.kind !== 'required');
  for (const p of problems) items.push({ variable: p.code, reason: 'uncertain', page: 0, crop: '' });
  const at = o.now();
  const record: NewScanReview = {
    surveyId: o.survey.id,
    surveyVersion: o.survey.version,
    batchId: o.batch.id,
    serial,
    answers,
    items,
    createdBy: o.user.id,
    at,
    resolvedAt: items.length === 0 ? at : null,
  };
  // One scan record a serial, written with the entry it makes: a form fed twice is read once, whoever loads it.
  const outcome = db.$client
    .transaction((): SaveOutcome | 'review' | 'again' => {
      if (findScanRecord(db, o.survey.id, serial)) return 'again';
      insertScanReview(db, record);
      return items.length === 0 ? saveKeyedForm(db, o.survey, o.batch, o.user, keyed, at, at) : 'review';
    })
    .immediate();
  if (outcome === 'again') {
    summary.alreadyScanned++;
    summary.problems.push({ key: 'scannedBefore', params: { serial } });
    return;
  }
  summary.marks += marks;
  summary.uncertain += uncertain;
  if (outcome === 'review') summary.review++;
  else if (outcome.kind === 'conflict') summary.conflicts++;
  else summary.saved++;
}

export async function scanFiles(db: Db, files: readonly string[], o: ScanOptions): Promise<ScanSummary> {
  const summary: ScanSummary = {
    pages: 0,
    forms: 0,
    marks: 0,
    uncertain: 0,
    unreadable: 0,
    saved: 0,
    review: 0,
    conflicts: 0,
    alreadyScanned: 0,
    problems: [],
  };
  const forms = await readAllPages(db, files, o, summary);
  for (const [serial, form] of forms) {
    if (o.signal?.aborted) throw new ScanCancelled(summary.saved + summary.review + summary.conflicts);
    summary.forms++;
    if (findScanRecord(db, o.survey.id, serial)) {
      summary.alreadyScanned++;
      summary.problems.push({ key: 'scannedBefore', params: { serial } });
      continue;
    }
    saveScannedForm(db, serial, form, o, summary);
  }
  return summary;
}

function templatePage(t: FormTemplate, serial: string, page: number): PageLayout | null {
  const p = t.pages.find((x) => x.number === page);
  return p ? { serial, page, pages: t.pages.length, size: t.size, marks: t.marks, qr: t.qr, boxes: p.boxes } : null;
}

/** Registers one page on its marks and reads every box; null when the marks are not all found. */
export async function readRegisteredPage(image: GrayImage, layout: PageLayout): Promise<Omit<ReadPage, 'page' | 'pages'> | null> {
  const found = findMarks(image, layout.size, layout.marks, MARK_SIZE);
  if (!found) return null;
  const fit = fitAffine(layout.marks, found);
  // Four points fit an affine map with two to spare: a large residual means a mark was mistaken.
  if (!fit || fit.residual > (MARK_SIZE / 2) * Math.hypot(fit.transform.a, fit.transform.d)) return null;
  const levels = pageLevels(image, fit.transform, layout.marks, MARK_SIZE);
  const reading = readPage(layout.boxes.map((box) => ({ box, fill: measureFill(image, fit.transform, box, levels, insetOf(box)) })));
  const review: { item: ReviewItem; crop: string }[] = [];
  for (const item of reading.review) review.push({ item, crop: (await pngOf(cropBox(image, fit.transform, around(item.boxes), 6))).toString('base64') });
  return { answers: reading.answers, marks: reading.marks, review };
}

/** A mark box loses a fifth of its side on each edge (its border, a little misregistration); a write-in field only its border. */
export const insetOf = (box: LayoutBox): number => (box.kind === 'mark' ? 0.2 * Math.min(box.w, box.h) : 2.5);

function around(boxes: readonly LayoutBox[]): { x: number; y: number; w: number; h: number } {
  const x = Math.min(...boxes.map((b) => b.x));
  const y = Math.min(...boxes.map((b) => b.y));
  return { x, y, w: Math.max(...boxes.map((b) => b.x + b.w)) - x, h: Math.max(...boxes.map((b) => b.y + b.h)) - y };
}
