import { describe, expect, it } from 'vitest';
import { SurveyDefinition } from '../definitions/survey-schema.js';
import { tinyDefinition } from '../../../test/helpers/tiny-survey.js';
import { A4, formsLayout, layoutForm, MARK_SIZE, type Measure } from './form-layout.js';

/** A rough text measure: half an em per character, lines of 1.3 em. */
const measure: Measure = (text, size, width) => Math.max(1, Math.ceil((text.length * size * 0.5) / width)) * size * 1.3;
const definition = SurveyDefinition.parse(tinyDefinition());

const overlaps = (a: { x: number; y: number; w: number; h: number }, b: { x: number; y: number; w: number; h: number }): boolean =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('laying out the paper form from a definition', () => {
  const template = layoutForm(definition, 'vi', measure);
  const boxes = template.pages.flatMap((p) => p.boxes);

  it('gives every answer code of every choice a box, and every written answer a field', () => {
    const marks = (v: string): (number | null)[] => boxes.filter((b) => b.variable === v && b.kind === 'mark').map((b) => b.code);
    expect(marks('SEX')).toEqual([1, 2]);
    expect(marks('USED')).toEqual([1, 2]);
    expect(marks('Q1')).toEqual([1, 2, 3, 4, 5]);
    expect(marks('Q2')).toEqual([1, 2, 3, 4, 5]);
    expect(marks('CH_1')).toEqual([1]);
    expect(marks('CH_3')).toEqual([1]);
    for (const v of ['P1', 'P2', 'AGE', 'YEARS', 'NOTE', 'ETH_OTHER', 'CH_OTHER']) {
      expect(boxes.filter((b) => b.variable === v).map((b) => b.kind)).toEqual(['write']);
    }
  });

  it('keeps every box on the page, clear of the registration marks, the QR code and each other', () => {
    const reserved = [...template.marks.map((m) => ({ x: m.x - MARK_SIZE, y: m.y - MARK_SIZE, w: 2 * MARK_SIZE, h: 2 * MARK_SIZE })), template.qr];
    for (const page of template.pages) {
      page.boxes.forEach((b, i) => {
        expect(b.x).toBeGreaterThanOrEqual(0);
        expect(b.y).toBeGreaterThanOrEqual(0);
        expect(b.x + b.w).toBeLessThanOrEqual(A4.width);
        expect(b.y + b.h).toBeLessThanOrEqual(A4.height);
        for (const r of reserved) expect(overlaps(b, r)).toBe(false);
        for (const other of page.boxes.slice(i + 1)) expect(overlaps(b, other)).toBe(false);
      });
    }
  });

  it('prints the codes beside the boxes, the scale labels once per matrix and the skip in words', () => {
    const texts = template.pages.flatMap((p) => p.texts.map((t) => t.text));
    expect(texts).toContain('Nam  (1)');
    expect(texts.filter((t) => t === 'Mức 5 (5)')).toHaveLength(1);
    const used = texts.findIndex((t) => t.startsWith('Câu 6. Đã dùng dịch vụ?'));
    expect(used).toBeGreaterThan(0);
    // USED == 2 skips the matrix (question 7) and goes on at question 8.
    expect(texts).toContain('→ Nếu trả lời Không, chuyển sang Câu 8');
    expect(texts.some((t) => t.startsWith('→ Nếu trả lời Có'))).toBe(false);
  });

  it('repeats the matrix header when its rows go on over a page break', () => {
    const long = SurveyDefinition.parse({
      ...tinyDefinition(),
      sections: [
        {
          id: 'A',
          title: { vi: 'A', en: 'A' },
          questions: [
            {
              code: 'M',
              type: 'matrix',
              label: { vi: 'Bảng', en: 'Grid' },
              scale: 'sat',
              items: Array.from({ length: 60 }, (_, i) => ({ code: `M${i + 1}`, label: { vi: `Mục ${i + 1}`, en: `Item ${i + 1}` } })),
            },
          ],
        },
      ],
      scoring: {
        indicators: [{ id: 'S', kind: 'satisfaction', variable: 'M1' }],
        elements: [{ id: 'E', label: { vi: 'E', en: 'E' }, indicators: ['S'] }],
        headline: { label: { vi: 'I', en: 'I' }, of: 'elements' },
      },
    });
    const t = layoutForm(long, 'en', measure);
    expect(t.pages.length).toBeGreaterThan(1);
    for (const p of t.pages) expect(p.texts.filter((x) => x.text === 'Level 1 (1)')).toHaveLength(1);
  });

  it('lists each serial’s pages with the template’s boxes', () => {
    const l = formsLayout(template, 'B1', ['B1-000001', 'B1-000002']);
    expect(l.pages.map((p) => [p.serial, p.page])).toEqual(['B1-000001', 'B1-000002'].flatMap((s) => template.pages.map((p) => [s, p.number])));
    expect(l.pages[0]!.boxes).toEqual(template.pages[0]!.boxes);
  });
});
