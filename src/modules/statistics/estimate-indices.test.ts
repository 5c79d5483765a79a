import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../test/statistics/seeded-random.js';
import { estimateIndices, type IndexSpec } from './estimate-indices.js';
import { varianceOfInfluence } from './influence-variance.js';
import { postStratify } from './post-stratify.js';
import { rake } from './rake.js';
import { createSurveyDesign, type SurveyDesign } from './survey-design.js';

/** Random survey: 3 strata, 4–6 PSUs each, 4 groups cutting across strata, 3 items with missing codes. */
function randomSurvey(seed: number, n = 600) {
  const random = mulberry32(seed);
  const strata = new Int32Array(n);
  const clusters = new Int32Array(n);
  const groups = new Int32Array(n);
  const weights = new Float64Array(n);
  const sex = new Int32Array(n);
  const age = new Int32Array(n);
  const codes = [new Uint8Array(n), new Uint8Array(n), new Uint8Array(n)];
  for (let i = 0; i < n; i++) {
    strata[i] = Math.floor(random() * 3);
    clusters[i] = Math.floor(random() * (4 + strata[i]!));
    groups[i] = Math.floor(random() * 4);
    weights[i] = 1 + random() * 3;
    sex[i] = random() < 0.5 ? 0 : 1;
    age[i] = Math.floor(random() * 3);
    for (const item of codes) item[i] = random() < 0.1 ? 0 : 1 + Math.floor(random() * 5);
  }
  return { n, strata, clusters, groups, weights, sex, age, codes };
}

function specFor(design: SurveyDesign, survey: ReturnType<typeof randomSurvey>, national: 'pooled' | 'mean-of-groups'): IndexSpec {
  return {
    design,
    groups: survey.groups,
    groupCount: 4,
    items: [
      { id: 'q1', codes: survey.codes[0]!, positive: [4, 5] },
      { id: 'q2', codes: survey.codes[1]!, positive: [4, 5] },
      { id: 'q3', codes: survey.codes[2]!, positive: null },
    ],
    elements: [
      { id: 'e1', items: ['q1', 'q2'] },
      { id: 'e2', items: ['q3'] },
    ],
    headline: { of: 'elements' },
    national,
  };
}

/** Per-row influence of item k in group g (or pooled when g = −1), the slow way. */
function itemInfluence(
  design: SurveyDesign,
  survey: ReturnType<typeof randomSurvey>,
  k: number,
  g: number,
  positive: boolean,
): { estimate: number; x: Float64Array } {
  const codes = survey.codes[k]!;
  let num = 0;
  let den = 0;
  for (let i = 0; i < survey.n; i++) {
    if (codes[i] === 0 || (g >= 0 && survey.groups[i] !== g)) continue;
    const s = positive ? (codes[i]! >= 4 ? 1 : 0) : codes[i]!;
    num += design.weights[i]! * s;
    den += design.weights[i]!;
  }
  const r = num / den;
  const scale = positive ? 100 : 1;
  const x = new Float64Array(survey.n);
  for (let i = 0; i < survey.n; i++) {
    if (codes[i] === 0 || (g >= 0 && survey.groups[i] !== g)) continue;
    const s = positive ? (codes[i]! >= 4 ? 1 : 0) : codes[i]!;
    x[i] = (scale * design.weights[i]! * (s - r)) / den;
  }
  return { estimate: scale * r, x };
}

function headlineInfluence(design: SurveyDesign, survey: ReturnType<typeof randomSurvey>, g: number) {
  const a = itemInfluence(design, survey, 0, g, true);
  const b = itemInfluence(design, survey, 1, g, true);
  const c = itemInfluence(design, survey, 2, g, false);
  const x = new Float64Array(survey.n);
  for (let i = 0; i < survey.n; i++) x[i] = 0.25 * a.x[i]! + 0.25 * b.x[i]! + 0.5 * c.x[i]!;
  return {
    estimate: 0.25 * a.estimate + 0.25 * b.estimate + 0.5 * c.estimate,
    x,
  };
}

function designs(survey: ReturnType<typeof randomSurvey>): [string, SurveyDesign][] {
  const base = createSurveyDesign({
    n: survey.n,
    weights: survey.weights,
    strata: survey.strata,
    clusters: survey.clusters,
  });
  const ps = postStratify(base, {
    cells: survey.sex,
    cellCount: 2,
    populationTotals: Float64Array.of(1000, 1200),
  });
  const raked = rake(base, [
    {
      cells: survey.sex,
      cellCount: 2,
      populationTotals: Float64Array.of(1000, 1200),
    },
    {
      cells: survey.age,
      cellCount: 3,
      populationTotals: Float64Array.of(700, 800, 700),
    },
  ]);
  if (!ps.ok || !raked.ok) throw new Error('calibration failed');
  return [
    ['simple random', createSurveyDesign({ n: survey.n })],
    ['stratified clustered', base],
    ['post-stratified', ps.design],
    ['raked', raked.design],
  ];
}

describe('estimateIndices', () => {
  const survey = randomSurvey(7);
  for (const [name, design] of designs(survey)) {
    it(`on a ${name} design, every group SE equals the variance of its per-row influence values`, () => {
      const result = estimateIndices(specFor(design, survey, 'pooled'));
      for (let g = 0; g < 4; g++) {
        const item = itemInfluence(design, survey, 1, g, true);
        const got = result.groups[g]!;
        expect(got.items[1]!.estimate).toBeCloseTo(item.estimate, 10);
        expect(got.items[1]!.se).toBeCloseTo(Math.sqrt(varianceOfInfluence(design, item.x)), 10);
        const headline = headlineInfluence(design, survey, g);
        expect(got.headline.estimate).toBeCloseTo(headline.estimate, 10);
        expect(got.headline.se).toBeCloseTo(Math.sqrt(varianceOfInfluence(design, headline.x)), 10);
      }
      const pooled = headlineInfluence(design, survey, -1);
      expect(result.national.headline.estimate).toBeCloseTo(pooled.estimate, 10);
      expect(result.national.headline.se).toBeCloseTo(Math.sqrt(varianceOfInfluence(design, pooled.x)), 10);
    });

    it(`on a ${name} design, the national mean of groups carries the covariances between groups`, () => {
      const result = estimateIndices(specFor(design, survey, 'mean-of-groups'));
      const x = new Float64Array(survey.n);
      let estimate = 0;
      for (let g = 0; g < 4; g++) {
        const part = headlineInfluence(design, survey, g);
        estimate += part.estimate / 4;
        for (let i = 0; i < survey.n; i++) x[i]! += part.x[i]! / 4;
      }
      expect(result.national.headline.estimate).toBeCloseTo(estimate, 10);
      expect(result.national.headline.se).toBeCloseTo(Math.sqrt(varianceOfInfluence(design, x)), 10);
    });
  }

  it('when a group has no valid answer to an item, that item and its composites are null with n = 0', () => {
    const n = 4;
    const design = createSurveyDesign({ n });
    const result = estimateIndices({
      design,
      groups: Int32Array.of(0, 0, 1, 1),
      groupCount: 2,
      items: [{ id: 'q1', codes: Uint8Array.of(4, 2, 0, 0), positive: [4, 5] }],
      elements: [{ id: 'e1', items: ['q1'] }],
      headline: { of: 'elements' },
      national: 'mean-of-groups',
    });
    expect(result.groups[1]!.items[0]).toMatchObject({
      estimate: null,
      se: null,
      n: 0,
    });
    expect(result.groups[1]!.headline.estimate).toBeNull();
    // national mean over the one group that has an estimate
    expect(result.national.headline.estimate).toBe(50);
  });

  it('computes a hand-checked share and SE for a tiny simple random sample', () => {
    // codes 5,4,1,0 → valid 3, positive 2 → 66.67%; z = (s − 2/3)/3, V = 3/2 · Σ z² (n = 4 PSUs incl. the missing row)
    const design = createSurveyDesign({ n: 4 });
    const result = estimateIndices({
      design,
      groups: new Int32Array(4),
      groupCount: 1,
      items: [{ id: 'q', codes: Uint8Array.of(5, 4, 1, 0), positive: [4, 5] }],
      elements: [{ id: 'e', items: ['q'] }],
      headline: { of: 'elements' },
      national: 'pooled',
    });
    const z = [1 / 3, 1 / 3, -2 / 3].map((d) => d / 3);
    const variance = (4 / 3) * z.reduce((s, v) => s + v * v, 0);
    expect(result.groups[0]!.items[0]!.estimate).toBeCloseTo(200 / 3, 12);
    expect(result.groups[0]!.items[0]!.se).toBeCloseTo(100 * Math.sqrt(variance), 12);
    expect(result.groups[0]!.items[0]!.df).toBe(2);
  });
});
