import { logBeta } from './log-gamma.js';

/**
 * Regularised incomplete beta function I_x(a, b) (the beta CDF) or its complement 1 − I_x(a, b).
 *
 * Formula: I_x(a,b) = x^a (1−x)^b / (a B(a,b)) · CF(x; a, b), the continued fraction evaluated by
 * the modified Lentz method, used on the side where it converges fast (x < (a+1)/(a+b+2)); the
 * other tail comes from the symmetry I_x(a,b) = 1 − I_{1−x}(b,a). Pass `oneMinusX` when 1 − x is
 * known more precisely than `1 - x` (tiny tails of Student's t).
 * Edge cases: x ≤ 0 → 0, x ≥ 1 → 1 (complement reversed); a or b ≤ 0 → NaN.
 * Source: mirrors R's `pbeta(x, a, b, lower.tail)` to about 1e-14 relative.
 *
 * @example betaCdf(0.5, 2, 2) // 0.5
 */
export function betaCdf(x: number, a: number, b: number, upper = false, oneMinusX = 1 - x): number {
  if (!(a > 0) || !(b > 0) || Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return upper ? 1 : 0;
  if (oneMinusX <= 0) return upper ? 0 : 1;
  const logFront = a * Math.log(x) + b * Math.log(oneMinusX) - logBeta(a, b);
  if (x < (a + 1) / (a + b + 2)) {
    const lower = (Math.exp(logFront) * continuedFraction(x, a, b)) / a;
    return upper ? 1 - lower : lower;
  }
  const upperValue = (Math.exp(logFront) * continuedFraction(oneMinusX, b, a)) / b;
  return upper ? upperValue : 1 - upperValue;
}

/** Density of the beta distribution, x^(a−1)(1−x)^(b−1)/B(a,b), for 0 < x < 1. */
export function betaDensity(x: number, a: number, b: number): number {
  if (x <= 0 || x >= 1) return 0;
  return Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - logBeta(a, b));
}

/**
 * Quantile of the beta distribution: the x with I_x(a, b) = p.
 *
 * Formula: safeguarded Newton iteration inside a shrinking bracket [lo, hi] ⊂ [0, 1] (bisection
 * when a Newton step leaves it), until the step is below 1e-15·x.
 * Edge cases: a ≤ 0 → 0 (point mass at 0), b ≤ 0 → 1, p ≤ 0 → 0, p ≥ 1 → 1.
 * Source: mirrors R's `qbeta(p, a, b)` (used by `svyciprop(method = "beta")`).
 *
 * @example betaQuantile(0.5, 2, 2) // 0.5
 */
export function betaQuantile(p: number, a: number, b: number): number {
  if (Number.isNaN(p) || Number.isNaN(a) || Number.isNaN(b)) return Number.NaN;
  if (a <= 0 || p <= 0) return 0;
  if (b <= 0 || p >= 1) return 1;
  const upperTail = p > 0.5;
  const target = upperTail ? 1 - p : p;
  // g(x) increases with x in both forms.
  const g = (x: number): number => (upperTail ? target - betaCdf(x, a, b, true) : betaCdf(x, a, b) - target);
  let lo = 0;
  let hi = 1;
  let x = a / (a + b);
  for (let iteration = 0; iteration < 400; iteration++) {
    const value = g(x);
    if (value === 0) return x;
    if (value < 0) lo = x;
    else hi = x;
    const density = betaDensity(x, a, b);
    let next = density > 0 ? x - value / density : Number.NaN;
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - x) <= 1e-15 * Math.max(x, 1e-300) || hi - lo <= 1e-16 * hi) return next;
    x = next;
  }
  return x;
}

/** Continued fraction for I_x(a, b) (Numerical Recipes `betacf`, modified Lentz). */
function continuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 100_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) <= 3e-16) break;
  }
  return h;
}
