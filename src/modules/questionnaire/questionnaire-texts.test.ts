import { describe, expect, it } from 'vitest';
import { errorHeading, questionnaireT } from './questionnaire-texts.js';

describe('the questionnaire texts', () => {
  it('fill placeholders, formatting numbers for the language', () => {
    expect(questionnaireT.vi('progress', { n: 5, total: 7 })).toBe('Phần 5/7');
    expect(questionnaireT.en('progress', { n: 5, total: 7 })).toBe('Part 5 of 7');
    expect(questionnaireT.vi('errorSummary', { n: 12345 })).toBe('Có 12.345 chỗ cần sửa');
    expect(questionnaireT.en('errorSummary', { n: 12345 })).toBe('There are 12,345 things to fix');
    expect(questionnaireT.vi('questionsTotal', { n: 2.5 })).toBe('2,5 phần');
  });

  it('give a text without placeholders as it is', () => {
    expect(questionnaireT.vi('codeUnknown')).toBe('Mã truy cập không đúng. Hãy kiểm tra lại mã in trên phiếu.');
  });

  it('leave a placeholder not given for the page script to fill: "{n} results" as the place list narrows', () => {
    expect(questionnaireT.vi('placeMatches')).toBe('{n} kết quả');
    expect(questionnaireT.en('placeMatches')).toBe('{n} results');
  });

  it('head an error summary by its count', () => {
    expect(errorHeading(questionnaireT.vi, 0)).toBe('');
    expect(errorHeading(questionnaireT.vi, 1)).toBe('Có 1 chỗ cần sửa');
    expect(errorHeading(questionnaireT.en, 2)).toBe('There are 2 things to fix');
  });
});
