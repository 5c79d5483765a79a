import { describe, expect, it } from 'vitest';
import { tinyPlaces } from '../../../test/helpers/tiny-survey.js';
import { emptyCounts, percentOf, provinceProgress } from './batch-progress.js';

describe('province progress', () => {
  it('lists every province, sums batches per province and nationally', () => {
    const rows = [
      { ...emptyCounts(), province: '01', batches: 1, expected: 100, received: 90, keyed: 50, verified: 40 },
      { ...emptyCounts(), province: '01', batches: 1, expected: 100, received: 0 },
    ];
    const { provinces, total } = provinceProgress(tinyPlaces, rows, 'vi');
    expect(provinces.map((p) => [p.code, p.batches, p.expected, p.received, p.keyed, p.verified, p.verifiedShare])).toEqual([
      ['01', 2, 200, 90, 50, 40, 20],
      ['79', 0, 0, 0, 0, 0, null],
    ]);
    expect(total).toMatchObject({ name: 'Toàn quốc', expected: 200, verified: 40, verifiedShare: 20 });
  });

  it('rounds percentages to one decimal, half away from zero', () => {
    expect(percentOf(1, 3)).toBe(33.3);
    expect(percentOf(1, 8)).toBe(12.5);
    expect(percentOf(1, 0)).toBeNull();
  });
});
