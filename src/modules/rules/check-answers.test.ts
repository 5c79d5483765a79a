import { describe, expect, it } from 'vitest';
import { tinySurvey } from '../../../test/helpers/tiny-survey.js';
import { checkAnswers, isUsable, ruleView } from './check-answers.js';
import { parseExpression, RuleSyntaxError } from './parse-expression.js';
import { loadSurveys } from '../definitions/load-surveys.js';

const survey = tinySurvey();
const good = { P1: '01', P2: 'Ba Đình', SEX: 1, USED: 1, Q1: 4, Q2: 5 };
const kinds = (answers: Record<string, unknown>) => checkAnswers(survey, answers as never).map((p) => `${p.code}:${p.kind}`);

describe('checkAnswers', () => {
  it('accepts a complete, consistent response', () => {
    expect(kinds(good)).toEqual([]);
  });

  it('reports missing required answers, including asked matrix items', () => {
    expect(kinds({ USED: 1 })).toEqual(['P1:required', 'P2:required', 'SEX:required', 'Q1:required', 'Q2:required']);
  });

  it('does not require a skipped question, and refuses an answer to it', () => {
    expect(kinds({ ...good, USED: 2, Q1: undefined, Q2: undefined })).toEqual([]);
    expect(kinds({ ...good, USED: 2 })).toEqual(['Q1:not_asked', 'Q2:not_asked']);
  });

  it('refuses codes outside the list, out-of-range numbers and unknown provinces', () => {
    expect(kinds({ ...good, SEX: 3, AGE: 12, P1: '99' })).toEqual(['P1:unknown_province', 'SEX:unknown_code', 'AGE:out_of_range']);
    expect(kinds({ ...good, AGE: 30.5 })).toEqual(['AGE:not_a_number']);
  });

  it('asks a "specify" text only when its option is chosen, also in a multiple choice', () => {
    expect(kinds({ ...good, ETH: 1, ETH_OTHER: 'Tày' })).toEqual(['ETH_OTHER:not_asked']);
    expect(kinds({ ...good, ETH: 2, ETH_OTHER: 'Tày' })).toEqual([]);
    expect(kinds({ ...good, CH_3: 1, CH_OTHER: 'Zalo' })).toEqual([]);
    expect(kinds({ ...good, CH_1: 1, CH_OTHER: 'Zalo' })).toEqual(['CH_OTHER:not_asked']);
  });

  it('runs consistency checks only when every answer they read is there', () => {
    expect(kinds({ ...good, AGE: 30, YEARS: 40 })).toEqual(['YEARS:check_failed']);
    expect(kinds({ ...good, YEARS: 40 })).toEqual([]);
  });

  it('limits the check to the given variables (one page) while rules still see all answers', () => {
    const page = new Set(['Q1', 'Q2']);
    expect(checkAnswers(survey, { USED: 2, Q1: 3 }, page).map((p) => p.kind)).toEqual(['not_asked']);
  });

  it('explains each problem in Vietnamese and English', () => {
    const [p] = checkAnswers(survey, { ...good, SEX: 7 });
    expect(p?.message.vi).toContain('không có trong danh sách');
    expect(p?.message.en).toContain('is not one of 1, 2');
  });

  it('gives rules a view with the chosen codes of each multiple choice; a "__proto__" key does not become its prototype', () => {
    const answers = JSON.parse('{"USED": 1, "CH_1": 1, "CH_3": 1, "__proto__": {"Q1": 9}}') as Record<string, never>;
    const view = ruleView(survey, answers);
    expect(Object.getPrototypeOf(view)).toBe(Object.prototype);
    expect(view.CH).toEqual([1, 3]);
    expect(view.USED).toBe(1);
    expect(view.Q1).toBeUndefined();
    expect(answers.CH).toBeUndefined();
  });
});

describe('paper forms and the usability rule', () => {
  it('from paper, a blank required answer is no problem; every other rule still applies', () => {
    expect(checkAnswers(survey, { USED: 1 }, undefined, 'paper')).toEqual([]);
    expect(checkAnswers(survey, { USED: 2, Q1: 4 }, undefined, 'paper').map((p) => `${p.code}:${p.kind}`)).toEqual(['Q1:not_asked']);
    expect(checkAnswers(survey, { SEX: 7 }, undefined, 'paper').map((p) => `${p.code}:${p.kind}`)).toEqual(['SEX:unknown_code']);
  });

  it('answered_count() counts the answered items of a matrix, a place question or a list; item_count() all of them', () => {
    const ruled = tinySurvey((d) => {
      d.usable = {
        rule: 'answered(P1) and answered_count(Q) * 2 >= item_count(Q) and answered_count(PLACE, SEX, CH) >= 2',
        reason: { vi: 'Thiếu', en: 'Too few' },
      };
    });
    const usable = (answers: Record<string, unknown>) => isUsable(ruled, ruleView(ruled, answers as never));
    expect(usable({ P1: '01', Q1: 4, SEX: 1 })).toBe(true);
    expect(usable({ P1: '01', Q2: 4, CH_2: 1 })).toBe(true);
    expect(usable({ P1: '01', Q1: 4 })).toBe(false); // only one of P1, P2, SEX, CH
    expect(usable({ P1: '01', SEX: 1, P2: 'X' })).toBe(false); // no Q item
    expect(usable({ Q1: 4, Q2: 5, SEX: 1, P2: 'X' })).toBe(false); // no province
    expect(ruled.usable?.source).toContain('item_count(Q)');
    expect(isUsable(survey, ruleView(survey, {}))).toBe(true); // no rule: every form is usable
  });

  it('list functions take codes only, at least one', () => {
    expect(() => parseExpression('answered_count()')).toThrow(RuleSyntaxError);
    expect(() => parseExpression('answered_count(A1 + 1)')).toThrow(/one or more codes/);
    expect(parseExpression('item_count(A, B)')).toMatchObject({ kind: 'call', fn: 'item_count', args: [{ name: 'A' }, { name: 'B' }] });
  });
});

describe('coded places, the same check on every channel', () => {
  const catalog = loadSurveys('surveys');
  const v3 = catalog.byVersion.get('sipas-2023@2023.3')!;
  const old = catalog.byVersion.get('sipas-2023@2023.2-63')!;
  const placeProblems = (survey: typeof v3, answers: Record<string, string>) =>
    checkAnswers(survey, answers, undefined, 'paper').filter((p) => p.kind === 'unknown_place' || p.kind === 'unknown_province');

  it('accepts a commune of the province given, and refuses one of another province or off the list, in both languages', () => {
    expect(placeProblems(v3, { A1: '01', A3: '00004' })).toEqual([]);
    expect(placeProblems(v3, { A3: '00004' })).toEqual([]);
    const [other] = placeProblems(v3, { A1: '01', A3: '26740' });
    expect(other?.code).toBe('A3');
    expect(other?.message).toEqual({
      vi: 'Phường Sài Gòn (26740) không thuộc tỉnh/thành phố Hà Nội (01)',
      en: 'Phường Sài Gòn (26740) is not in the province Hà Nội (01)',
    });
    expect(placeProblems(v3, { A1: '01', A3: 'Ba Đình' })[0]?.message.en).toBe('commune code "Ba Đình" is not on the official list (34 provinces)');
  });

  it('checks each level of the 63 provinces against the one above', () => {
    expect(placeProblems(old, { A1: '79', A2: '760', A3: '26740' })).toEqual([]);
    expect(placeProblems(old, { A1: '01', A2: '760', A3: '26740' }).map((p) => [p.code, p.message.en])).toEqual([
      ['A2', 'Quận 1 (760) is not in the province Hà Nội (01)'],
    ]);
    expect(placeProblems(old, { A1: '79', A2: '760', A3: '00004' }).map((p) => p.message.en)).toEqual([
      'Phường Trúc Bạch (00004) is not in the district Quận 1 (760)',
    ]);
  });
});
