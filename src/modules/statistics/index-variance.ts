import type { CalibrationColumns } from './calibration-adjustment.js';
import type { CompositePlan } from './linear-combination.js';
import type { DomainTotals, ScoredItems } from './scored-items.js';
import type { SurveyDesign } from './survey-design.js';

/**
 * Taylor-linearised variances of every item and composite of every group, and of the national
 * figures, in one pass over the rows grouped by PSU (see {@link SurveyDesign} for the formula).
 *
 * Influence of row i on item k of its group g (ratio linearisation, as `svyratio`):
 *   x_i = scale_k · w_i (score_ik − R̂_gk) / Σ_{j∈g, valid} w_j   (0 when the answer is missing),
 * zero on every other group's quantities (domain estimation on the full design). Composites use
 * Σ a_k x_ik (see `linear-combination.ts`); the national mean of groups Σ_g b_g x_i^{(g)} (b_g =
 * 1/#groups with an estimate); the pooled national figure the ratio over all rows.
 * Per stratum, Σ_c T_c and Σ_c T_c² are accumulated per quantity, so V = Σ_h scale_h (Σ T² − (Σ T)²/n_h).
 * Calibrated designs add the terms of T_c − Σ_j c_j U_cj (see `calibration-adjustment.ts`).
 *
 * Also counts, per (group, item) (and pooled items when national = 'pooled'), the PSUs and strata with a valid answer: the domain's degrees of
 * freedom `degf(subset(design, group == g & valid))`, and per group `degf(subset(design, group == g))`.
 */
export interface VarianceInput {
  readonly design: SurveyDesign;
  readonly groups: Int32Array;
  readonly groupCount: number;
  readonly items: ScoredItems;
  readonly totals: DomainTotals;
  readonly plan: CompositePlan;
  readonly national: 'mean-of-groups' | 'pooled';
  readonly nationalCoefficients: Float64Array;
  readonly calibration: CalibrationColumns | null;
}

export interface VarianceOutput {
  /** Variance per (block, quantity): index block·Q + q; block G = national. */
  readonly variance: Float64Array;
  /** Degrees of freedom per (block, item), block G = all groups pooled. */
  readonly itemDegreesOfFreedom: Int32Array;
  /** Degrees of freedom of each group's subset. */
  readonly groupDegreesOfFreedom: Int32Array;
}

// eslint-disable-next-line max-lines-per-function -- numeric kernel over the rows: a split would pass a dozen typed arrays between parts or add calls in the inner loop
export function linearisedVariances(input: VarianceInput): VarianceOutput {
  const { design, groups, items, totals, plan, calibration } = input;
  const G = input.groupCount;
  const K = items.count;
  const Q = plan.quantityCount;
  const B = G + 1;
  const weights = design.weights;
  const score = items.score;
  const codes = items.codes;
  const scale = items.scale;
  const ratio = totals.ratio;
  const inverse = totals.inverseDenominator;
  const pooled = input.national === 'pooled';
  const natCoef = input.nationalCoefficients;
  const P = calibration?.count ?? 0;
  const margins = calibration?.margins ?? [];
  const offset = calibration?.offset ?? new Int32Array(1);

  const itemTotals = new Float64Array(B * K);
  const quantity = new Float64Array(Q);
  const national = new Float64Array(Q);
  const sum1 = new Float64Array(B * Q);
  const sum2 = new Float64Array(B * Q);
  const variance = new Float64Array(B * Q);
  const touched = new Int32Array(G);
  const isTouched = new Uint8Array(G);
  const inStratum = new Uint8Array(B);
  const stratumBlocks: number[] = [];
  // Calibration: per-PSU column totals U, per-stratum Σ U, Σ U Uᵀ and Σ T U.
  const columnTotal = new Float64Array(P);
  const columnTouched: number[] = [];
  const columnSeen = new Uint8Array(P);
  const stratumColumn = new Float64Array(P);
  const stratumGram = new Float64Array(P * P);
  const cross = new Float64Array(B * Q * P);
  // Degrees of freedom bookkeeping (last PSU / stratum seen per cell).
  const itemPsus = new Int32Array(B * K);
  const itemStrata = new Int32Array(B * K);
  const lastPsu = new Int32Array(B * K).fill(-1);
  const lastStratum = new Int32Array(B * K).fill(-1);
  const groupPsus = new Int32Array(G);
  const groupStrata = new Int32Array(G);
  const groupLastPsu = new Int32Array(G).fill(-1);
  const groupLastStratum = new Int32Array(G).fill(-1);

  const derivedStart = plan.derivedStart;
  const derivedItem = plan.derivedItem;
  const derivedCoef = plan.derivedCoef;
  const addBlock = (block: number, values: Float64Array): void => {
    const base = block * Q;
    for (let q = 0; q < Q; q++) {
      const t = values[q]!;
      sum1[base + q]! += t;
      sum2[base + q]! += t * t;
    }
    if (P > 0) {
      for (let q = 0; q < Q; q++) {
        const t = values[q]!;
        for (let u = 0; u < columnTouched.length; u++) {
          const j = columnTouched[u]!;
          cross[(base + q) * P + j]! += t * columnTotal[j]!;
        }
      }
    }
    if (!inStratum[block]) {
      inStratum[block] = 1;
      stratumBlocks.push(block);
    }
  };
  const composites = (values: Float64Array): void => {
    for (let q = K; q < Q; q++) {
      let s = 0;
      const end = derivedStart[q - K + 1]!;
      for (let p = derivedStart[q - K]!; p < end; p++) s += derivedCoef[p]! * values[derivedItem[p]!]!;
      values[q] = s;
    }
  };
  const finishStratum = (h: number): void => {
    const nh = design.psuPerStratum[h]!;
    const stratumScale = design.stratumScale[h]!;
    const blocks = P > 0 ? Array.from({ length: B }, (_, b) => b) : stratumBlocks;
    for (const block of blocks) {
      for (let q = block * Q; q < (block + 1) * Q; q++) {
        let s1 = sum1[q]!;
        let s2 = sum2[q]!;
        if (P > 0) {
          const c = calibration!.coefficients;
          const cBase = q * P;
          for (let j = 0; j < P; j++) {
            const cj = c[cBase + j]!;
            if (cj === 0) continue;
            s1 -= cj * stratumColumn[j]!;
            s2 -= 2 * cj * cross[cBase + j]!;
            let quadratic = 0;
            for (let l = 0; l < P; l++) quadratic += stratumGram[j * P + l]! * c[cBase + l]!;
            s2 += cj * quadratic;
            cross[cBase + j] = 0;
          }
        }
        variance[q]! += stratumScale * (nh > 1 ? s2 - (s1 * s1) / nh : s2);
        sum1[q] = 0;
        sum2[q] = 0;
      }
      inStratum[block] = 0;
    }
    stratumBlocks.length = 0;
    stratumColumn.fill(0);
    stratumGram.fill(0);
  };

  let currentStratum = -1;
  for (let c = 0; c < design.psuCount; c++) {
    const h = design.psuStratum[c]!;
    if (h !== currentStratum) {
      if (currentStratum >= 0) finishStratum(currentStratum);
      currentStratum = h;
    }
    let touchedCount = 0;
    for (let p = design.psuStart[c]!; p < design.psuStart[c + 1]!; p++) {
      const i = design.order[p]!;
      const g = groups[i]!;
      const w = weights[i]!;
      if (!isTouched[g]) {
        isTouched[g] = 1;
        touched[touchedCount++] = g;
        if (groupLastPsu[g] !== c) {
          groupLastPsu[g] = c;
          groupPsus[g]!++;
        }
        if (groupLastStratum[g] !== h) {
          groupLastStratum[g] = h;
          groupStrata[g]!++;
        }
      }
      for (let k = 0; k < K; k++) {
        const s = score[k * 256 + codes[k]![i]!]!;
        if (s !== s) continue;
        const cell = g * K + k;
        itemTotals[cell]! += scale[k]! * w * (s - ratio[cell]!) * inverse[cell]!;
        if (lastPsu[cell] !== c) {
          lastPsu[cell] = c;
          itemPsus[cell]!++;
        }
        if (lastStratum[cell] !== h) {
          lastStratum[cell] = h;
          itemStrata[cell]!++;
        }
        if (pooled) {
          const all = G * K + k;
          itemTotals[all]! += scale[k]! * w * (s - ratio[all]!) * inverse[all]!;
          if (lastPsu[all] !== c) {
            lastPsu[all] = c;
            itemPsus[all]!++;
          }
          if (lastStratum[all] !== h) {
            lastStratum[all] = h;
            itemStrata[all]!++;
          }
        }
      }
      for (let m = 0; m < margins.length; m++) {
        const j = offset[m]! + margins[m]!.cells[i]!;
        if (!columnSeen[j]) {
          columnSeen[j] = 1;
          columnTouched.push(j);
        }
        columnTotal[j]! += margins[m]!.weights[i]!;
      }
    }
    national.fill(0);
    for (let t = 0; t < touchedCount; t++) {
      const g = touched[t]!;
      isTouched[g] = 0;
      for (let k = 0; k < K; k++) {
        quantity[k] = itemTotals[g * K + k]!;
        itemTotals[g * K + k] = 0;
      }
      composites(quantity);
      addBlock(g, quantity);
      if (!pooled) for (let q = 0; q < Q; q++) national[q]! += natCoef[g * Q + q]! * quantity[q]!;
    }
    if (pooled) {
      for (let k = 0; k < K; k++) {
        national[k] = itemTotals[G * K + k]!;
        itemTotals[G * K + k] = 0;
      }
      composites(national);
    }
    if (touchedCount > 0) addBlock(G, national);
    for (const j of columnTouched) {
      stratumColumn[j]! += columnTotal[j]!;
      for (const l of columnTouched) stratumGram[j * P + l]! += columnTotal[j]! * columnTotal[l]!;
    }
    for (const j of columnTouched) {
      columnTotal[j] = 0;
      columnSeen[j] = 0;
    }
    columnTouched.length = 0;
  }
  if (currentStratum >= 0) finishStratum(currentStratum);

  const itemDegreesOfFreedom = new Int32Array(B * K);
  for (let cell = 0; cell < B * K; cell++) itemDegreesOfFreedom[cell] = itemPsus[cell]! - itemStrata[cell]!;
  const groupDegreesOfFreedom = new Int32Array(G);
  for (let g = 0; g < G; g++) groupDegreesOfFreedom[g] = groupPsus[g]! - groupStrata[g]!;
  return { variance, itemDegreesOfFreedom, groupDegreesOfFreedom };
}
