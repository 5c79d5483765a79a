import { describe, expect, it } from 'vitest';
import { checkAnswers } from '../../src/modules/rules/check-answers.js';
import { randomAnswers, seededRandom } from './random-answers.js';
import { shipped } from './test-app.js';
import { tinySurvey } from './tiny-survey.js';

describe('randomAnswers (the fixture generator)', () => {
  it('makes responses that pass every rule of the shipped and tiny definitions', () => {
    const rand = seededRandom(7);
    for (const survey of [...shipped().byVersion.values(), tinySurvey()]) {
      for (let i = 0; i < 200; i++) {
        const answers = randomAnswers(survey, rand, `S${i}`);
        expect(checkAnswers(survey, answers).map((p) => `${p.code}:${p.kind}:${String(p.value)}`)).toEqual([]);
      }
    }
  });

  it('is reproducible from its seed', () => {
    const s = tinySurvey();
    expect(randomAnswers(s, seededRandom(1), 'A')).toEqual(randomAnswers(s, seededRandom(1), 'A'));
  });
});
