import type { Question, SurveyDefinition } from '../definitions/survey-schema.js';
import { formTextsIn, skipInstruction, type Lang } from './form-texts.js';
import { numberedQuestions, skipsOf } from './skip-instructions.js';

/**
 * The paper form laid out from a definition: pure geometry in points (1/72 inch), origin at
 * the page's top-left corner. The PDF is drawn from this, and the scanner reads the same
 * numbers back, so what is printed and what is measured cannot drift apart.
 */

export const A4 = { width: 595.28, height: 841.89 } as const;
/** Side of a solid registration square; its centre is this far from both edges of its corner. */
export const MARK_SIZE = 14;
export const MARK_INSET = 28;
export const BOX = 11;
const LEFT = 50;
const RIGHT = A4.width - 50;
const TOP = 118;
const BOTTOM = A4.height - 52;
const QR_SIZE = 68;

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}
/** A box a respondent marks (`code` is the answer it stands for) or a field they write in (`code` null). */
export interface LayoutBox extends Rect {
  variable: string;
  code: number | null;
  kind: 'mark' | 'write';
  /** The question the box belongs to: two marks in one single-choice question are a conflict. */
  question: string;
}
export interface LayoutText {
  text: string;
  x: number;
  y: number;
  w: number;
  size: number;
  style: 'regular' | 'bold' | 'italic';
  align?: 'left' | 'center';
}
export interface TemplatePage {
  number: number;
  texts: LayoutText[];
  boxes: LayoutBox[];
}
export interface FormTemplate {
  survey: string;
  version: string;
  lang: Lang;
  size: { width: number; height: number };
  marks: { x: number; y: number }[];
  qr: Rect;
  pages: TemplatePage[];
}

/** Height of a text at a size when wrapped to a width; the PDF library's own metrics in practice. */
export type Measure = (text: string, size: number, width: number, style: LayoutText['style']) => number;

/** Centres of the four registration squares: top-left, top-right, bottom-left, bottom-right. */
export function markCentres(size: { width: number; height: number } = A4): { x: number; y: number }[] {
  return [
    { x: MARK_INSET, y: MARK_INSET },
    { x: size.width - MARK_INSET, y: MARK_INSET },
    { x: MARK_INSET, y: size.height - MARK_INSET },
    { x: size.width - MARK_INSET, y: size.height - MARK_INSET },
  ];
}

interface Block {
  height: number;
  texts: LayoutText[];
  boxes: LayoutBox[];
  /** Repeated at the top of a new page when a block of rows continues there (a matrix's header). */
  header?: Block;
}

function shift(block: Block, dy: number): Block {
  return {
    height: block.height,
    texts: block.texts.map((t) => ({ ...t, y: t.y + dy })),
    boxes: block.boxes.map((b) => ({ ...b, y: b.y + dy })),
  };
}

export function layoutForm(definition: SurveyDefinition, lang: Lang, measure: Measure): FormTemplate {
  const blocks: Block[] = [];
  const text = (t: string, x: number, y: number, w: number, size: number, style: LayoutText['style'] = 'regular'): { item: LayoutText; h: number } => ({
    item: { text: t, x, y, w, size, style },
    h: measure(t, size, w, style),
  });
  const questions = numberedQuestions(definition);
  const numberOf = (i: number | 'end'): number | 'end' => (i === 'end' ? 'end' : questions[i]!.number);

  const intro = definition.intro.map((p) => p[lang]).join(' ');
  const how = text(`${intro ? `${intro} ` : ''}${formTextsIn(lang)('howTo')}`, LEFT, 0, RIGHT - LEFT, 8.5, 'italic');
  blocks.push({ height: how.h + 8, texts: [how.item], boxes: [] });

  let section = '';
  questions.forEach((entry, index) => {
    if (entry.section !== section) {
      section = entry.section;
      const s = definition.sections.find((x) => x.id === section)!;
      const t = text(s.title[lang].toUpperCase(), LEFT, 4, RIGHT - LEFT, 10.5, 'bold');
      blocks.push({ height: t.h + 10, texts: [t.item], boxes: [] });
    }
    questionBlocks(definition, entry.question, entry.number, lang, text, skipsOf(questions, index), numberOf).forEach((b) => blocks.push(b));
  });

  const pages: TemplatePage[] = [];
  let page: TemplatePage = { number: 1, texts: [], boxes: [] };
  let y = TOP;
  const place = (b: Block): void => {
    const s = shift(b, y);
    page.texts.push(...s.texts);
    page.boxes.push(...s.boxes);
    y += b.height;
  };
  for (const b of blocks) {
    if (y + b.height > BOTTOM && y > TOP) {
      pages.push(page);
      page = { number: pages.length + 1, texts: [], boxes: [] };
      y = TOP;
      if (b.header) place(b.header);
    }
    place(b);
  }
  pages.push(page);
  return {
    survey: definition.id,
    version: definition.version,
    lang,
    size: { ...A4 },
    marks: markCentres(),
    qr: { x: RIGHT - QR_SIZE + 10, y: 40, w: QR_SIZE, h: QR_SIZE },
    pages,
  };
}

type TextFn = (t: string, x: number, y: number, w: number, size: number, style?: LayoutText['style']) => { item: LayoutText; h: number };

const FIELD_H = 20;
const LABEL_SIZE = 9.5;
const OPTION_SIZE = 9;

type Skip = { option: number; to: number | 'end' };
type ChoiceOption = { code: number; label: { vi: string; en: string }; specify?: string };

/** One row per option: its mark box, its label, and a field to write in for an option to specify. */
function optionRows(q: Question, options: readonly ChoiceOption[], variableOf: (code: number) => string, lang: Lang, text: TextFn): Block[] {
  const width = RIGHT - LEFT;
  return options.map((o) => {
    const label = text(`${o.label[lang]}  (${o.code})`, LEFT + 22, 0, width - 22 - (o.specify ? 200 : 0), OPTION_SIZE);
    const h = Math.max(BOX, label.h) + 5;
    const box: LayoutBox = {
      variable: variableOf(o.code),
      code: q.type === 'multiple' ? 1 : o.code,
      kind: 'mark',
      question: q.code,
      x: LEFT + 6,
      y: 0,
      w: BOX,
      h: BOX,
    };
    const block: Block = { height: h, texts: [label.item], boxes: [box] };
    if (o.specify) {
      const sp = text(`${formTextsIn(lang)('specify')}:`, RIGHT - 195, 0, 60, 8, 'italic');
      block.texts.push(sp.item);
      block.boxes.push({ variable: o.specify, code: null, kind: 'write', question: q.code, x: RIGHT - 140, y: -4, w: 140, h: FIELD_H - 2 });
      block.height = Math.max(h, FIELD_H + 2);
    }
    return block;
  });
}

/** A single choice or rating: the title with the first option, the other options, then where each skip goes. */
function choiceBlocks(
  definition: SurveyDefinition,
  q: Extract<Question, { type: 'single' | 'rating' }>,
  head: Block,
  lang: Lang,
  text: TextFn,
  skips: Skip[],
  numberOf: (i: number | 'end') => number | 'end',
): Block[] {
  const options = q.type === 'single' && q.options ? q.options : (definition.scales[q.scale!]?.options ?? []);
  const blocks = optionRows(q, options, () => q.code, lang, text);
  blocks[0] = merge(head, blocks[0]!);
  for (const s of skips) {
    const option = options.find((o) => o.code === s.option)!;
    const t = text(`→ ${skipInstruction(lang, option.label[lang], numberOf(s.to))}`, LEFT + 22, 0, RIGHT - LEFT - 22, 8.5, 'italic');
    blocks.push({ height: t.h + 3, texts: [t.item], boxes: [] });
  }
  return blocks;
}

/** A matrix: the scale's header (repeated on a new page), then one row of boxes per item. */
function matrixBlocks(definition: SurveyDefinition, q: Extract<Question, { type: 'matrix' }>, number: number, head: Block, lang: Lang, text: TextFn): Block[] {
  const width = RIGHT - LEFT;
  const scale = definition.scales[q.scale]!;
  const n = scale.options.length;
  const col = Math.min(62, (width * 0.55) / n);
  const labelW = width - col * n - 6;
  const colX = (i: number): number => LEFT + labelW + 6 + i * col;
  const headerTexts = scale.options.map((o, i) => text(`${o.label[lang]} (${o.code})`, colX(i), 0, col - 2, 7, 'regular'));
  const hh = Math.max(...headerTexts.map((t) => t.h)) + 4;
  const header: Block = { height: hh, texts: headerTexts.map((t) => ({ ...t.item, align: 'center' as const })), boxes: [] };
  const blocks = [merge(head, header)];
  q.items.forEach((item, ii) => {
    const label = text(`${number}.${ii + 1}  ${item.label[lang]}`, LEFT + 4, 0, labelW - 4, OPTION_SIZE);
    const h = Math.max(BOX, label.h) + 6;
    const boxes = scale.options.map((o, i): LayoutBox => ({
      variable: item.code,
      code: o.code,
      kind: 'mark',
      question: item.code,
      x: colX(i) + (col - 2 - BOX) / 2,
      y: (h - 6 - BOX) / 2,
      w: BOX,
      h: BOX,
    }));
    blocks.push({ height: h, texts: [label.item], boxes, header });
  });
  return blocks;
}

/** The blocks of one question, each small enough never to be split across pages. */
function questionBlocks(
  definition: SurveyDefinition,
  q: Question,
  number: number,
  lang: Lang,
  text: TextFn,
  skips: Skip[],
  numberOf: (i: number | 'end') => number | 'end',
): Block[] {
  const words = formTextsIn(lang);
  const width = RIGHT - LEFT;
  const title = text(
    `${words('question')} ${number}. ${q.label[lang]}${q.type === 'multiple' ? ` ${words('chooseMany')}` : ''}`,
    LEFT,
    2,
    width,
    LABEL_SIZE,
    'bold',
  );
  const head: Block = { height: title.h + 5, texts: [title.item], boxes: [] };
  const blocks: Block[] = [];
  switch (q.type) {
    case 'single':
    case 'rating':
      blocks.push(...choiceBlocks(definition, q, head, lang, text, skips, numberOf));
      break;
    case 'multiple': {
      const rows = optionRows(q, q.options, (code) => `${q.code}_${code}`, lang, text);
      rows[0] = merge(head, rows[0]!);
      blocks.push(...rows);
      break;
    }
    case 'matrix':
      blocks.push(...matrixBlocks(definition, q, number, head, lang, text));
      break;
    case 'place':
      blocks.push(head);
      for (const level of q.levels) blocks.push(writeRow(level.code, q.code, level.label[lang], 200, FIELD_H, text, lang));
      break;
    case 'number':
      blocks.push(merge(head, writeRow(q.code, q.code, '', 90, FIELD_H, text, lang)));
      break;
    case 'text':
    case 'longtext':
      blocks.push(merge(head, writeRow(q.code, q.code, '', width - 22, q.type === 'longtext' ? 56 : FIELD_H, text, lang)));
      break;
  }
  const last = blocks[blocks.length - 1]!;
  last.height += 6;
  return blocks;
}

function writeRow(variable: string, question: string, label: string, w: number, h: number, text: TextFn, _lang: Lang): Block {
  const labelW = label ? 130 : 0;
  const texts = label ? [text(label, LEFT + 22, 5, labelW - 6, OPTION_SIZE).item] : [];
  return { height: h + 6, texts, boxes: [{ variable, code: null, kind: 'write', question, x: LEFT + 22 + labelW, y: 1, w, h }] };
}

/** Two blocks kept together on one page, the second below the first. */
function merge(a: Block, b: Block): Block {
  const s = shift(b, a.height);
  return { height: a.height + b.height, texts: [...a.texts, ...s.texts], boxes: [...a.boxes, ...s.boxes], ...(b.header ? { header: b.header } : {}) };
}

/** One printed page as `forms.layout.json` holds it, and as the scanner reads it. */
export interface PageLayout {
  serial: string;
  page: number;
  pages: number;
  size: { width: number; height: number };
  marks: { x: number; y: number }[];
  qr: Rect;
  boxes: LayoutBox[];
}
export interface FormsLayout {
  survey: string;
  version: string;
  lang: Lang;
  batch: string;
  pages: PageLayout[];
}

/** Every page of every form, in print order: each serial's pages have the template's boxes. */
export function formsLayout(template: FormTemplate, batch: string, serials: readonly string[]): FormsLayout {
  const pages: PageLayout[] = [];
  for (const serial of serials) {
    for (const p of template.pages) {
      pages.push({ serial, page: p.number, pages: template.pages.length, size: template.size, marks: template.marks, qr: template.qr, boxes: p.boxes });
    }
  }
  return { survey: template.survey, version: template.version, lang: template.lang, batch, pages };
}
