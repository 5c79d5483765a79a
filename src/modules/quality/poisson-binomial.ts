/**
 * Upper tail of a Poisson-binomial variable: X = Σ Bernoulli(p_k), independent, k = 1…m;
 * returns P(X ≥ x). Exact, by the textbook recursion over the items (O(m·x)): the count
 * distribution after item k is f_k(j) = f_{k−1}(j)·(1 − p_k) + f_{k−1}(j − 1)·p_k, where the
 * last cell accumulates every count ≥ x. x ≤ 0 gives 1, x > m gives 0.
 *
 * @example upperTail([0.5, 0.5], 2) // 0.25
 */
export function upperTail(p: ArrayLike<number>, x: number): number {
  const m = p.length;
  if (x <= 0) return 1;
  if (x > m) return 0;
  // f[j] = P(count = j) for j < x; f[x] = P(count ≥ x).
  const f = new Float64Array(x + 1);
  f[0] = 1;
  for (let k = 0; k < m; k++) {
    const q = p[k]!;
    f[x] = f[x]! + f[x - 1]! * q;
    for (let j = Math.min(k + 1, x - 1); j >= 1; j--) f[j] = f[j]! * (1 - q) + f[j - 1]! * q;
    f[0] = f[0] * (1 - q);
  }
  return f[x]!;
}

/**
 * Whether x could be in the tail at all: more than `sds` standard deviations above the mean
 * Σp_k (variance Σp_k(1 − p_k)). A cheap gate before the exact tail, which costs O(m·x).
 */
export function farAboveMean(p: ArrayLike<number>, x: number, sds: number): boolean {
  let mu = 0;
  let v = 0;
  for (let k = 0; k < p.length; k++) {
    mu += p[k]!;
    v += p[k]! * (1 - p[k]!);
  }
  return x > mu + sds * Math.sqrt(v);
}

/**
 * Whether x counts are beyond chance at level `alpha`: past the cheap gate (more than three standard
 * deviations above the mean), then P(X ≥ x) ≤ alpha. When they are, the p-value and the expected
 * count Σp_k; otherwise null (no object made for the many that are not).
 *
 * @example beyondChance([0.1, 0.1, 0.1, 0.1], 4, 0.01) // { pValue: 0.0001, expected: 0.4 } (to rounding)
 */
export function beyondChance(p: ArrayLike<number>, x: number, alpha: number): { pValue: number; expected: number } | null {
  if (!farAboveMean(p, x, 3)) return null;
  const pValue = upperTail(p, x);
  if (pValue > alpha) return null;
  let expected = 0;
  for (let k = 0; k < p.length; k++) expected += p[k]!;
  return { pValue, expected };
}
