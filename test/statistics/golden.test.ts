/**
 * Agreement with R's survey package (golden files made by scripts/r/golden.R from the datasets of
 * scripts/make-golden-datasets.ts). Every estimate, SE, df and interval bound is compared at
 * 1e-9 absolute on the shown scale: 0–100 for shares, the code scale (1–5) for the mean item.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { betaQuantile } from '../../src/modules/statistics/beta-distribution.js';
import { crossClassify } from '../../src/modules/statistics/cross-classify.js';
import { estimateIndices, type GroupIndices, type IndexEstimate } from '../../src/modules/statistics/estimate-indices.js';
import { postStratify } from '../../src/modules/statistics/post-stratify.js';
import { rake } from '../../src/modules/statistics/rake.js';
import { studentTQuantile } from '../../src/modules/statistics/student-t.js';
import { createSurveyDesign, type SurveyDesign } from '../../src/modules/statistics/survey-design.js';

const GOLDEN = 'test/golden';
const TOLERANCE = 1e-9;
const ITEMS = ['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7'];

function readCsv(path: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path, 'utf8').trimEnd().split('\n');
  const names = header!.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((value, i) => [names[i]!, value])));
}

function loadDataset(name: string) {
  const rows = readCsv(join(GOLDEN, 'datasets', `${name}.csv`));
  const column = (key: string) => Int32Array.from(rows, (row) => Number(row[key]));
  return {
    n: rows.length,
    groups: Int32Array.from(rows, (row) => Number(row.group) - 1),
    strata: column('stratum'),
    psu: column('psu'),
    weight: Float64Array.from(rows, (row) => Number(row.weight)),
    sex: Int32Array.from(rows, (row) => Number(row.sex) - 1),
    age: Int32Array.from(rows, (row) => Number(row.age) - 1),
    urban: Int32Array.from(rows, (row) => Number(row.urban) - 1),
    codes: ITEMS.map((item) => Uint8Array.from(rows, (row) => (row[item] === '' ? 0 : Number(row[item])))),
  };
}

function population(name: string, margin: string): Float64Array {
  return Float64Array.from(
    readCsv(join(GOLDEN, 'datasets', `${name}-population.csv`)).filter((row) => row.margin === margin),
    (row) => Number(row.total),
  );
}

function buildDesign(name: string, data: ReturnType<typeof loadDataset>): SurveyDesign {
  const stratified = createSurveyDesign({
    n: data.n,
    weights: data.weight,
    strata: data.strata,
  });
  const clustered = createSurveyDesign({
    n: data.n,
    weights: data.weight,
    strata: data.strata,
    clusters: data.psu,
  });
  switch (name) {
    case 'simple':
      return createSurveyDesign({ n: data.n });
    case 'design-weights':
      return stratified;
    case 'clustered':
      return clustered;
    case 'post-stratified': {
      const { cells, cellCount } = crossClassify([
        { values: data.sex, levels: 2 },
        { values: data.age, levels: 3 },
      ]);
      const result = postStratify(stratified, {
        cells,
        cellCount,
        populationTotals: population(name, 'sex_age'),
      });
      if (!result.ok) throw new Error(result.problem);
      return result.design;
    }
    default: {
      const result = rake(clustered, [
        {
          cells: data.sex,
          cellCount: 2,
          populationTotals: population(name, 'sex'),
        },
        {
          cells: data.age,
          cellCount: 3,
          populationTotals: population(name, 'age'),
        },
        {
          cells: data.urban,
          cellCount: 2,
          populationTotals: population(name, 'urban'),
        },
      ]);
      if (!result.ok) throw new Error(result.problem);
      return result.design;
    }
  }
}

const HEADLINE_OF: Record<string, 'elements' | 'components'> = {
  simple: 'elements',
  'design-weights': 'elements',
  clustered: 'components',
  'post-stratified': 'elements',
  raked: 'components',
};

function run(name: string, national: 'pooled' | 'mean-of-groups', shareInterval: 'logit' | 'beta') {
  const data = loadDataset(name);
  const design = buildDesign(name, data);
  return {
    design,
    result: estimateIndices({
      design,
      groups: data.groups,
      groupCount: 6,
      items: ITEMS.map((id, k) => ({
        id,
        codes: data.codes[k]!,
        positive: id === 'q7' ? null : [4, 5],
      })),
      elements: [
        { id: 'E1', items: ['q1', 'q2'] },
        { id: 'E2', items: ['q3', 'q4', 'q5'] },
        { id: 'E3', items: ['q6'] },
      ],
      components: [
        { id: 'C1', elements: ['E1', 'E2'] },
        { id: 'C2', elements: ['E3'] },
      ],
      headline: { of: HEADLINE_OF[name]! },
      national,
      shareInterval,
    }),
  };
}

function find(block: GroupIndices, quantity: string): IndexEstimate {
  const all = [...block.items, ...block.elements, ...block.components, block.headline];
  const found = all.find((estimate) => estimate.id === quantity);
  if (!found) throw new Error(`no ${quantity}`);
  return found;
}

function expectNear(actual: number | null, expected: string, label: string): void {
  expect(actual, label).not.toBeNull();
  expect(Math.abs(actual! - Number(expected)), `${label}: ${actual} vs R ${expected}`).toBeLessThan(TOLERANCE);
}

describe.each(Object.keys(HEADLINE_OF))('golden agreement with R survey: %s', (name) => {
  const golden = readCsv(join(GOLDEN, `${name}.csv`));
  const pooled = run(name, 'pooled', 'logit');
  const pooledBeta = run(name, 'pooled', 'beta');
  const meanOfGroups = run(name, 'mean-of-groups', 'logit');

  it('matches every group estimate, SE, df and logit / Korn–Graubard / Wald interval', () => {
    const rows = golden.filter((row) => row.national === 'group');
    expect(rows.length).toBe(6 * 13);
    for (const row of rows) {
      const label = `${name} group ${row.group} ${row.quantity}`;
      const got = find(pooled.result.groups[Number(row.group) - 1]!, row.quantity!);
      expectNear(got.estimate, row.estimate!, `${label} estimate`);
      expectNear(got.se, row.se!, `${label} se`);
      expect(got.df, `${label} df`).toBe(Number(row.df));
      expectNear(got.lower, row.lower!, `${label} lower`);
      expectNear(got.upper, row.upper!, `${label} upper`);
      if (row.lower_beta !== 'NA') {
        const beta = find(pooledBeta.result.groups[Number(row.group) - 1]!, row.quantity!);
        expectNear(beta.lower, row.lower_beta!, `${label} beta lower`);
        expectNear(beta.upper, row.upper_beta!, `${label} beta upper`);
      }
    }
  });

  it('matches the pooled and the mean-of-groups national figures', () => {
    for (const [mode, run] of [
      ['pooled', pooled],
      ['mean-of-groups', meanOfGroups],
    ] as const) {
      const rows = golden.filter((row) => row.national === mode);
      expect(rows.length).toBe(13);
      for (const row of rows) {
        const label = `${name} national ${mode} ${row.quantity}`;
        const got = find(run.result.national, row.quantity!);
        expectNear(got.estimate, row.estimate!, `${label} estimate`);
        expectNear(got.se, row.se!, `${label} se`);
        expect(got.df, `${label} df`).toBe(Number(row.df));
        expectNear(got.lower, row.lower!, `${label} lower`);
        expectNear(got.upper, row.upper!, `${label} upper`);
      }
    }
  });

  if (name === 'post-stratified' || name === 'raked') {
    it('reproduces the calibrated weights', () => {
      const weights = readCsv(join(GOLDEN, `${name}-weights.csv`)).map((row) => Number(row.weight));
      expect(weights.length).toBe(pooled.design.n);
      weights.forEach((expected, i) => expect(Math.abs(pooled.design.weights[i]! - expected)).toBeLessThan(1e-9 * expected));
    });
  }
});

describe('golden distribution quantiles', () => {
  it('matches R qt and qbeta', () => {
    for (const row of readCsv(join(GOLDEN, 'distributions.csv'))) {
      const value = row.fn === 'qt' ? studentTQuantile(Number(row.p), Number(row.a)) : betaQuantile(Number(row.p), Number(row.a), Number(row.b));
      expect(Math.abs(value - Number(row.value)), `${row.fn}(${row.p}, ${row.a}, ${row.b})`).toBeLessThan(1e-12);
    }
  });
});
