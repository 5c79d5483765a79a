import { reweightDesign, type SurveyDesign } from './survey-design.js';

/**
 * Trims weights to [lower, upper] and spreads the trimmed amount equally over the rows that were
 * inside the bounds, so the total weight is kept.
 *
 * Formula: w' = min(max(w, lower), upper); rows not outside get + Σ(w − w') / #inside; with
 * `strict`, repeated until no weight is outside (the redistribution can push some over).
 * Variance: calibration records are kept unchanged (as R: trimming itself is not projected out).
 * n = 0 or nothing outside → the same design.
 * Source: R `trimWeights(design, upper, lower, strict)`.
 */
export function trimWeights(
  design: SurveyDesign,
  bounds: {
    readonly lower?: number;
    readonly upper?: number;
    readonly strict?: boolean;
  },
): SurveyDesign {
  const lower = bounds.lower ?? Number.NEGATIVE_INFINITY;
  const upper = bounds.upper ?? Number.POSITIVE_INFINITY;
  let current = design;
  for (let round = 0; round < 1000; round++) {
    const w = current.weights;
    let trimmed = 0;
    let inside = 0;
    const next = new Float64Array(w.length);
    for (let i = 0; i < w.length; i++) {
      const value = Math.max(lower, Math.min(w[i]!, upper));
      next[i] = value;
      if (value !== w[i]!) trimmed += w[i]! - value;
      else inside++;
    }
    if (inside === w.length) return current;
    for (let i = 0; i < w.length; i++) if (next[i] === w[i]) next[i]! += trimmed / inside;
    current = reweightDesign(current, next);
    if (!bounds.strict) return current;
  }
  return current;
}
