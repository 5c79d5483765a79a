import { describe, expect, it } from 'vitest';
import { importRestMs } from './import-pace.js';

describe('a web import’s pace', () => {
  it('rests as long as it worked while the server writes, and only the short pause otherwise', () => {
    expect(importRestMs(120.4, true, 5)).toBe(120);
    expect(importRestMs(2, true, 5)).toBe(5);
    expect(importRestMs(120, false, 5)).toBe(5);
  });
});
