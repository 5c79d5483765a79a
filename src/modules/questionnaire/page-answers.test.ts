import { describe, expect, it } from 'vitest';
import { tinySurvey } from '../../../test/helpers/tiny-survey.js';
import { randomAnswers, seededRandom } from '../../../test/helpers/random-answers.js';
import { isAsked, ruleView } from '../rules/check-answers.js';
import { askedOnPage, clearSkipped, mergePage, nextPage, pageVariables, readPageAnswers, type DraftAnswers } from './page-answers.js';

const survey = tinySurvey();

describe('reading one page of the form', () => {
  it('turns codes and numbers into numbers, keeps texts, drops empty fields', () => {
    const { answers, problems } = readPageAnswers(survey, pageVariables(survey, 0), { P1: '01', P2: ' Ba Đình ', SEX: '2', AGE: '', ETH: '1' });
    expect(problems).toEqual([]);
    expect(answers).toEqual({ P1: '01', P2: 'Ba Đình', SEX: 2, ETH: 1 });
  });

  it('accepts a decimal comma and keeps a non-number as text so the check names it', () => {
    const { answers } = readPageAnswers(survey, pageVariables(survey, 0), { AGE: '40,5', SEX: 'abc' });
    expect(answers).toEqual({ AGE: 40.5, SEX: 'abc' });
  });

  it('reads checkboxes into one flag per chosen option and reports unknown options', () => {
    const { answers, problems } = readPageAnswers(survey, pageVariables(survey, 1), { CH: ['1', '3', '9'] });
    expect(answers).toMatchObject({ CH_1: 1, CH_3: 1 });
    expect(answers.CH_2).toBeUndefined();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'CH_1', kind: 'unknown_code', value: '9' });
  });
});

describe('skip logic over a draft', () => {
  it('clears answers to questions no longer asked', () => {
    expect(clearSkipped(survey, { USED: 2, Q1: 4, ETH: 1, ETH_OTHER: 'x' })).toEqual({ USED: 2, ETH: 1 });
    expect(clearSkipped(survey, { USED: 1, Q1: 4, ETH: 2, ETH_OTHER: 'x' })).toEqual({ USED: 1, Q1: 4, ETH: 2, ETH_OTHER: 'x' });
  });

  it('replaces one page and keeps the others', () => {
    const vars = pageVariables(survey, 1);
    const merged = mergePage(survey, { SEX: 1, USED: 1, Q1: 5 }, vars, { USED: 2 });
    expect(merged).toEqual({ SEX: 1, USED: 2 });
  });

  it('lists the questions of a page that are asked', () => {
    const asked = askedOnPage(survey, pageVariables(survey, 1), { USED: 1 });
    expect(asked).toEqual(expect.arrayContaining(['Q', 'Q1', 'Q2', 'USED', 'CH', 'CH_1']));
    expect(asked).not.toContain('CH_OTHER');
    expect(askedOnPage(survey, pageVariables(survey, 1), { USED: 2 })).not.toContain('Q1');
  });

  it('moves past pages where nothing is asked, to the review after the last', () => {
    const skipping = tinySurvey((d) => {
      d.sections[1]!.questions = d.sections[1]!.questions.map((q) => ({ ...q, relevant: 'SEX == 1' }));
    });
    expect(nextPage(skipping, { SEX: 2 }, 0, 1)).toBe(2);
    expect(nextPage(skipping, { SEX: 1 }, 0, 1)).toBe(1);
    expect(nextPage(skipping, { SEX: 2 }, 2, -1)).toBe(0);
    expect(nextPage(skipping, {}, 0, -1)).toBe(-1);
  });
});

describe('the rule view', () => {
  it('asks exactly what a full copy of the answers with the chosen codes asks, for many random forms', () => {
    const rand = seededRandom(5);
    for (let i = 0; i < 200; i++) {
      const answers = randomAnswers(survey, rand, `S${i}`, { fill: rand() }) as DraftAnswers;
      const chosen = Object.fromEntries(
        [...survey.multiples].map(([question, flags]) => [question, flags.filter((f) => answers[f.code] === 1).map((f) => f.option)]),
      );
      const full = { ...answers, ...chosen };
      const light = ruleView(survey, answers);
      for (const v of survey.variables) expect([v.code, isAsked(v, light)]).toEqual([v.code, isAsked(v, full)]);
      expect(light['CH']).toEqual(full['CH']);
    }
  });
});
