import { describe, expect, it } from 'vitest';
import { tinySurvey } from '../../../test/helpers/tiny-survey.js';
import { packAnswers } from '../responses/pack-answers.js';
import { parseIncoming } from './conflict-repository.js';
import { differingFirst, incomingAnswersOf, sideBySide } from './conflict-view.js';

const survey = tinySurvey();

describe('conflict side by side', () => {
  it('labels both values from the definition and marks only the rows that differ', () => {
    const rows = sideBySide(survey, { P1: '01', SEX: 1, AGE: 40 }, { P1: '01', SEX: 2, AGE: 40 }, 'en');
    expect(rows.find((r) => r.code === 'SEX')).toEqual({ code: 'SEX', label: 'Gender', stored: '1 · Male', incoming: '2 · Female', differs: true });
    expect(rows.find((r) => r.code === 'AGE')).toMatchObject({ stored: '40', incoming: '40', differs: false });
    expect(rows.some((r) => r.code === 'SERIAL')).toBe(false);
    expect(rows.filter((r) => r.differs).map((r) => r.code)).toEqual(['SEX']);
  });

  it('puts the differing rows apart from the agreed ones, each in the definition order', () => {
    const rows = sideBySide(survey, { P1: '01', SEX: 1, AGE: 40, USED: 1 }, { P1: '79', SEX: 2, AGE: 40, USED: 1 }, 'vi');
    const { differing, same } = differingFirst(rows);
    expect(differing.map((r) => r.code)).toEqual(['P1', 'SEX']);
    expect(same.map((r) => r.code)).toEqual(rows.filter((r) => !['P1', 'SEX'].includes(r.code)).map((r) => r.code));
  });

  it('an answer on one side only differs, the other side empty', () => {
    const row = sideBySide(survey, {}, { AGE: 33 }, 'vi').find((r) => r.code === 'AGE')!;
    expect(row).toMatchObject({ stored: '', incoming: '33', differs: true });
  });

  it('reads incoming answers stored packed, and the older keying form of plain answers', () => {
    const packed = packAnswers(survey, { P1: '01', SEX: 2, AGE: 51 });
    const stored = JSON.stringify({
      surveyVersion: survey.version,
      province: '01',
      codes: packed.codes.toString('base64'),
      values: packed.values,
      incompleteReason: null,
      enteredBy: null,
    });
    expect(incomingAnswersOf(survey, parseIncoming(stored))).toEqual({ P1: '01', SEX: 2, AGE: 51 });
    const legacy = JSON.stringify({ answers: { SERIAL: 'X1', SEX: 1, AGE: '' }, incompleteReason: null, keyedBy: 'nhap1' });
    expect(incomingAnswersOf(survey, parseIncoming(legacy))).toEqual({ SEX: 1 });
    expect(parseIncoming(legacy).enteredBy).toBe('nhap1');
  });
});
