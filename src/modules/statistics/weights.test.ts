import { describe, expect, it } from 'vitest';
import { designWeightsFromCounts } from './design-weights.js';
import { postStratify } from './post-stratify.js';
import { rake } from './rake.js';
import { createSurveyDesign } from './survey-design.js';
import { trimWeights } from './trim-weights.js';

describe('weights', () => {
  it('design weights are population / sample per stratum, and a stratum without population is a problem', () => {
    expect(
      designWeightsFromCounts(
        Int32Array.of(1, 1, 2),
        new Map([
          [1, 10],
          [2, 4],
        ]),
      ),
    ).toEqual({ ok: true, weights: Float64Array.of(5, 5, 4) });
    expect(designWeightsFromCounts(Int32Array.of(1, 3), new Map([[1, 10]]))).toEqual({
      ok: false,
      problem: 'stratum_without_population',
      strata: [3],
    });
  });

  it('post-stratification scales each cell to its population total', () => {
    const design = createSurveyDesign({
      n: 3,
      weights: Float64Array.of(1, 3, 2),
    });
    const result = postStratify(design, {
      cells: Int32Array.of(0, 0, 1),
      cellCount: 2,
      populationTotals: Float64Array.of(8, 10),
    });
    expect(result.ok && [...result.design.weights]).toEqual([2, 6, 10]);
    const missing = postStratify(design, {
      cells: Int32Array.of(0, 0, 0),
      cellCount: 2,
      populationTotals: Float64Array.of(8, 10),
    });
    expect(missing).toEqual({
      ok: false,
      problem: 'cell_without_sample',
      cells: [1],
    });
  });

  it('raking meets every margin and reports convergence', () => {
    const design = createSurveyDesign({ n: 4 });
    const result = rake(design, [
      {
        cells: Int32Array.of(0, 0, 1, 1),
        cellCount: 2,
        populationTotals: Float64Array.of(60, 40),
      },
      {
        cells: Int32Array.of(0, 1, 0, 1),
        cellCount: 2,
        populationTotals: Float64Array.of(30, 70),
      },
    ]);
    if (!result.ok) throw new Error(result.problem);
    const w = result.design.weights;
    expect(w[0]! + w[1]!).toBeCloseTo(60, 6);
    expect(w[0]! + w[2]!).toBeCloseTo(30, 0);
    expect(result.report.converged).toBe(true);
    expect(result.report.maxChange).toBeLessThan(1);
  });

  it('trimming caps weights and spreads the excess over the others (total kept)', () => {
    const design = createSurveyDesign({
      n: 3,
      weights: Float64Array.of(1, 1, 10),
    });
    expect([...trimWeights(design, { upper: 6 }).weights]).toEqual([3, 3, 6]);
  });
});
