import type { LayoutBox } from '../printing/form-layout.js';
import type { Fill } from './measure-fill.js';

/**
 * From measured fills to answers. A box is empty, marked (a cross, a tick, a pencil stroke),
 * filled (blackened: a full box, or a mark crossed out), or uncertain. A machine answer is
 * accepted only when it is clear; everything else goes to a person, never to a guess.
 */

export type BoxState = 'empty' | 'marked' | 'filled' | 'uncertain';

export const thresholds = {
  /** Below this mean darkness (and with almost no dark pixels) a box is empty. */
  empty: 0.045,
  emptyCoverage: 0.03,
  /** From this mean darkness a box holds a mark. */
  marked: 0.1,
  /** Up to this a mark; from `filled` on the box is blackened; between the two nobody can tell. */
  markedMax: 0.55,
  filled: 0.7,
  /** A field written in: this many square points of its inside dark (a short stroke of a pen). */
  writtenArea: 6,
};

export function boxState(f: Fill): BoxState {
  if (f.mean < thresholds.empty && f.coverage < thresholds.emptyCoverage) return 'empty';
  if (f.mean >= thresholds.filled) return 'filled';
  if (f.mean >= thresholds.marked && f.mean <= thresholds.markedMax) return 'marked';
  return 'uncertain';
}

export type ReviewReason = 'uncertain' | 'two_marks' | 'handwriting';
export interface ReviewItem {
  variable: string;
  reason: ReviewReason;
  boxes: LayoutBox[];
}
export interface PageReading {
  answers: Record<string, number>;
  review: ReviewItem[];
  /** Boxes that carry an answer taken by the machine. */
  marks: number;
}

/**
 * Reads one page's boxes. Single choice (one variable, several boxes): one mark is the answer
 * and a blackened box beside it is a correction; a lone blackened box is the answer; two marks,
 * or anything uncertain, go to review. Multiple choice (one variable a box, several in a
 * question): marks are chosen; a blackened box is chosen only when the question has no other
 * mark, since beside marks it may be a correction. A written field always goes to review.
 */
export function readPage(boxes: readonly { box: LayoutBox; fill: Fill }[]): PageReading {
  const answers: Record<string, number> = {};
  const review: ReviewItem[] = [];
  let marks = 0;
  const byQuestion = new Map<string, { box: LayoutBox; fill: Fill; state: BoxState }[]>();
  for (const { box, fill } of boxes) {
    if (box.kind === 'write') {
      if (fill.coverage * box.w * box.h >= thresholds.writtenArea) review.push({ variable: box.variable, reason: 'handwriting', boxes: [box] });
      continue;
    }
    const list = byQuestion.get(box.question) ?? [];
    list.push({ box, fill, state: boxState(fill) });
    byQuestion.set(box.question, list);
  }
  for (const list of byQuestion.values()) {
    const variables = [...new Set(list.map((b) => b.box.variable))];
    const uncertain = list.filter((b) => b.state === 'uncertain');
    const marked = list.filter((b) => b.state === 'marked');
    const filled = list.filter((b) => b.state === 'filled');
    if (variables.length === 1) {
      const variable = variables[0]!;
      if (uncertain.length > 0) review.push({ variable, reason: 'uncertain', boxes: list.filter((b) => b.state !== 'empty').map((b) => b.box) });
      else if (marked.length === 1) answers[variable] = marked[0]!.box.code!;
      else if (marked.length === 0 && filled.length === 1) answers[variable] = filled[0]!.box.code!;
      else if (marked.length + filled.length > 0) review.push({ variable, reason: 'two_marks', boxes: [...marked, ...filled].map((b) => b.box) });
      if (answers[variable] !== undefined) marks++;
      continue;
    }
    const questionUnclear = uncertain.length > 0 || (filled.length > 0 && marked.length > 0);
    for (const b of list) {
      if (b.state === 'empty') continue;
      if (questionUnclear && b.state !== 'marked')
        review.push({ variable: b.box.variable, reason: b.state === 'filled' ? 'two_marks' : 'uncertain', boxes: [b.box] });
      else if (!questionUnclear || b.state === 'marked') {
        answers[b.box.variable] = b.box.code!;
        marks++;
      }
    }
  }
  return { answers, review, marks };
}
