import type { CompositePlan } from './linear-combination.js';
import type { DomainTotals, ScoredItems } from './scored-items.js';
import type { CalibrationMargin, SurveyDesign } from './survey-design.js';

/**
 * How post-stratification and raking change the linearised influence of every estimate, in
 * closed form, without per-row arrays (the same numbers as {@link varianceOfInfluence}).
 *
 * R's `svyrecvar` replaces the weighted influence x_i = w_i z_i by residuals. Because every step is
 * linear, after all steps x_i = w_i z_i − Σ_j c_j · w^{(j)}_i · [i ∈ j], where the columns j are
 * the cells of all calibration margins and w^{(j)} that margin's stored weights. The coefficients
 * c_j of one estimate follow from cell sums only: a step on margin m adds to c_{(m,l)}
 *   Δ_l = (Z^m_l − Σ_j c_j K^m_{l j}) / A^m_l,
 *   Z^m_l = Σ_{i∈l} a_i w_i z_i / w^m_i,  K^m_{l j} = Σ_{i∈l∩j} a_i w^{(j)}_i / w^m_i,  A^m_l = Σ_{i∈l} a_i,
 * with a_i the averaging weights (R: "oldweights" for `postStratify`, 1 for `rake`).
 * PSU totals then become T_c − Σ_j c_j U_{cj}, U_{cj} = Σ_{i∈c∩j} w^{(j)}_i.
 */
export interface CalibrationColumns {
  /** Number of columns P (cells over all margins). */
  readonly count: number;
  readonly margins: readonly CalibrationMargin[];
  /** First column of each margin. */
  readonly offset: Int32Array;
  /** c per quantity: coefficients[(block·Q + q)·P + j], blocks 0 … G−1 groups, G national. */
  readonly coefficients: Float64Array;
}

export interface CalibrationInput {
  readonly design: SurveyDesign;
  readonly groups: Int32Array;
  readonly groupCount: number;
  readonly items: ScoredItems;
  readonly totals: DomainTotals;
  readonly plan: CompositePlan;
  readonly national: 'mean-of-groups' | 'pooled';
  /** Weights of each group's quantities in the national mean-of-groups (G·Q). */
  readonly nationalCoefficients: Float64Array;
}

/** Computes {@link CalibrationColumns}; null for an uncalibrated design. */
// eslint-disable-next-line max-lines-per-function -- numeric kernel over the rows: a split would pass a dozen typed arrays between parts or add calls in the inner loop
export function calibrationColumns(input: CalibrationInput): CalibrationColumns | null {
  const { design, groups, items, totals, plan } = input;
  const margins = design.calibrations.flatMap((calibration) => [...calibration.margins]);
  const steps: number[] = [];
  let first = 0;
  for (const calibration of design.calibrations) {
    for (let sweep = 0; sweep < calibration.sweeps; sweep++) calibration.margins.forEach((_, m) => steps.push(first + m));
    first += calibration.margins.length;
  }
  if (steps.length === 0) return null;
  const M = margins.length;
  const offset = new Int32Array(M + 1);
  margins.forEach((margin, m) => (offset[m + 1] = offset[m]! + margin.cellCount));
  const P = offset[M]!;
  const G = input.groupCount;
  const K = items.count;
  const Q = plan.quantityCount;
  const n = design.n;
  const w = design.weights;

  // Quantity-independent sums A^m_l and K^m_{lj}.
  const average = new Float64Array(P);
  const kernel = new Float64Array(P * P);
  // Z sums per (column, group, item): Σ a w score / w^m and Σ a w / w^m over valid answers.
  const zScore = new Float64Array(P * G * K);
  const zCount = new Float64Array(P * G * K);
  const ratioOf = new Float64Array(M);
  for (let i = 0; i < n; i++) {
    const g = groups[i]!;
    for (let m = 0; m < M; m++) {
      const margin = margins[m]!;
      const own = margin.weights[i]!;
      const a = margin.averagingWeights ? margin.averagingWeights[i]! : 1;
      const row = offset[m]! + margin.cells[i]!;
      average[row]! += a;
      ratioOf[m] = own === 0 ? 0 : a / own;
      for (let m2 = 0; m2 < M; m2++) {
        const other = margins[m2]!;
        kernel[row * P + offset[m2]! + other.cells[i]!]! += ratioOf[m]! * other.weights[i]!;
      }
    }
    for (let k = 0; k < K; k++) {
      const s = items.score[k * 256 + items.codes[k]![i]!]!;
      if (s !== s) continue;
      for (let m = 0; m < M; m++) {
        const f = ratioOf[m]! * w[i]!;
        const cell = ((offset[m]! + margins[m]!.cells[i]!) * G + g) * K + k;
        zScore[cell]! += f * s;
        zCount[cell]! += f;
      }
    }
  }

  const coefficients = new Float64Array((G + 1) * Q * P);
  const z = new Float64Array(P);
  const c = new Float64Array(P);
  const delta = new Float64Array(P);
  const solve = (target: number): void => {
    c.fill(0);
    for (const m of steps) {
      for (let l = offset[m]!; l < offset[m + 1]!; l++) {
        let num = z[l]!;
        for (let j = 0; j < P; j++) num -= c[j]! * kernel[l * P + j]!;
        delta[l] = average[l]! > 0 ? num / average[l]! : 0;
      }
      for (let l = offset[m]!; l < offset[m + 1]!; l++) c[l]! += delta[l]!;
    }
    coefficients.set(c, target * P);
  };
  for (let block = 0; block <= G; block++) {
    if (block === G && input.national !== 'pooled') break;
    for (let k = 0; k < K; k++) {
      const cell = block * K + k;
      const inverse = totals.inverseDenominator[cell]!;
      if (inverse === 0) continue;
      const r = totals.ratio[cell]!;
      for (let j = 0; j < P; j++) {
        let ys = 0;
        let xs = 0;
        for (let g = block === G ? 0 : block; g < (block === G ? G : block + 1); g++) {
          ys += zScore[(j * G + g) * K + k]!;
          xs += zCount[(j * G + g) * K + k]!;
        }
        z[j] = items.scale[k]! * (ys - r * xs) * inverse;
      }
      solve(block * Q + k);
    }
    combineComposites(coefficients, plan, block, P);
  }
  if (input.national === 'mean-of-groups') {
    for (let q = 0; q < Q; q++) {
      for (let g = 0; g < G; g++) {
        const weight = input.nationalCoefficients[g * Q + q]!;
        if (weight === 0) continue;
        for (let j = 0; j < P; j++) coefficients[(G * Q + q) * P + j]! += weight * coefficients[(g * Q + q) * P + j]!;
      }
    }
  }
  return { count: P, margins, offset, coefficients };
}

function combineComposites(coefficients: Float64Array, plan: CompositePlan, block: number, P: number): void {
  const K = plan.itemCount;
  const Q = plan.quantityCount;
  for (let q = K; q < Q; q++) {
    const target = (block * Q + q) * P;
    for (let p = plan.derivedStart[q - K]!; p < plan.derivedStart[q - K + 1]!; p++) {
      const source = (block * Q + plan.derivedItem[p]!) * P;
      const coef = plan.derivedCoef[p]!;
      for (let j = 0; j < P; j++) coefficients[target + j]! += coef * coefficients[source + j]!;
    }
  }
}
