import { describe, expect, it } from 'vitest';
import { accumulateDomainTotals, scoreItems } from './scored-items.js';

describe('scored items', () => {
  it('leaves both kinds of missing out of the item index: 0 (left blank) and 255 (not asked)', () => {
    const items = scoreItems([
      { id: 'share', codes: Uint8Array.from([4, 0, 255, 2, 5]), positive: [4, 5] },
      { id: 'mean', codes: Uint8Array.from([255, 3, 0, 1, 255]), positive: null },
    ]);
    const totals = accumulateDomainTotals(new Float64Array(5).fill(1), new Int32Array(5), 1, items);
    // positives / valid answers: 2 of 3, and the mean of 3 and 1.
    expect([...totals.valid.subarray(0, 2)]).toEqual([3, 2]);
    expect(totals.ratio[0]).toBeCloseTo(2 / 3, 15);
    expect(totals.ratio[1]).toBe(2);
  });
});
