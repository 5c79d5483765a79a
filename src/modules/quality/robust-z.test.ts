import { describe, expect, it } from 'vitest';
import { robustCentre, robustZ } from './robust-z.js';
import { upperTail } from './poisson-binomial.js';

describe('robust z-scores', () => {
  it('use the median and 1.4826 × MAD, so one wild value moves neither', () => {
    const c = robustCentre([1, 2, 3, 4, 100])!;
    expect(c).toEqual({ n: 5, median: 3, scale: 1.4826 });
    expect(robustZ(100, c)).toBeCloseTo(97 / 1.4826, 10);
  });
  it('fall back to 1.2533 × the mean absolute deviation when over half the values are equal', () => {
    const c = robustCentre([5, 5, 5, 5, 5, 5, 9])!;
    expect(c.median).toBe(5);
    expect(c.scale).toBeCloseTo((1.2533 * 4) / 7, 12);
  });
  it('are null below the minimum sample or when every value is equal', () => {
    expect(robustCentre([1, 2, 3], 5)).toBeNull();
    expect(robustCentre([2, 2, 2, 2, 2])).toBeNull();
  });
});

describe('the Poisson-binomial upper tail', () => {
  it('matches the binomial when every p is equal', () => {
    // P(X ≥ 8), X ~ Binomial(10, 0.3) = Σ_{k=8..10} C(10,k) 0.3^k 0.7^(10−k)
    const exact = 45 * 0.3 ** 8 * 0.7 ** 2 + 10 * 0.3 ** 9 * 0.7 + 0.3 ** 10;
    expect(upperTail(new Array(10).fill(0.3), 8)).toBeCloseTo(exact, 15);
  });
  it('handles unequal p, and the edges x ≤ 0 and x > m', () => {
    // X = B(0.5) + B(0.2): P(X ≥ 1) = 1 − 0.5·0.8, P(X ≥ 2) = 0.1
    expect(upperTail([0.5, 0.2], 1)).toBeCloseTo(0.6, 15);
    expect(upperTail([0.5, 0.2], 2)).toBeCloseTo(0.1, 15);
    expect(upperTail([0.5, 0.2], 0)).toBe(1);
    expect(upperTail([0.5, 0.2], 3)).toBe(0);
  });
});
