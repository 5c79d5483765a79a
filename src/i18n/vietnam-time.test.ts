import { describe, expect, it } from 'vitest';
import { vietnamTime } from './vietnam-time.js';

describe('Vietnam time', () => {
  it('is UTC+7 whatever the server zone, across midnight', () => {
    expect(vietnamTime(Date.UTC(2026, 11, 3, 11, 38, 45))).toBe('2026-12-03 18:38');
    expect(vietnamTime(Date.UTC(2026, 11, 3, 20, 5, 9), true)).toBe('2026-12-04 03:05:09');
  });
});
