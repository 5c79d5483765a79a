import type { CalibrationMargin, SurveyDesign } from './survey-design.js';
import { reweightDesign } from './survey-design.js';

export interface RakeMargin {
  /** Level index per row, 0 … cellCount − 1 (a margin may itself be a cross-classification). */
  readonly cells: Int32Array;
  readonly cellCount: number;
  readonly populationTotals: Float64Array;
}

export interface RakeOptions {
  /** Maximum number of cycles over the margins (R: control$maxit, default 10). */
  readonly maxIterations?: number;
  /** Convergence threshold on the largest change of a cell of the full cross-table of the margins;
   * below 1 it is relative to the total weight (R: control$epsilon, default 1). */
  readonly epsilon?: number;
}

export interface RakeReport {
  readonly converged: boolean;
  /** Cycles over all margins that were carried out. */
  readonly iterations: number;
  /** Largest absolute change of a cross-table cell in the last cycle. */
  readonly maxChange: number;
}

export type RakeResult =
  | {
      readonly ok: true;
      readonly design: SurveyDesign;
      readonly report: RakeReport;
    }
  | {
      readonly ok: false;
      readonly problem: 'cell_without_population' | 'cell_without_sample';
      readonly margin: number;
      readonly cells: readonly number[];
    };

/**
 * Rakes (iterative proportional fitting) the weights to several margins.
 *
 * Formula: each cycle post-stratifies to every margin in turn (w ← w · N_l / Σ_{j∈l} w_j); after a
 * cycle the weighted cross-table of all margins is compared with the previous one and the
 * iteration stops when the largest cell change is below epsilon, or after maxIterations cycles
 * (report.converged = false then; R warns). The last cycle's margins are recorded so variances
 * remove them as R does (10 sweeps of unweighted cell-mean residuals, `svyrecvar`).
 * Problems are returned like `postStratify`'s. Weights are not trimmed here: see `trimWeights`.
 * Source: R `rake(design, sample.margins, population.margins, control)`.
 */
export function rake(design: SurveyDesign, margins: readonly RakeMargin[], options: RakeOptions = {}): RakeResult {
  const n = design.n;
  const maxIterations = options.maxIterations ?? 10;
  let weights = design.weights;
  let total = 0;
  for (let i = 0; i < n; i++) total += weights[i]!;
  const epsilon = (options.epsilon ?? 1) < 1 ? (options.epsilon ?? 1) * total : (options.epsilon ?? 1);
  const joint = jointCells(margins, n);
  let oldTable = tabulate(weights, joint.cells, joint.count);
  let recorded: CalibrationMargin[] = [];
  let iterations = 0;
  let converged = false;
  let maxChange = Number.POSITIVE_INFINITY;
  while (iterations < maxIterations) {
    recorded = [];
    for (let m = 0; m < margins.length; m++) {
      const margin = margins[m]!;
      const sample = tabulate(weights, margin.cells, margin.cellCount);
      const withoutPopulation: number[] = [];
      const withoutSample: number[] = [];
      for (let l = 0; l < margin.cellCount; l++) {
        if (sample[l]! !== 0 && margin.populationTotals[l]! === 0) withoutPopulation.push(l);
        if (sample[l]! === 0 && margin.populationTotals[l]! !== 0) withoutSample.push(l);
      }
      if (withoutPopulation.length > 0)
        return {
          ok: false,
          problem: 'cell_without_population',
          margin: m,
          cells: withoutPopulation,
        };
      if (withoutSample.length > 0)
        return {
          ok: false,
          problem: 'cell_without_sample',
          margin: m,
          cells: withoutSample,
        };
      const next = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const l = margin.cells[i]!;
        next[i] = weights[i]! * (margin.populationTotals[l]! / sample[l]!);
      }
      recorded.push({
        cells: margin.cells,
        cellCount: margin.cellCount,
        weights: next,
        averagingWeights: null,
      });
      weights = next;
    }
    const newTable = tabulate(weights, joint.cells, joint.count);
    maxChange = 0;
    for (let cell = 0; cell < joint.count; cell++) maxChange = Math.max(maxChange, Math.abs(oldTable[cell]! - newTable[cell]!));
    if (maxChange < epsilon) {
      converged = true;
      iterations++;
      break;
    }
    oldTable = newTable;
    iterations++;
  }
  const calibrated =
    recorded.length > 0
      ? reweightDesign(design, weights, {
          kind: 'rake',
          sweeps: 10,
          margins: recorded,
        })
      : design;
  return {
    ok: true,
    design: calibrated,
    report: { converged, iterations, maxChange },
  };
}

function tabulate(weights: Float64Array, cells: Int32Array, count: number): Float64Array {
  const table = new Float64Array(count);
  for (let i = 0; i < cells.length; i++) table[cells[i]!]! += weights[i]!;
  return table;
}

/** Dense index of the full cross-classification of all margins (only combinations that occur). */
function jointCells(margins: readonly RakeMargin[], n: number): { cells: Int32Array; count: number } {
  const lookup = new Map<number, number>();
  const cells = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let key = 0;
    for (const margin of margins) key = key * margin.cellCount + margin.cells[i]!;
    let id = lookup.get(key);
    if (id === undefined) {
      id = lookup.size;
      lookup.set(key, id);
    }
    cells[i] = id;
  }
  return { cells, count: lookup.size };
}
