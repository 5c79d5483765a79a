/**
 * Items turned into numeric scores per answer code, and their weighted totals per group.
 *
 * Scoring: an answer code c of item k scores `score[k·256 + c]`; NaN marks a missing answer
 * (code 0 = left blank, 255 = not asked, or a code outside `validCodes`), which is left out of
 * numerator and denominator.
 *   share item (positive codes given): score = 1 when c ∈ positive, else 0; shown × 100;
 *   mean item (positive = null):        score = c (the mean of the codes among valid answers).
 */
export interface ItemScoring {
  readonly id: string;
  /** Answer code per row (0 = left blank, 255 = not asked: both missing). */
  readonly codes: Uint8Array;
  /** Codes counted as positive (e.g. [4, 5]); null = mean score of the codes. */
  readonly positive: readonly number[] | null;
  /** Codes that are valid answers; default: every answer code 1 … 254 (255 marks "not asked"). */
  readonly validCodes?: readonly number[];
}

export interface ScoredItems {
  readonly count: number;
  readonly codes: readonly Uint8Array[];
  readonly score: Float64Array;
  /** 100 for shares (percent), 1 for mean scores. */
  readonly scale: Float64Array;
  readonly isShare: readonly boolean[];
}

/** Builds the 256-entry score tables of the items. */
export function scoreItems(items: readonly ItemScoring[]): ScoredItems {
  const score = new Float64Array(256 * items.length).fill(Number.NaN);
  const scale = new Float64Array(items.length);
  items.forEach((item, k) => {
    // 0 (left blank) and 255 (not asked) are the two kinds of missing, never answers.
    const valid = new Set(item.validCodes ?? Array.from({ length: 254 }, (_, c) => c + 1));
    const positive = item.positive === null ? null : new Set(item.positive);
    for (let c = 1; c < 256; c++) {
      if (!valid.has(c)) continue;
      score[k * 256 + c] = positive === null ? c : positive.has(c) ? 1 : 0;
    }
    scale[k] = positive === null ? 1 : 100;
  });
  return {
    count: items.length,
    codes: items.map((item) => item.codes),
    score,
    scale,
    isShare: items.map((item) => item.positive !== null),
  };
}

/**
 * Weighted totals per (group, item); block `groupCount` holds the pooled totals over all groups.
 *   ratio R̂_gk = Σ w·score / Σ w   over rows of group g with a valid answer to item k
 *   inverseDenominator = 1 / Σ w (0 when the group has no valid answer: no estimate)
 */
export interface DomainTotals {
  readonly ratio: Float64Array;
  readonly inverseDenominator: Float64Array;
  readonly valid: Int32Array;
  readonly rows: Int32Array;
}

/** One pass per item over the rows (mirrors the totals inside `svyratio`). Throws RangeError for a group outside 0 … groupCount − 1. */
export function accumulateDomainTotals(weights: Float64Array, groups: Int32Array, groupCount: number, items: ScoredItems): DomainTotals {
  const n = groups.length;
  const K = items.count;
  const G = groupCount;
  const numerator = new Float64Array((G + 1) * K);
  const denominator = new Float64Array((G + 1) * K);
  const valid = new Int32Array((G + 1) * K);
  const rows = new Int32Array(G);
  for (let i = 0; i < n; i++) {
    const g = groups[i] ?? -1;
    if (!(g >= 0 && g < G)) throw new RangeError(`group of row ${i} is ${g}, expected 0 … ${G - 1}`);
    rows[g]! += 1;
  }
  const score = items.score;
  for (let k = 0; k < K; k++) {
    const codes = items.codes[k];
    if (codes === undefined || codes.length !== n) throw new RangeError(`item ${k} has ${codes?.length ?? 0} rows, expected ${n}`);
    const offset = k * 256;
    for (let i = 0; i < n; i++) {
      const s = score[offset + codes[i]!]!;
      if (s !== s) continue;
      const w = weights[i]!;
      const cell = groups[i]! * K + k;
      numerator[cell]! += w * s;
      denominator[cell]! += w;
      valid[cell]! += 1;
    }
  }
  for (let g = 0; g < G; g++) {
    for (let k = 0; k < K; k++) {
      numerator[G * K + k]! += numerator[g * K + k]!;
      denominator[G * K + k]! += denominator[g * K + k]!;
      valid[G * K + k]! += valid[g * K + k]!;
    }
  }
  const ratio = new Float64Array((G + 1) * K);
  const inverseDenominator = new Float64Array((G + 1) * K);
  for (let cell = 0; cell < ratio.length; cell++) {
    const d = denominator[cell]!;
    if (d > 0) {
      ratio[cell] = numerator[cell]! / d;
      inverseDenominator[cell] = 1 / d;
    }
  }
  return { ratio, inverseDenominator, valid, rows };
}
