import { calibrationColumns } from './calibration-adjustment.js';
import { linearisedVariances } from './index-variance.js';
import { evaluateComposites, planComposites, type CompositeSpec } from './linear-combination.js';
import { kornGraubardCi, logitCi, waldCi } from './logit-ci.js';
import { accumulateDomainTotals, scoreItems, type ItemScoring } from './scored-items.js';
import type { SurveyDesign } from './survey-design.js';

export interface IndexSpec extends CompositeSpec {
  readonly design: SurveyDesign;
  /** Group (province…) index per row, 0 … groupCount − 1. */
  readonly groups: Int32Array;
  readonly groupCount: number;
  readonly items: readonly ItemScoring[];
  /** National figure: mean of the groups' values, or pooled over all respondents. */
  readonly national: 'mean-of-groups' | 'pooled';
  /** Interval for share items: 'logit' (default) or 'beta' (Korn–Graubard). */
  readonly shareInterval?: 'logit' | 'beta';
  /** Confidence level, default 0.95. */
  readonly level?: number;
}

/** One estimate with its uncertainty. All numbers are on the shown scale (0–100 for shares). */
export interface IndexEstimate {
  readonly id: string;
  readonly estimate: number | null;
  readonly se: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
  /** Items: valid answers; composites: respondents in the group (national: all respondents). */
  readonly n: number;
  /** Degrees of freedom used for the interval (#PSUs − #strata of the domain). */
  readonly df: number;
}

export interface GroupIndices {
  /** Group index; −1 for the national figures. */
  readonly group: number;
  readonly n: number;
  readonly items: readonly IndexEstimate[];
  readonly elements: readonly IndexEstimate[];
  readonly components: readonly IndexEstimate[];
  readonly headline: IndexEstimate;
}

export interface IndexResult {
  readonly groups: readonly GroupIndices[];
  readonly national: GroupIndices;
}

/**
 * Item, element, component and headline indices per group and nationally, with Taylor-linearised
 * standard errors and 95% intervals.
 *
 * Formulas (w = design weights; missing answers — code 0 or outside `validCodes` — are left out):
 *   share item  = 100 · Σ w·[code ∈ positive] / Σ w·[valid]     (R: `svyratio`, `svyby`)
 *   mean item   = Σ w·code / Σ w·[valid]
 *   element     = mean of its items; component = mean of its elements; headline = mean of the
 *                 elements or of the components (a mean of means, not pooled)
 *   national    = 'mean-of-groups': per quantity the mean over the groups that have an estimate
 *                 (b_g = 1/#such groups); 'pooled': the same formulas over all rows.
 * SEs: ratio linearisation on the full design (domain estimation), composites through the same
 * linear combination of the influence functions — equal to `svycontrast` on the estimates with
 * their full covariance (including covariances between groups, which R's `svyby(covmat = TRUE)`
 * would set to zero), post-stratification and raking effects as `svyrecvar`.
 * Intervals: share items 'logit' as `svyciprop(method = "logit")` (or 'beta', Korn–Graubard) with
 * df = `degf(subset(design, group == g & valid))`; mean items and all composites Wald
 * est ± t_df·SE (`confint(svycontrast(...), df = degf(subset(design, group == g)))`; national:
 * df = `degf(design)`; pooled items: the valid rows' df). Composite intervals are not clipped.
 * Empty cases: an item with no valid answer in a group, and any composite using it, has null
 * estimate/se/bounds and its n (0); nothing throws for empty data. n = 1 → se 0 and null bounds.
 * Cost: one pass per item to total, one pass over the rows for the variances; memory O(G·Q).
 */
// eslint-disable-next-line max-lines-per-function -- numeric kernel over the rows: a split would pass a dozen typed arrays between parts or add calls in the inner loop
export function estimateIndices(spec: IndexSpec): IndexResult {
  const { design, groups, groupCount: G } = spec;
  if (groups.length !== design.n) throw new RangeError(`groups has ${groups.length} rows, expected ${design.n}`);
  const level = spec.level ?? 0.95;
  const plan = planComposites(spec);
  const items = scoreItems(spec.items);
  const K = items.count;
  const Q = plan.quantityCount;
  const totals = accumulateDomainTotals(design.weights, groups, G, items);

  const estimates = new Float64Array((G + 1) * Q);
  const scratch = new Float64Array(Q);
  for (let block = 0; block <= G; block++) {
    for (let k = 0; k < K; k++) {
      const cell = block * K + k;
      scratch[k] = totals.inverseDenominator[cell]! > 0 ? items.scale[k]! * totals.ratio[cell]! : Number.NaN;
    }
    evaluateComposites(plan, scratch);
    estimates.set(scratch, block * Q);
  }
  const nationalCoefficients = new Float64Array(G * Q);
  for (let q = 0; q < Q; q++) {
    let available = 0;
    for (let g = 0; g < G; g++) if (!Number.isNaN(estimates[g * Q + q]!)) available++;
    let sum = 0;
    for (let g = 0; g < G; g++) {
      const value = estimates[g * Q + q]!;
      if (Number.isNaN(value)) continue;
      nationalCoefficients[g * Q + q] = 1 / available;
      sum += value / available;
    }
    if (spec.national === 'mean-of-groups') estimates[G * Q + q] = available > 0 ? sum : Number.NaN;
  }
  const calibration = calibrationColumns({
    design,
    groups,
    groupCount: G,
    items,
    totals,
    plan,
    national: spec.national,
    nationalCoefficients,
  });
  const { variance, itemDegreesOfFreedom, groupDegreesOfFreedom } = linearisedVariances({
    design,
    groups,
    groupCount: G,
    items,
    totals,
    plan,
    national: spec.national,
    nationalCoefficients,
    calibration,
  });

  const describe = (block: number): GroupIndices => {
    const national = block === G;
    const respondents = national ? design.n : totals.rows[block]!;
    const compositeDf = national ? design.degreesOfFreedom : groupDegreesOfFreedom[block]!;
    const one = (q: number): IndexEstimate => {
      const value = estimates[block * Q + q]!;
      const isItem = q < K;
      const itemCell = block * K + q;
      const n = isItem ? (national && spec.national === 'mean-of-groups' ? sumValid(totals.valid, G, K, q) : totals.valid[itemCell]!) : respondents;
      const df = isItem && !(national && spec.national === 'mean-of-groups') ? itemDegreesOfFreedom[itemCell]! : compositeDf;
      if (Number.isNaN(value))
        return {
          id: plan.ids[q]!,
          estimate: null,
          se: null,
          lower: null,
          upper: null,
          n,
          df,
        };
      const se = Math.sqrt(Math.max(0, variance[block * Q + q]!));
      let interval;
      if (isItem && items.isShare[q] && !(national && spec.national === 'mean-of-groups')) {
        const rows = design.calibrations.length > 0 ? design.n : n;
        interval = spec.shareInterval === 'beta' ? kornGraubardCi(value / 100, se / 100, df, rows, level) : logitCi(value / 100, se / 100, df, level);
        interval = interval && {
          lower: 100 * interval.lower,
          upper: 100 * interval.upper,
        };
      } else {
        interval = se > 0 ? waldCi(value, se, df, level) : null;
      }
      return {
        id: plan.ids[q]!,
        estimate: value,
        se,
        lower: interval?.lower ?? null,
        upper: interval?.upper ?? null,
        n,
        df,
      };
    };
    const all = Array.from({ length: Q }, (_, q) => one(q));
    return {
      group: national ? -1 : block,
      n: respondents,
      items: all.slice(0, K),
      elements: all.slice(K, K + plan.elementCount),
      components: all.slice(K + plan.elementCount, Q - 1),
      headline: all[Q - 1]!,
    };
  };
  return {
    groups: Array.from({ length: G }, (_, g) => describe(g)),
    national: describe(G),
  };
}

function sumValid(valid: Int32Array, G: number, K: number, k: number): number {
  let total = 0;
  for (let g = 0; g < G; g++) total += valid[g * K + k]!;
  return total;
}
