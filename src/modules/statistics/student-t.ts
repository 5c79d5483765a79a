import { betaCdf } from './beta-distribution.js';
import { logGamma } from './log-gamma.js';
import { normalQuantile } from './normal-quantile.js';

/**
 * Upper tail of Student's t distribution, P(T > t) with `df` degrees of freedom.
 *
 * Formula: for t ≥ 0, P(T > t) = ½ I_{df/(df+t²)}(df/2, ½); by symmetry for t < 0.
 * df ≤ 0 or df = Infinity → NaN (only the quantile handles the normal limit).
 * Source: mirrors R's `pt(t, df, lower.tail = FALSE)`.
 *
 * @example studentTUpperTail(0, 5) // 0.5
 */
export function studentTUpperTail(t: number, df: number): number {
  if (!(df > 0) || Number.isNaN(t)) return Number.NaN;
  if (t < 0) return 1 - studentTUpperTail(-t, df);
  if (df === Number.POSITIVE_INFINITY) return Number.NaN;
  const t2 = t * t;
  return 0.5 * betaCdf(df / (df + t2), df / 2, 0.5, false, t2 / (df + t2));
}

/** Density of Student's t with `df` degrees of freedom. */
export function studentTDensity(t: number, df: number): number {
  return Math.exp(logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI) - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/**
 * Quantile of Student's t distribution: the t with P(T ≤ t) = p.
 *
 * Formula: closed forms for df = 1 (Cauchy) and df = 2; for df ≥ 1000 the Cornish–Fisher
 * expansion to 1/df⁴ (error < 1e-13); otherwise Newton's method on the upper tail, started from
 * that expansion, until the step is below 1e-15·|t|. df = Infinity (or > 1e12) gives the normal quantile; df ≤ 0 → NaN.
 * Source: mirrors R's `qt(p, df)`, which `confint(..., df = degf(design))` and `svyciprop` use.
 *
 * @example studentTQuantile(0.975, 10) // 2.228138851986274
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(df > 0) || Number.isNaN(p) || p < 0 || p > 1) return Number.NaN;
  if (p === 0.5) return 0;
  // Work from the smaller tail as given: 1 − (1 − p) loses p's digits when p is tiny.
  return p < 0.5 ? -upperQuantile(p, df) : upperQuantile(1 - p, df);
}

/** The t > 0 with P(T > t) = q, for 0 ≤ q < 0.5. */
function upperQuantile(q: number, df: number): number {
  if (q === 0) return Number.POSITIVE_INFINITY;
  const z = -normalQuantile(q);
  if (df > 1e12) return z;
  if (df === 1) return 1 / Math.tan(Math.PI * q);
  if (df === 2) return (1 - 2 * q) / Math.sqrt(2 * q * (1 - q));
  const z2 = z * z;
  // Cornish–Fisher expansion in 1/df (Abramowitz & Stegun 26.7.5); error below 1e-13 for df ≥ 1000.
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
  const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160;
  let t = z + (g1 + (g2 + (g3 + g4 / df) / df) / df) / df;
  if (df >= 1000) return t;
  for (let iteration = 0; iteration < 100; iteration++) {
    const step = (studentTUpperTail(t, df) - q) / studentTDensity(t, df);
    let next = t + step;
    if (next <= 0) next = t / 2;
    if (Math.abs(next - t) <= 1e-15 * Math.abs(t)) return next;
    t = next;
  }
  return t;
}
