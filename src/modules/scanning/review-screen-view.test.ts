import { describe, expect, it } from 'vitest';
import { tinySurvey } from '../../../test/helpers/tiny-survey.js';
import { reviewScreen } from './review-screen-view.js';

const survey = tinySurvey();
const review = {
  serial: 'HN-000007',
  answers: { SEX: 2, USED: 1, Q1: 4 },
  items: [
    { variable: 'Q2', reason: 'two_marks' as const, page: 2, crop: 'iVBOR' },
    { variable: 'NOTE', reason: 'handwriting' as const, page: 2, crop: 'iVBOR' },
    { variable: '', reason: 'missing_page' as const, page: 3, crop: '' },
  ],
};
const url = (i: number): string => `/crop/${i}`;

describe('reviewScreen', () => {
  it('prefills the machine answers, fixes the serial and puts each crop beside its field', () => {
    const r = reviewScreen(survey, review, null, [], 'vi', url);
    const fields = new Map(r.screen.groups.flatMap((g) => g.fields).map((f) => [f.code, f]));
    expect(r.screen.serial.value).toBe('HN-000007');
    expect([fields.get('SEX')!.value, fields.get('SEX')!.chosenLabel, fields.get('Q1')!.value, fields.get('Q2')!.value]).toEqual(['2', 'Nữ', '4', '']);
    expect(r.crops).toEqual({ Q2: [{ url: '/crop/0', reason: 'nhiều ô được đánh dấu' }], NOTE: [{ url: '/crop/1', reason: 'chữ viết tay' }] });
    expect(r.flagged.map((f) => [f.id, f.reason])).toEqual([
      ['f-Q2', 'nhiều ô được đánh dấu'],
      ['f-NOTE', 'chữ viết tay'],
    ]);
    expect(r.missingPages).toEqual([3]);
  });

  it('after a refused save shows what the person typed, never a changed serial', () => {
    const r = reviewScreen(survey, review, { typed: { SERIAL: 'XX-1', SEX: '1', NOTE: 'tốt' }, answers: { SEX: 1, NOTE: 'tốt' } }, [], 'en', url);
    const fields = new Map(r.screen.groups.flatMap((g) => g.fields).map((f) => [f.code, f]));
    expect(r.screen.serial.value).toBe('HN-000007');
    expect([fields.get('SEX')!.value, fields.get('NOTE')!.value, fields.get('Q1')!.skipped]).toEqual(['1', 'tốt', true]);
    expect(r.crops.NOTE![0]!.reason).toBe('handwriting');
  });
});
