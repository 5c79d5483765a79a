/**
 * Design weights from population and sample sizes per stratum: w_i = N_h / n_h.
 *
 * n_h counts the rows of stratum h. Strata in the sample without a population size are returned
 * as a problem (never a silent weight of 0). n = 0 → empty weights.
 * Source: the inverse inclusion probabilities R's `svydesign(probs = n_h / N_h)` uses.
 *
 * @example designWeightsFromCounts(Int32Array.of(1, 1, 2), new Map([[1, 10], [2, 4]])) // { ok: true, weights: [5, 5, 4] }
 */
export function designWeightsFromCounts(
  strata: Int32Array,
  population: ReadonlyMap<number, number>,
): { ok: true; weights: Float64Array } | { ok: false; problem: 'stratum_without_population'; strata: number[] } {
  const sampleSize = new Map<number, number>();
  for (const h of strata) sampleSize.set(h, (sampleSize.get(h) ?? 0) + 1);
  const missing = [...sampleSize.keys()].filter((h) => !((population.get(h) ?? 0) > 0)).sort((a, b) => a - b);
  if (missing.length > 0)
    return {
      ok: false,
      problem: 'stratum_without_population',
      strata: missing,
    };
  const weights = new Float64Array(strata.length);
  for (let i = 0; i < strata.length; i++) {
    const h = strata[i]!;
    weights[i] = population.get(h)! / sampleSize.get(h)!;
  }
  return { ok: true, weights };
}
