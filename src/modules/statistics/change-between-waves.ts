import { normalQuantile } from './normal-quantile.js';

export interface WaveEstimate {
  readonly estimate: number | null;
  readonly se: number | null;
}

export interface WaveChange {
  /** later − earlier; null when either is missing. */
  readonly difference: number | null;
  readonly se: number | null;
  readonly z: number | null;
  /** |z| > z_{0.975} (two-sided 5%); false when undefined. */
  readonly significant: boolean;
}

/**
 * Change of one group's index between two waves with independent samples.
 *
 * Formula: d = est₂ − est₁, SE = √(se₁² + se₂²), z = d / SE, significant when |z| > 1.959964
 * (normal reference: two independent large samples). SE = 0 → z null unless d ≠ 0 (then ±Infinity,
 * significant). A missing estimate or SE on either side → all null, not significant.
 * Source: decision of this project; equals `svycontrast` of two independent estimates.
 *
 * @example changeBetweenWaves({ estimate: 80, se: 1 }, { estimate: 83, se: 1 }) // d 3, se 1.414…, z 2.12, significant
 */
export function changeBetweenWaves(earlier: WaveEstimate, later: WaveEstimate, level = 0.95): WaveChange {
  if (earlier.estimate === null || later.estimate === null || earlier.se === null || later.se === null) {
    return { difference: null, se: null, z: null, significant: false };
  }
  const difference = later.estimate - earlier.estimate;
  const se = Math.sqrt(earlier.se ** 2 + later.se ** 2);
  const z = se > 0 ? difference / se : difference === 0 ? null : Math.sign(difference) * Number.POSITIVE_INFINITY;
  return {
    difference,
    se,
    z,
    significant: z !== null && Math.abs(z) > normalQuantile(1 - (1 - level) / 2),
  };
}
