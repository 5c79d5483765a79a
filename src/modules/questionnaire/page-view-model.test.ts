import { describe, expect, it } from 'vitest';
import { tinySurvey } from '../../../test/helpers/tiny-survey.js';
import { checkAnswers, type Problem } from '../rules/check-answers.js';
import { buildPageModel, fieldId, itemNumbers } from './page-view-model.js';
import { buildReviewModel } from './review-view-model.js';
import { pageVariables, type DraftAnswers } from './page-answers.js';

const survey = tinySurvey();

describe('page view model', () => {
  it('shows progress as "Phần n/total" in Vietnamese and "Part n of total" in English', () => {
    expect(buildPageModel({ survey, pageIndex: 1, answers: {}, problems: [], lang: 'vi' }).progress).toBe('Phần 2/2');
    expect(buildPageModel({ survey, pageIndex: 0, answers: {}, problems: [], lang: 'en' }).progress).toBe('Part 1 of 2');
  });

  it('marks the chosen radio and keeps typed values', () => {
    const m = buildPageModel({ survey, pageIndex: 0, answers: { SEX: 2, P2: 'Ba Đình' }, problems: [], lang: 'vi' });
    const sex = m.questions.find((q) => q.code === 'SEX');
    expect(sex?.kind === 'single' && sex.choices.map((c) => c.checked)).toEqual([false, true]);
    const place = m.questions.find((q) => q.kind === 'place');
    expect(place?.kind === 'place' && place.levels[0]?.value).toBe('Ba Đình');
    expect(place?.kind === 'place' && place.province?.choices.map((c) => c.label)).toEqual(['Hà Nội', 'TP Hồ Chí Minh']);
  });

  it('links each error to its field: summary href, aria-describedby and the message id', () => {
    const problems = checkAnswers(survey, {}, new Set(pageVariables(survey, 0).map((v) => v.code)));
    const m = buildPageModel({ survey, pageIndex: 0, answers: {}, problems, lang: 'en' });
    expect(m.errors.map((e) => e.href)).toEqual(['#q-P1', '#q-P2', '#q-SEX-1']);
    expect(m.errorHeading).toBe('There are 3 things to fix');
    const sex = m.questions.find((q) => q.code === 'SEX')!;
    expect(sex.error).toBe('an answer is required');
    expect(sex.describedBy).toBe('err-SEX');
    expect(fieldId(survey, 'Q1')).toBe('q-Q1-1');
    expect(fieldId(survey, 'CH')).toBe('q-CH_1');
  });

  it('leaves out questions skipped by other pages, but renders same-page conditions as skipped', () => {
    const notUsed = buildPageModel({ survey, pageIndex: 1, answers: { USED: 2 }, problems: [], lang: 'vi' });
    expect(notUsed.questions.find((q) => q.code === 'Q')?.skipped).toBe(true);
    const byPageOne = tinySurvey((d) => {
      d.sections[1]!.questions[2]!.relevant = 'SEX == 1';
    });
    const women = buildPageModel({ survey: byPageOne, pageIndex: 1, answers: { SEX: 2 }, problems: [], lang: 'vi' });
    expect(women.questions.map((q) => q.code)).toEqual(['CH', 'USED', 'YEARS', 'NOTE']);
    const ethnicity = buildPageModel({ survey, pageIndex: 0, answers: { ETH: 1 }, problems: [], lang: 'vi' }).questions.find((q) => q.code === 'ETH');
    const other = ethnicity?.kind === 'single' ? ethnicity.choices[1]?.specify : null;
    expect(other).toMatchObject({ code: 'ETH_OTHER', skipped: true, label: 'Ghi rõ' });
    const chosen = buildPageModel({ survey, pageIndex: 0, answers: { ETH: 2 }, problems: [], lang: 'vi' }).questions.find((q) => q.code === 'ETH');
    expect(chosen?.kind === 'single' && chosen.choices[1]?.specify?.skipped).toBe(false);
  });

  it('gives email and phone fields the keyboard their format asks for, and whole numbers the digit keyboard', () => {
    const formatted = tinySurvey((d) => {
      d.sections[0]!.questions.push(
        { code: 'MAIL', type: 'text', label: { vi: 'Email', en: 'Email' }, format: 'email' },
        { code: 'PHONE', type: 'text', label: { vi: 'Điện thoại', en: 'Phone' }, format: 'phone' },
      );
    });
    const fields = buildPageModel({ survey: formatted, pageIndex: 0, answers: {}, problems: [], lang: 'vi' }).questions;
    const input = (code: string) => {
      const q = fields.find((f) => f.code === code);
      return q && 'field' in q ? [q.field.inputType, q.field.inputMode] : null;
    };
    expect(input('MAIL')).toEqual(['email', 'email']);
    expect(input('PHONE')).toEqual(['tel', 'tel']);
    expect(input('AGE')).toEqual(['text', 'numeric']);
  });

  it('builds a matrix with one column per scale answer and one row per item', () => {
    const m = buildPageModel({ survey, pageIndex: 1, answers: { USED: 1, Q2: 5 }, problems: [], lang: 'vi' });
    const matrix = m.questions.find((q) => q.kind === 'matrix');
    expect(matrix?.kind === 'matrix' && matrix.columns.map((c) => c.label)).toEqual(['Mức 1', 'Mức 2', 'Mức 3', 'Mức 4', 'Mức 5']);
    expect(matrix?.kind === 'matrix' && matrix.rows[1]?.cells.filter((c) => c.checked).map((c) => c.value)).toEqual(['5']);
    expect(matrix?.kind === 'matrix' && matrix.rows[1]?.cells.map((c) => c.label)).toEqual(['Mức 1', 'Mức 2', 'Mức 3', 'Mức 4', 'Mức 5']);
  });

  it('shares a matrix row between requests when its state is the same, frozen, and never a row with an error', () => {
    const rowsOf = (answers: DraftAnswers, problems: Problem[] = [], lang: 'vi' | 'en' = 'vi') => {
      const matrix = buildPageModel({ survey, pageIndex: 1, answers, problems, lang }).questions.find((q) => q.kind === 'matrix');
      return matrix?.kind === 'matrix' ? matrix.rows : [];
    };
    const [q1, q2] = rowsOf({ USED: 1, Q1: 4, Q2: 5 });
    expect(Object.isFrozen(q1) && Object.isFrozen(q1?.cells[0])).toBe(true);
    expect(rowsOf({ USED: 1, Q1: 4, Q2: 3 })[0]).toBe(q1);
    expect(rowsOf({ USED: 1, Q1: 4, Q2: 3 })[1]).not.toBe(q2);
    expect(rowsOf({ USED: 1, Q1: 4 }, [], 'en')[0]).not.toBe(q1);
    const problem: Problem = { code: 'Q1', kind: 'required', value: undefined, message: { vi: 'cần trả lời', en: 'required' } };
    const withError = rowsOf({ USED: 1, Q2: 5 }, [problem])[0];
    expect(withError?.error).toBe('cần trả lời');
    expect(Object.isFrozen(withError)).toBe(false);
    // A stored value that is not an option (tampered data) is shown, not kept.
    expect(Object.isFrozen(rowsOf({ USED: 1, Q1: 9 })[0])).toBe(false);
  });
});

describe('review view model', () => {
  it('shows answers as the respondent reads them, numbers formatted for the language', () => {
    const answers = { P1: '79', P2: 'Quận 1', SEX: 2, AGE: 1234, USED: 1, Q1: 4, Q2: 5, CH_1: 1, CH_2: 1 };
    const vi = buildReviewModel(survey, answers, [], 'vi');
    const rows = vi.sections.flatMap((s) => s.blocks.flatMap((b) => b.rows));
    expect(rows.find((r) => r.label === 'Tỉnh')?.answer).toBe('TP Hồ Chí Minh');
    expect(rows.find((r) => r.label === 'Giới tính')?.answer).toBe('Nữ');
    expect(rows.find((r) => r.label === 'Tuổi')?.answer).toBe('1.234');
    expect(rows.find((r) => r.label === 'Kênh')?.answer).toBe('Loa; Mạng');
    const en = buildReviewModel(survey, answers, [], 'en').sections.flatMap((s) => s.blocks.flatMap((b) => b.rows));
    expect(en.find((r) => r.label === 'Age')?.answer).toBe('1,234');
    expect(vi.sections[1]?.editHref).toBe('/s/tiny/page/2?review=1');
  });

  it('says a matrix question once, then each item by its own text with its answer', () => {
    const answers = { P1: '79', SEX: 2, USED: 1, Q1: 4, Q2: 5 };
    const blocks = buildReviewModel(survey, answers, [], 'vi').sections[1]!.blocks;
    const matrix = blocks.filter((b) => b.stem !== null);
    expect(matrix).toHaveLength(1);
    expect(matrix[0]!.stem).toBe(survey.definition.sections[1]!.questions.find((q) => q.code === 'Q')!.label.vi);
    expect(matrix[0]!.rows.map((r) => [r.label, r.answer])).toEqual([
      ['Thái độ', 'Mức 4'],
      ['Thời gian', 'Mức 5'],
    ]);
    // The questions around the matrix stand alone, in their order on the page.
    expect(blocks.map((b) => (b.stem === null ? b.rows.map((r) => r.label).join('|') : 'matrix'))[1]).toBe('matrix');
  });

  it('shows the text typed for "Other, please specify" with its option, not as a row of its own', () => {
    const answers = { P1: '79', SEX: 2, ETH: 2, ETH_OTHER: 'Tày', CH_3: 1, CH_OTHER: 'Báo' };
    const rows = buildReviewModel(survey, answers, [], 'vi').sections.flatMap((s) => s.blocks.flatMap((b) => b.rows));
    expect(rows.find((r) => r.answer.startsWith('Khác: Tày'))).toBeDefined();
    expect(rows.find((r) => r.label === 'Kênh')?.answer).toBe('Khác: Báo');
    expect(rows.filter((r) => r.answer === 'Tày' || r.answer === 'Báo')).toEqual([]);
  });

  it('numbers matrix items as the published questionnaire does when their codes carry the number, and not otherwise', () => {
    expect(itemNumbers([{ code: 'C9_15' }, { code: 'C9_16' }, { code: 'C10_09' }])).toEqual([null, null, null]);
    expect(itemNumbers([{ code: 'C9_15' }, { code: 'C9_16' }, { code: 'C9_33' }])).toEqual(['15', '16', '33']);
    expect(itemNumbers([{ code: 'Q1' }, { code: 'Q2' }])).toEqual([null, null]);
  });

  it('links problems to the field on its page', () => {
    const m = buildReviewModel(survey, {}, checkAnswers(survey, {}), 'vi');
    expect(m.errors[0]?.href).toBe('/s/tiny/page/1?review=1#q-P1');
  });
});
