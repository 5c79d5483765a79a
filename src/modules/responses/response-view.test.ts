import { describe, expect, it } from 'vitest';
import { tinySurvey } from '../../../test/helpers/tiny-survey.js';
import { answerRows, changedAnswers, fieldName, readEditForm } from './response-view.js';

const survey = tinySurvey();

describe('edit form', () => {
  it('reads a.<code> fields into answers: codes and numbers as numbers, the rest as typed, blanks left out', () => {
    const answers = readEditForm(survey, {
      [fieldName('P1')]: '01',
      [fieldName('SEX')]: ' 2 ',
      [fieldName('AGE')]: '40,5',
      [fieldName('Q1')]: 'x',
      [fieldName('NOTE')]: '',
      SERIAL: '9',
      [fieldName('SERIAL')]: '9',
    });
    expect(answers).toEqual({ P1: '01', SEX: 2, AGE: 40.5, Q1: 'x' });
  });

  it('shows option labels with their codes, in the chosen language, and links errors to fields', () => {
    const rows = answerRows(survey, { SEX: 2 }, 'en', [{ code: 'SEX', kind: 'check_failed', value: 2, message: { vi: 'sai', en: 'wrong' } }]);
    const sex = rows.find((r) => r.code === 'SEX')!;
    expect(sex.shown).toBe('2 · Female');
    expect(sex.error).toBe('wrong');
    expect(sex.options.find((o) => o.selected)?.code).toBe(2);
    expect(rows.some((r) => r.code === 'SERIAL')).toBe(false);
  });
});

describe('changedAnswers', () => {
  it('keeps only what changed, with null for "no answer" on either side', () => {
    expect(changedAnswers({ SEX: 1, AGE: 40, NOTE: 'a' }, { SEX: 2, AGE: 40, Q1: 5 })).toEqual({
      before: { SEX: 1, NOTE: 'a', Q1: null },
      after: { SEX: 2, NOTE: null, Q1: 5 },
    });
  });
  it('is empty when nothing changed', () => {
    expect(changedAnswers({ SEX: 1 }, { SEX: 1 })).toEqual({ before: {}, after: {} });
  });
});
