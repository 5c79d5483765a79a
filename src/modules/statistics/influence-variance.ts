import type { Calibration, SurveyDesign } from './survey-design.js';

/**
 * Variance of a linearised total Σ_i x_i, where x_i = w_i·z_i is a row's weighted influence
 * value: a direct port of R's `svyrecvar(x, clusters, strata, fpc, postStrata)` for one column.
 *
 * Formula: first the calibrations are projected out, in the order they were applied —
 *   post-stratification: x_i ← x_i − w*_i · Σ_{j∈p(i)} (w⁰_j x_j / w*_j) / Σ_{j∈p(i)} w⁰_j
 *     (w⁰ = weights before, w* = after post-stratifying),
 *   raking: 10 sweeps over the margins of x_i ← x_i − w^m_i · mean_{j ∈ level(i)} (x_j / w^m_j);
 * then V = Σ_h scale_h Σ_c (T_hc − T̄_h)² over PSU totals T_hc (see {@link SurveyDesign}; a lonely
 * stratum is not centred). Rows outside a domain carry x_i = 0 (domain estimation keeps the full
 * design). This is the reference path: O(n) memory per call; the index engine computes the same
 * numbers without per-row arrays.
 * n = 0 → 0.
 *
 * @example varianceOfInfluence(createSurveyDesign({ n: 2 }), Float64Array.of(1, -1)) // 2·(1² + 1²) = 4
 */
export function varianceOfInfluence(design: SurveyDesign, influence: Float64Array): number {
  const x = Float64Array.from(influence);
  for (const calibration of design.calibrations) removeCalibration(x, calibration);
  let variance = 0;
  let h = -1;
  let sum = 0;
  let sumSquares = 0;
  const finishStratum = (): void => {
    if (h < 0) return;
    const nh = design.psuPerStratum[h] ?? 0;
    const centred = nh > 1 ? sumSquares - (sum * sum) / nh : sumSquares;
    variance += (design.stratumScale[h] ?? 0) * centred;
  };
  for (let c = 0; c < design.psuCount; c++) {
    const stratum = design.psuStratum[c] ?? 0;
    if (stratum !== h) {
      finishStratum();
      h = stratum;
      sum = 0;
      sumSquares = 0;
    }
    let total = 0;
    for (let p = design.psuStart[c] ?? 0; p < (design.psuStart[c + 1] ?? 0); p++) total += x[design.order[p] ?? 0] ?? 0;
    sum += total;
    sumSquares += total * total;
  }
  finishStratum();
  return variance;
}

function removeCalibration(x: Float64Array, calibration: Calibration): void {
  for (let sweep = 0; sweep < calibration.sweeps; sweep++) {
    for (const margin of calibration.margins) {
      const sums = new Float64Array(margin.cellCount);
      const counts = new Float64Array(margin.cellCount);
      for (let i = 0; i < x.length; i++) {
        const cell = margin.cells[i] ?? 0;
        const a = margin.averagingWeights ? (margin.averagingWeights[i] ?? 0) : 1;
        const w = margin.weights[i] ?? 0;
        sums[cell]! += w === 0 ? 0 : (a * (x[i] ?? 0)) / w;
        counts[cell]! += a;
      }
      for (let i = 0; i < x.length; i++) {
        const cell = margin.cells[i] ?? 0;
        const count = counts[cell] ?? 0;
        if (count > 0) x[i]! -= (margin.weights[i] ?? 0) * ((sums[cell] ?? 0) / count);
      }
    }
  }
}
