import { describe, expect, it } from 'vitest';
import { changeBetweenWaves } from './change-between-waves.js';

describe('changeBetweenWaves', () => {
  it('combines independent SEs and tests at 5% (hand-checked)', () => {
    const change = changeBetweenWaves({ estimate: 80, se: 1 }, { estimate: 83, se: 1 });
    expect(change.difference).toBe(3);
    expect(change.se).toBeCloseTo(Math.SQRT2, 15);
    expect(change.z).toBeCloseTo(3 / Math.SQRT2, 15);
    expect(change.significant).toBe(true);
    expect(changeBetweenWaves({ estimate: 80, se: 1 }, { estimate: 82, se: 1 }).significant).toBe(false);
  });

  it('when a wave has no estimate, returns nulls and not significant', () => {
    expect(changeBetweenWaves({ estimate: null, se: null }, { estimate: 83, se: 1 })).toEqual({ difference: null, se: null, z: null, significant: false });
  });
});
