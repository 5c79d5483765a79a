import { describe, expect, it } from 'vitest';
import { tinySurvey } from '../../../test/helpers/tiny-survey.js';
import { emptyCounts } from './batch-progress.js';
import { badValueErrors, keepLang, newBatchErrors, progressView, readResolution, typedValues } from './keying-supervisor-view.js';

const survey = tinySurvey();
const province = survey.places.places[0]!.code;

describe('the supervisor keying pages', () => {
  it('names every mistake of a new batch by field, in the page language', () => {
    const ok = { survey, name: 'Bưu cục 1', province, nameTaken: false, mayWorkOn: true };
    expect(newBatchErrors(ok, 'en')).toEqual({});
    expect(newBatchErrors({ ...ok, survey: undefined }, 'en')).toEqual({ survey: 'Choose a survey' });
    expect(newBatchErrors({ ...ok, name: '' }, 'vi').name).toBe('Cần nhập tên lô (bưu cục gửi)');
    expect(newBatchErrors({ ...ok, nameTaken: true }, 'en').name).toBe('A batch with this name exists');
    expect(newBatchErrors({ ...ok, province: 'ZZ' }, 'en').province).toBe('Unknown province code');
    expect(newBatchErrors({ ...ok, mayWorkOn: false }, 'en').province).toBe('You do not work on this province');
    expect(Object.keys(badValueErrors(['expected', 'received'], 'en'))).toEqual(['expected', 'received']);
  });

  it('keeps what was typed as strings only, and reads the chosen pass or the typed value per field', () => {
    expect(typedValues({ name: 'A', expected: ['1', '2'] })).toEqual({ name: 'A', expected: '' });
    expect(readResolution({ pick_Q1: '2', typed_Q2: '5', other: 'x' })).toEqual({ picks: { Q1: '2' }, typed: { Q2: '5' } });
    expect(keepLang('en')).toBe('?lang=en');
    expect(keepLang('vi')).toBe('');
  });

  it('shows progress only for the provinces in scope, each batch counted once, with the national total', () => {
    const batch = { ...emptyCounts(), province, expected: 10, verified: 4 };
    const view = progressView('en', survey, [survey], [province], [batch, batch]);
    expect(view.provinces.map((p) => p.code)).toEqual([province]);
    expect(view.total).toMatchObject({ batches: 2, expected: 20, verified: 8, verifiedShare: 40 });
    expect(view.surveys).toEqual([{ id: survey.id, title: survey.definition.title.en, selected: true }]);
  });
});
