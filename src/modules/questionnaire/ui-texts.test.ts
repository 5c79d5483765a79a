import { describe, expect, it } from 'vitest';
import { say } from './ui-texts.js';

describe('say', () => {
  it('fills placeholders, formatting numbers for the language', () => {
    expect(say('vi', 'progress', { n: 5, total: 7 })).toBe('Phần 5/7');
    expect(say('en', 'progress', { n: 5, total: 7 })).toBe('Part 5 of 7');
    expect(say('vi', 'errorSummary', { n: 12345 })).toBe('Có 12.345 chỗ cần sửa');
    expect(say('en', 'errorSummary', { n: 12345 })).toBe('There are 12,345 things to fix');
    expect(say('vi', 'questionsTotal', { n: 2.5 })).toBe('2,5 phần');
    expect(say('en', 'questionsTotal', {})).toBe(' parts');
  });

  it('gives a text without placeholders as it is', () => {
    expect(say('vi', 'codeUnknown')).toBe('Mã truy cập không đúng. Hãy kiểm tra lại mã in trên phiếu.');
  });
});
