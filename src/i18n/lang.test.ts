import { describe, expect, it } from 'vitest';
import { langOf, langs, locale, otherLang, parseLang, pick } from './lang.js';

describe('the page language', () => {
  it('is Vietnamese unless English is asked for, whatever else a query holds', () => {
    expect(langOf({ query: {} })).toBe('vi');
    expect(langOf({ query: { lang: 'en' } })).toBe('en');
    expect(langOf({ query: { lang: ['en'] } })).toBe('vi');
    expect(langOf({ query: { lang: 'fr' } })).toBe('vi');
    expect(langOf({ query: {}, body: { lang: 'en' } })).toBe('en');
    expect(langOf({ query: {}, body: undefined })).toBe('vi');
    expect(langs[0]).toBe('vi');
  });

  it('parses only the two languages', () => {
    expect(parseLang('en')).toBe('en');
    expect(parseLang('vi')).toBe('vi');
    expect(parseLang('EN')).toBeNull();
    expect(parseLang(undefined)).toBeNull();
  });

  it('picks the text, the switch and the number format of the language', () => {
    const text = { vi: 'Lưu', en: 'Save' };
    expect(pick(text, 'vi')).toBe('Lưu');
    expect(pick(text, 'en')).toBe('Save');
    expect(otherLang('vi')).toBe('en');
    expect(new Intl.NumberFormat(locale('vi')).format(1234.5)).toBe('1.234,5');
    expect(new Intl.NumberFormat(locale('en')).format(1234.5)).toBe('1,234.5');
  });
});
