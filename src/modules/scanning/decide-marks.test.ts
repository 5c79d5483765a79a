import { describe, expect, it } from 'vitest';
import type { LayoutBox } from '../printing/form-layout.js';
import { boxState, readPage } from './decide-marks.js';

const box = (variable: string, code: number | null, question = variable, kind: LayoutBox['kind'] = 'mark'): LayoutBox => ({
  variable,
  code,
  question,
  kind,
  x: 0,
  y: 0,
  w: 11,
  h: 11,
});
const empty = { mean: 0.01, coverage: 0 };
const cross = { mean: 0.3, coverage: 0.3 };
const full = { mean: 0.85, coverage: 1 };
const faint = { mean: 0.07, coverage: 0.05 };
const murky = { mean: 0.62, coverage: 0.7 };

describe('deciding what a box holds', () => {
  it('tells empty, marked, blackened and uncertain apart', () => {
    expect([empty, cross, full, faint, murky].map(boxState)).toEqual(['empty', 'marked', 'filled', 'uncertain', 'uncertain']);
  });
});

describe('reading a page of boxes', () => {
  const single = (fills: (typeof empty)[]) => fills.map((fill, i) => ({ box: box('SEX', i + 1), fill }));

  it('takes one mark as the answer and counts it', () => {
    expect(readPage(single([empty, cross]))).toEqual({ answers: { SEX: 2 }, review: [], marks: 1 });
  });

  it('leaves a question with no mark unanswered: missing data, nothing to review', () => {
    expect(readPage(single([empty, empty]))).toEqual({ answers: {}, review: [], marks: 0 });
  });

  it('takes a lone blackened box as the answer, and a mark beside a blackened box as a correction', () => {
    expect(readPage(single([full, empty])).answers).toEqual({ SEX: 1 });
    expect(readPage(single([full, cross])).answers).toEqual({ SEX: 2 });
  });

  it('sends two marks, two blackened boxes or an uncertain box to review instead of guessing', () => {
    for (const fills of [
      [cross, cross],
      [full, full],
      [faint, cross],
      [murky, empty],
    ]) {
      const r = readPage(single(fills));
      expect(r.answers).toEqual({});
      expect(r.review).toHaveLength(1);
    }
    expect(readPage(single([cross, cross])).review[0]!.reason).toBe('two_marks');
    expect(readPage(single([faint, cross])).review[0]!.reason).toBe('uncertain');
  });

  it('reads a multiple choice box by box, and sends a blackened box beside marks to review', () => {
    const multi = (fills: (typeof empty)[]) => fills.map((fill, i) => ({ box: box(`CH_${i + 1}`, 1, 'CH'), fill }));
    expect(readPage(multi([cross, empty, cross])).answers).toEqual({ CH_1: 1, CH_3: 1 });
    expect(readPage(multi([full, full, empty])).answers).toEqual({ CH_1: 1, CH_2: 1 });
    const corrected = readPage(multi([cross, full, empty]));
    expect(corrected.answers).toEqual({ CH_1: 1 });
    expect(corrected.review.map((r) => [r.variable, r.reason])).toEqual([['CH_2', 'two_marks']]);
  });

  it('sends a written field to review and leaves a blank one as missing', () => {
    const note = box('NOTE', null, 'NOTE', 'write');
    note.w = 300;
    note.h = 20;
    expect(readPage([{ box: note, fill: { mean: 0.01, coverage: 0.005 } }]).review).toEqual([{ variable: 'NOTE', reason: 'handwriting', boxes: [note] }]);
    expect(readPage([{ box: note, fill: { mean: 0.001, coverage: 0 } }]).review).toEqual([]);
  });
});
