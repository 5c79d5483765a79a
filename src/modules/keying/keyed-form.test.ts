import { describe, expect, it } from 'vitest';
import { tinySurvey } from '../../../test/helpers/tiny-survey.js';
import { keyedFormProblems, readKeyedForm } from './keyed-form.js';

const survey = tinySurvey();
const complete = { SERIAL: 'A-001', P1: '01', P2: 'Ba Đình', SEX: '2', AGE: '40', USED: '1', Q1: '4', Q2: '5' };

describe('reading a keyed form', () => {
  it('turns typed codes into numbers, keeps texts, and counts the fields keyed', () => {
    const form = readKeyedForm(survey, { ...complete, CH_1: '1', CH_2: '0', NOTE: '  tốt  ' });
    expect(form.serial).toBe('A-001');
    expect(form.answers).toMatchObject({ P1: '01', SEX: 2, AGE: 40, Q1: 4, CH_1: 1, NOTE: 'tốt' });
    // An unticked box keyed 0 is no answer.
    expect(form.answers).not.toHaveProperty('CH_2');
    expect(form.fieldsKeyed).toBe(10);
    expect(form.reason).toBeNull();
  });

  it('keeps what is not a code as typed, so the check can name it', () => {
    const form = readKeyedForm(survey, { ...complete, SEX: 'x', AGE: 'forty' });
    const problems = keyedFormProblems(survey, form, null);
    expect(problems.map((p) => [p.code, p.kind])).toEqual([
      ['SEX', 'unknown_code'],
      ['AGE', 'not_a_number'],
    ]);
  });

  it('a paper form with required answers left blank has no problem, with or without a reason', () => {
    const body = { SERIAL: 'A-002', P1: '01', P2: 'X' };
    expect(keyedFormProblems(survey, readKeyedForm(survey, body), null)).toEqual([]);
    const withReason = readKeyedForm(survey, { ...body, incomplete: 'unreadable' });
    expect(withReason.reason).toBe('unreadable');
    expect(keyedFormProblems(survey, withReason, null)).toEqual([]);
  });

  it('an incomplete form still refuses a code that does not exist', () => {
    const form = readKeyedForm(survey, { SERIAL: 'A-003', SEX: '7', incomplete: 'refused' });
    expect(keyedFormProblems(survey, form, null).map((p) => p.kind)).toEqual(['unknown_code']);
  });

  it('refuses a missing or malformed serial and a province outside the batch', () => {
    expect(keyedFormProblems(survey, readKeyedForm(survey, { ...complete, SERIAL: '' }), null)[0]).toMatchObject({ code: 'SERIAL', kind: 'required' });
    expect(keyedFormProblems(survey, readKeyedForm(survey, { ...complete, SERIAL: 'a b' }), null)[0]).toMatchObject({ code: 'SERIAL' });
    expect(keyedFormProblems(survey, readKeyedForm(survey, complete), '79')).toEqual([expect.objectContaining({ code: 'P1', kind: 'check_failed' })]);
    expect(keyedFormProblems(survey, readKeyedForm(survey, complete), '01')).toEqual([]);
  });

  it('an ignored reason (unknown word) does not excuse missing answers', () => {
    expect(readKeyedForm(survey, { ...complete, incomplete: 'tired' }).reason).toBeNull();
  });
});
