import { normalQuantile } from './normal-quantile.js';

export interface RankInput {
  readonly group: number;
  readonly n: number;
  readonly estimate: number | null;
  readonly se: number | null;
}

export interface RankOptions {
  /** Samples below this size are flagged (default 100). */
  readonly minSampleSize?: number;
  /** A coefficient of variation SE/estimate above this is flagged (default 0.05, i.e. 5%). */
  readonly maxCv?: number;
  /** Level of the pairwise comparisons (default 0.95 → z = 1.959963984540054). */
  readonly level?: number;
}

export interface RankedGroup extends RankInput {
  /** 1 = highest estimate; ties share the smallest rank ("min": 1, 2, 2, 4); null without estimate. */
  readonly rank: number | null;
  /** Best plausible rank: 1 + #groups surely above. */
  readonly bestRank: number | null;
  /** Worst plausible rank: G − #groups surely below (G = groups with an estimate). */
  readonly worstRank: number | null;
  readonly cv: number | null;
  readonly smallSample: boolean;
  readonly highCv: boolean;
}

/**
 * Ranks groups by their estimate (highest first) with deterministic rank ranges.
 *
 * Formula: j is surely above i when (est_j − est_i) / √(se_i² + se_j²) > z_{1−α/2} (independent
 * samples; 1.96 at 95%); best_i = 1 + #{j surely above i}, worst_i = G − #{j surely below i}, so
 * best ≤ rank ≤ worst. Ties in the estimate share the minimum rank (R `rank(-x, ties.method = "min")`).
 * A zero SE on both sides makes any difference sure. Groups without an estimate get null ranks and
 * are not counted in G. CV = se / estimate (null when the estimate is 0 or missing).
 * Flags: n < minSampleSize (default 100); CV > maxCv (default 0.05 — a 5% relative error on an
 * index near 80 is ±4 points, the size of the differences that move provinces many places).
 * Source: decision of this project (pairwise comparison rule), not an R function. O(G²).
 */
export function rankGroups(rows: readonly RankInput[], options: RankOptions = {}): RankedGroup[] {
  const minSampleSize = options.minSampleSize ?? 100;
  const maxCv = options.maxCv ?? 0.05;
  const z = normalQuantile(1 - (1 - (options.level ?? 0.95)) / 2);
  const ranked = rows.filter((row) => row.estimate !== null);
  const G = ranked.length;
  return rows.map((row) => {
    const cv = row.estimate !== null && row.estimate !== 0 && row.se !== null ? row.se / row.estimate : null;
    const flags = {
      cv,
      smallSample: row.n < minSampleSize,
      highCv: cv !== null && Math.abs(cv) > maxCv,
    };
    if (row.estimate === null) return { ...row, rank: null, bestRank: null, worstRank: null, ...flags };
    let above = 0;
    let surelyAbove = 0;
    let surelyBelow = 0;
    for (const other of ranked) {
      if (other === row) continue;
      const difference = other.estimate! - row.estimate;
      if (difference > 0) above++;
      const se = Math.sqrt((row.se ?? 0) ** 2 + (other.se ?? 0) ** 2);
      const sure = se === 0 ? difference !== 0 : Math.abs(difference) / se > z;
      if (sure && difference > 0) surelyAbove++;
      if (sure && difference < 0) surelyBelow++;
    }
    return {
      ...row,
      rank: above + 1,
      bestRank: 1 + surelyAbove,
      worstRank: G - surelyBelow,
      ...flags,
    };
  });
}
