import { mean, median, medianAbsoluteDeviation } from 'simple-statistics';

/** Centre and spread of a sample for robust z-scores; null below `minN` values. */
export interface RobustCentre {
  n: number;
  median: number;
  /** The denominator of z: 1.4826·MAD, or 1.2533·mean absolute deviation when the MAD is 0. */
  scale: number;
}

/**
 * Median and scale of a sample, for the modified z-score of Iglewicz and Hoaglin (1993):
 *
 *   z = (x − median) / (1.4826 · MAD)
 *
 * 1.4826 makes the MAD estimate σ for normal data, so z reads as a normal score; half the
 * sample can be outliers before the centre moves (a z on the mean and SD is dragged by the very
 * values it should find). When over half the values are equal the MAD is 0; then the mean
 * absolute deviation stands in (×1.2533, its normal consistency factor), as IBM SPSS and the
 * Iglewicz–Hoaglin text do. Returns null for fewer than `minN` values, or when every value is equal.
 *
 * @example robustCentre([1, 2, 3, 4, 100]) // { n: 5, median: 3, scale: 1.4826 }
 */
export function robustCentre(values: readonly number[], minN = 5): RobustCentre | null {
  if (values.length < minN) return null;
  const xs = values as number[];
  const m = median(xs);
  const mad = medianAbsoluteDeviation(xs);
  if (mad > 0) return { n: values.length, median: m, scale: 1.4826 * mad };
  const meanAd = mean(xs.map((x) => Math.abs(x - m)));
  return meanAd > 0 ? { n: values.length, median: m, scale: 1.2533 * meanAd } : null;
}

export const robustZ = (x: number, centre: RobustCentre): number => (x - centre.median) / centre.scale;

/** P(Z ≤ −4) for a standard normal: the promised false-flag rate of a one-sided cut at z = −4. */
export const ONE_SIDED_Z4 = 3.167e-5;
