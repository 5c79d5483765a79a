import { describe, expect, it } from 'vitest';
import { conflictLabel, saveMessage } from './keying-page-texts.js';

describe('the line shown after a save', () => {
  it('names the form saved, in the page language', () => {
    expect(saveMessage('second-equal', 'A-1', 'vi')).toBe('Phiếu A-1: hai lần nhập khớp nhau, phiếu đã được xác nhận.');
    expect(saveMessage('first-required', 'A-1', 'en')).toBe('Form A-1 saved (first entry); another enumerator must key it again to verify.');
  });

  it('shows nothing for an outcome it does not know, whatever the address says (not even an Object property)', () => {
    for (const outcome of ['constructor', 'toString', '__proto__', 'first-', '']) expect(saveMessage(outcome, 'A-1', 'vi')).toBeNull();
  });

  it('names every conflict kind a batch can hold in words', () => {
    expect(conflictLabel('code_province', 'vi')).toBe('Mã của tỉnh khác');
    expect(conflictLabel('different_answers', 'en')).toBe('Also imported');
  });
});
