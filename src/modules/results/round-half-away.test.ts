import { describe, expect, it } from 'vitest';
import { formatNumber, roundHalfAway } from './round-half-away.js';

describe('display rounding', () => {
  it('rounds half away from zero at 2 decimals, despite binary representation', () => {
    expect(roundHalfAway(82.665)).toBe(82.67);
    expect(roundHalfAway(1.005)).toBe(1.01);
    expect(roundHalfAway(-0.125)).toBe(-0.13);
    expect(roundHalfAway(82.664999)).toBe(82.66);
  });
  it('formats for the language', () => {
    expect(formatNumber(82.665, 'vi')).toBe('82,67');
    expect(formatNumber(82.665, 'en')).toBe('82.67');
    expect(formatNumber(null)).toBe('');
  });
});
