import { describe, expect, it } from 'vitest';
import { tinySurvey } from '../../../test/helpers/tiny-survey.js';
import { packAnswers } from '../responses/pack-answers.js';
import { agreedRows } from './disagreement-view.js';

const survey = tinySurvey();

describe('the answers both entries agree on', () => {
  it('lists every field but the serial and the differing ones, with the code and its label', () => {
    const packed = packAnswers(survey, { P1: '01', P2: 'Ba Đình', SEX: 2, AGE: 40 });
    const rows = agreedRows(survey, { codes: packed.codes, answerValues: JSON.stringify(packed.values) }, [{ variable: 'AGE' }], 'vi');
    expect(rows.map((r) => r.variable)).toEqual(survey.variables.filter((v) => v.type !== 'serial' && v.code !== 'AGE').map((v) => v.code));
    const byCode = new Map(rows.map((r) => [r.variable, r]));
    expect(byCode.get('SEX')).toEqual({ variable: 'SEX', label: 'SEX · Giới tính', value: '2 · Nữ' });
    expect(byCode.get('P1')?.value).toBe('01 · Hà Nội');
    expect(byCode.get('P2')?.value).toBe('Ba Đình');
    expect(byCode.get('USED')?.value).toBe('—');
  });
});
