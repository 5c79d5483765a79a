import { reweightDesign, type SurveyDesign } from './survey-design.js';

export interface PostStratifySpec {
  /** Post-stratum (cell) index per row, 0 … cellCount − 1 (see `crossClassify` for several variables). */
  readonly cells: Int32Array;
  readonly cellCount: number;
  /** Known population total of each cell. */
  readonly populationTotals: Float64Array;
  /** Ignore cells with a population but no sample (R: `partial = TRUE`). */
  readonly partial?: boolean;
}

export type PostStratifyResult =
  | { readonly ok: true; readonly design: SurveyDesign }
  | {
      readonly ok: false;
      readonly problem: 'cell_without_population' | 'cell_without_sample';
      readonly cells: readonly number[];
    };

/**
 * Post-stratifies a design to known cell totals.
 *
 * Formula: w*_i = w_i · N_p / Σ_{j∈p} w_j for row i in cell p, so Σ_{j∈p} w*_j = N_p. The design
 * records the step so variances use residuals of the influence values after removing their
 * (w-weighted) cell means — see `varianceOfInfluence`.
 * Problems (returned, not thrown): a sampled cell with no population total; a cell with a
 * population but no sample (unless `partial`). Cells with neither are ignored.
 * Source: R `postStratify(design, ~cell, population)` on a `svydesign` object.
 *
 * @example
 * // two rows in cell 0 with weight 1, population 10 → weights 5 and 5
 */
export function postStratify(design: SurveyDesign, spec: PostStratifySpec): PostStratifyResult {
  const { cells, cellCount, populationTotals } = spec;
  if (cells.length !== design.n || populationTotals.length !== cellCount) throw new RangeError('cells or populationTotals have the wrong length');
  const sample = new Float64Array(cellCount);
  for (let i = 0; i < design.n; i++) sample[cells[i]!]! += design.weights[i]!;
  const withoutPopulation: number[] = [];
  const withoutSample: number[] = [];
  for (let p = 0; p < cellCount; p++) {
    const inSample = sample[p]! !== 0;
    const inPopulation = populationTotals[p]! !== 0;
    if (inSample && !inPopulation) withoutPopulation.push(p);
    if (!inSample && inPopulation) withoutSample.push(p);
  }
  if (withoutPopulation.length > 0)
    return {
      ok: false,
      problem: 'cell_without_population',
      cells: withoutPopulation,
    };
  if (withoutSample.length > 0 && !spec.partial) return { ok: false, problem: 'cell_without_sample', cells: withoutSample };
  const oldWeights = design.weights;
  const weights = new Float64Array(design.n);
  for (let i = 0; i < design.n; i++) {
    const p = cells[i]!;
    weights[i] = sample[p]! === 0 ? 0 : oldWeights[i]! * (populationTotals[p]! / sample[p]!);
  }
  return {
    ok: true,
    design: reweightDesign(design, weights, {
      kind: 'post-stratify',
      sweeps: 1,
      margins: [{ cells, cellCount, weights, averagingWeights: oldWeights }],
    }),
  };
}
