import { describe, expect, it } from 'vitest';
import { rankGroups } from './rank-range.js';

describe('rankGroups', () => {
  it('gives tied estimates the same minimum rank (1, 2, 2, 4)', () => {
    const ranked = rankGroups([
      { group: 0, n: 500, estimate: 90, se: 1 },
      { group: 1, n: 500, estimate: 80, se: 1 },
      { group: 2, n: 500, estimate: 80, se: 1 },
      { group: 3, n: 500, estimate: 70, se: 1 },
    ]);
    expect(ranked.map((r) => r.rank)).toEqual([1, 2, 2, 4]);
  });

  it('computes rank ranges from pairwise z tests (hand-checked)', () => {
    // A vs B: (85 − 83)/√2 = 1.41 → not sure; A vs C: 5/√2 = 3.54 → sure; B vs C: 3/√2 = 2.12 → sure.
    const ranked = rankGroups([
      { group: 0, n: 500, estimate: 85, se: 1 },
      { group: 1, n: 500, estimate: 83, se: 1 },
      { group: 2, n: 500, estimate: 80, se: 1 },
    ]);
    expect(ranked.map((r) => [r.bestRank, r.rank, r.worstRank])).toEqual([
      [1, 1, 2],
      [1, 2, 2],
      [3, 3, 3],
    ]);
  });

  it('flags small samples and high CVs, and leaves groups without an estimate unranked', () => {
    const ranked = rankGroups([
      { group: 0, n: 50, estimate: 80, se: 5 },
      { group: 1, n: 0, estimate: null, se: null },
    ]);
    expect(ranked[0]).toMatchObject({
      smallSample: true,
      highCv: true,
      cv: 5 / 80,
      rank: 1,
      worstRank: 1,
    });
    expect(ranked[1]).toMatchObject({
      rank: null,
      bestRank: null,
      smallSample: true,
    });
  });
});
