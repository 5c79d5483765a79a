import { describe, expect, it } from 'vitest';
import type { TextTable } from '../../i18n/texts.js';
import { analysisTexts } from './analysis-texts.js';
import { fieldworkTexts } from './fieldwork-texts.js';
import { methodTexts } from './method-texts.js';

describe('the analysis pages’ text tables', () => {
  // A page's table is merged over the shared one: a key in both would silently replace a shared word on that page.
  it.each([
    ['fieldwork', fieldworkTexts],
    ['method', methodTexts],
  ])('the %s page’s words use keys of their own', (_page, table) => {
    expect(Object.keys(table).filter((k) => k in analysisTexts)).toEqual([]);
  });

  it('every text exists in both languages', () => {
    for (const table of [analysisTexts, fieldworkTexts, methodTexts] as TextTable[])
      for (const [key, { vi, en }] of Object.entries(table)) expect([key, vi.trim() !== '' && en.trim() !== ''], key).toEqual([key, true]);
  });
});
