import { betaQuantile } from './beta-distribution.js';
import { studentTQuantile } from './student-t.js';

/** A confidence interval; null bounds when it is undefined (see each function). */
export interface ConfidenceInterval {
  readonly lower: number;
  readonly upper: number;
}

/**
 * Logit confidence interval for a proportion p with standard error se (proportion scale).
 *
 * Formula: logit(p) ± t_{df, 1−α/2} · se / (p(1 − p)), transformed back with expit, so the
 * interval stays inside (0, 1).
 * Undefined (null) when p ≤ 0, p ≥ 1, se ≤ 0 or df < 1 (R returns NaN or a degenerate interval).
 * Source: R `svyciprop(~y, design, method = "logit")` — a Wald interval for the intercept of a
 * quasibinomial `svyglm`, which in closed form is `method = "xlogit"`; df = `degf(design)`.
 *
 * @example logitCi(0.8, 0.02, 100) // { lower: 0.75708…, upper: 0.83672… }
 */
export function logitCi(p: number, se: number, df: number, level = 0.95): ConfidenceInterval | null {
  if (!(p > 0 && p < 1 && se > 0 && df >= 1)) return null;
  const t = studentTQuantile(1 - (1 - level) / 2, df);
  const centre = Math.log(p / (1 - p));
  const half = (t * se) / (p * (1 - p));
  return { lower: expit(centre - half), upper: expit(centre + half) };
}

/**
 * Korn–Graubard (Clopper–Pearson with effective sample size) interval for a proportion.
 *
 * Formula: n_eff = p(1 − p)/se² · (t_{rows−1, α/2} / t_{df, α/2})²;
 *   lower = qbeta(α/2, n_eff p, n_eff (1 − p) + 1), upper = qbeta(1 − α/2, n_eff p + 1, n_eff (1 − p)).
 * `rows` is `nrow(design)` of the (sub)design, as in R (for an uncalibrated design the rows of the
 * domain; R keeps all rows of a calibrated design when subsetting).
 * Undefined (null) when se ≤ 0, df < 1 or rows < 2.
 * Source: R `svyciprop(~y, design, method = "beta")`.
 */
export function kornGraubardCi(p: number, se: number, df: number, rows: number, level = 0.95): ConfidenceInterval | null {
  if (!(p >= 0 && p <= 1 && se > 0 && df >= 1 && rows >= 2)) return null;
  const alpha = 1 - level;
  const ratio = studentTQuantile(alpha / 2, rows - 1) / studentTQuantile(alpha / 2, df);
  const nEff = ((p * (1 - p)) / (se * se)) * ratio * ratio;
  return {
    lower: betaQuantile(alpha / 2, nEff * p, nEff * (1 - p) + 1),
    upper: betaQuantile(1 - alpha / 2, nEff * p + 1, nEff * (1 - p)),
  };
}

/**
 * Wald interval estimate ± t_{df, 1−α/2} · se (not clipped to the scale).
 * Undefined (null) when se is not finite or df < 1.
 * Source: R `confint(svycontrast(...), df = degf(design))` / `confint(svymean(...), df = ...)`.
 *
 * @example waldCi(80, 2, 1e15) // ≈ { lower: 76.08, upper: 83.92 }
 */
export function waldCi(estimate: number, se: number, df: number, level = 0.95): ConfidenceInterval | null {
  if (!Number.isFinite(se) || !(df >= 1)) return null;
  const half = studentTQuantile(1 - (1 - level) / 2, df) * se;
  return { lower: estimate - half, upper: estimate + half };
}

/** expit(x) = 1/(1 + e^−x). */
export function expit(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
