import { describe, expect, it } from 'vitest';
import { tinySurvey } from '../../../test/helpers/tiny-survey.js';
import { packAnswers } from '../responses/pack-answers.js';
import { computeIndexResults, type IndexMethodOptions } from './compute-index-run.js';
import type { ResponseColumns } from './grouping-columns.js';
import { parseCellTable, parseMargins, WeightsFileError } from './weights-spec.js';

const survey = tinySurvey();
const options: IndexMethodOptions = { by: 'province', interval: 'logit', minSampleSize: 100, maxCv: 0.05 };

/** Columns as the repository would return them, from [province, sex, q1, q2] rows. */
function columns(rows: [string, number, number, number][]): ResponseColumns {
  const packed = rows.map(([p, sex, q1, q2]) => packAnswers(survey, { P1: p, P2: 'X', SEX: sex, USED: 1, Q1: q1 || null, Q2: q2 || null }));
  const width = survey.codedCount;
  const codes = new Uint8Array(rows.length * width);
  packed.forEach((p, i) => codes.set(p.codes, i * width));
  return { n: rows.length, width, codes, province: packed.map((p) => p.province), district: packed.map((p) => p.district), channel: rows.map(() => 'import') };
}

// Hà Nội: Q1 4,5,2,0 → 2/3 positive; Q2 5,1,1,5 → 2/4. HCMC: Q1 5,5 → 1; Q2 3,4 → 1/2.
const data = columns([
  ['01', 1, 4, 5],
  ['01', 2, 5, 1],
  ['01', 1, 2, 1],
  ['01', 2, 0, 5],
  ['79', 1, 5, 3],
  ['79', 2, 5, 4],
]);

describe('computeIndexResults', () => {
  it('follows the definition: item shares among valid answers, element = mean of items, national = mean of provinces', () => {
    const r = computeIndexResults(survey, data, options);
    const hn = r.groups.find((g) => g.key === '01')!;
    const hcm = r.groups.find((g) => g.key === '79')!;
    expect(hn.label).toEqual({ vi: 'Hà Nội', en: 'Hanoi' });
    expect(hn.values.S1!.estimate).toBeCloseTo(200 / 3, 12);
    expect(hn.values.S1!.n).toBe(3);
    expect(hn.values.S2!.estimate).toBeCloseTo(50, 12);
    expect(hn.values.E1!.estimate).toBeCloseTo((200 / 3 + 50) / 2, 12);
    expect(hn.values.headline!.estimate).toBeCloseTo((200 / 3 + 50) / 2, 12);
    expect(hcm.values.headline!.estimate).toBeCloseTo(75, 12);
    expect(r.national).toBe('mean-of-provinces');
    expect(r.overall.values.headline!.estimate).toBeCloseTo(((200 / 3 + 50) / 2 + 75) / 2, 12);
    expect(hcm.rank).toBe(1);
    expect(hn.rank).toBe(2);
    expect(hn.smallSample).toBe(true);
    for (const g of r.groups) expect(g.values.headline!.se).toBeGreaterThan(0);
  });

  it('leaves "not asked" (255) out of an item like a blank (0), and counts the two apart as valid, missing and not asked', () => {
    const skipped = columns([
      ['01', 1, 4, 5],
      ['01', 2, 5, 1],
      ['01', 1, 2, 1],
      ['01', 2, 0, 5],
      ['79', 1, 5, 3],
      ['79', 2, 5, 4],
    ]);
    // The form's skip logic left Q1 of the second Hà Nội response unasked.
    skipped.codes[1 * skipped.width + survey.byCode.get('Q1')!.slot] = 255;
    const r = computeIndexResults(survey, skipped, options);
    const hn = r.groups.find((g) => g.key === '01')!;
    // Q1 in Hà Nội: 4, (not asked), 2, (blank) → 1 positive of 2 valid.
    expect(hn.values.S1!.estimate).toBeCloseTo(50, 12);
    expect(hn.values.S1!.n).toBe(2);
    expect(hn.nonresponse!.S1).toMatchObject({ valid: 2, missing: 1, notAsked: 1, rate: 1 / 3 });
    expect(r.overall.nonresponse!.S1).toMatchObject({ valid: 4, missing: 1, notAsked: 1 });
    expect(r.nonresponseRule).toEqual({ alpha: 0.001, minRatio: 2 });
  });

  it('groups by another variable with its option labels, and then pools the overall value', () => {
    const r = computeIndexResults(survey, data, { ...options, by: 'gender' });
    expect(r.groups.map((g) => `${g.key}:${g.label.vi}:${g.n}`)).toEqual(['1:Nam:3', '2:Nữ:3']);
    expect(r.national).toBe('pooled');
    // Pooled Q1: 5 positive of 5 valid… 4,5,2,5,5 → 4/5.
    expect(r.overall.values.S1!.estimate).toBeCloseTo(80, 12);
  });

  it('applies design weights from a population file: weight = population ÷ sample size in the stratum', () => {
    const table = parseCellTable('pop.csv', 'province,population\n01,4000\n79,1000\n');
    const r = computeIndexResults(survey, data, { ...options, by: 'gender', weights: { file: 'pop.csv', table } });
    expect(r.weighting).toMatchObject({ kind: 'design', weightSum: 5000, minWeight: 500, maxWeight: 1000, strata: 2 });
    // Pooled Q1 weighted: HN valid 4,5,2 (w 1000) + HCMC 5,5 (w 500): (2·1000 + 2·500) / (3·1000 + 2·500).
    expect(r.overall.values.S1!.estimate).toBeCloseTo((100 * 3000) / 4000, 12);
  });

  it('rakes to margins given as shares and reports convergence', () => {
    const margins = parseMargins('m.csv', 'variable,code,share\ngender,1,0.5\ngender,2,0.5\nprovince,01,0.5\nprovince,79,0.5\n');
    const r = computeIndexResults(survey, data, { ...options, rake: { file: 'm.csv', margins } });
    expect(r.weighting.kind).toBe('rake');
    expect(r.weighting.rake?.converged).toBe(true);
    expect(r.weighting.weightSum).toBeCloseTo(6, 9);
  });

  it('refuses responses that fall outside the weighting file, naming the cell', () => {
    const table = parseCellTable('pop.csv', 'province,population\n01,4000\n');
    expect(() => computeIndexResults(survey, data, { ...options, weights: { file: 'pop.csv', table } })).toThrow(WeightsFileError);
    expect(() => computeIndexResults(survey, data, { ...options, weights: { file: 'pop.csv', table } })).toThrow(
      'pop.csv: responses with province=79 have no row in the file',
    );
  });

  it('returns null estimates, never throws, for a group without valid answers', () => {
    const r = computeIndexResults(
      survey,
      columns([
        ['01', 1, 4, 5],
        ['79', 1, 0, 0],
      ]),
      options,
    );
    const hcm = r.groups.find((g) => g.key === '79')!;
    expect(hcm.values.S1!.estimate).toBeNull();
    expect(hcm.values.headline!.estimate).toBeNull();
    expect(hcm.rank).toBeNull();
  });

  it('explains a malformed weights file', () => {
    expect(() => parseCellTable('p.csv', 'province,population\n01,lots\n')).toThrow('p.csv: line 2: "lots" is not a population or share');
    expect(() => parseMargins('m.csv', 'margin,level\nx,1\n')).toThrow('needs the columns variable, code and population');
  });
});
