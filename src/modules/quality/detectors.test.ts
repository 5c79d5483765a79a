import { describe, expect, it } from 'vitest';
import { findDuplicates, bandPlan, duplicateDefaults } from './duplicate-forms.js';
import { findFastKeying, type KeyingFacts } from './fast-keying.js';
import { findNonresponse } from './nonresponse.js';
import type { QualityRows } from './quality-flag.js';
import { findSpeeders } from './speeders.js';
import { findStraightlines } from './straightline.js';

/** mulberry32 with a fixed seed. */
function rand(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** n forms of `width` five-point items answered at random, in one province. */
function forms(n: number, width: number, seed = 1, province = '01'): QualityRows {
  const r = rand(seed);
  const codes = new Uint8Array(n * width);
  for (let i = 0; i < codes.length; i++) codes[i] = 1 + Math.floor(r() * 5);
  return {
    n,
    width,
    codes,
    responseId: Array.from({ length: n }, (_, i) => i + 1),
    serial: Array.from({ length: n }, (_, i) => `S${i + 1}`),
    province: new Array<string>(n).fill(province),
    batchId: new Array<null>(n).fill(null),
  };
}
const slots = (k: number) => Array.from({ length: k }, (_, i) => i);

describe('straight-lining', () => {
  it('flags one code down a matrix of 8+ items or on 90% of scored items, and neither a shorter run nor 255 (not asked) items', () => {
    const rows = forms(300, 30);
    rows.codes.fill(4, 0, 10); // form 1: matrix 0–9 all 4
    rows.codes.fill(2, 30, 30 + 28); // form 2: 27 of 30 scored items (90%) on 2, but not the whole matrix
    rows.codes[30] = 1;
    rows.codes[30 + 28] = 3;
    rows.codes[30 + 29] = 4;
    rows.codes.fill(3, 60, 60 + 7); // form 3: a 7-item run only
    rows.codes.fill(255, 90 + 3, 90 + 10); // form 4: matrix items 3–9 not asked, 0–2 left as drawn
    rows.codes.fill(5, 90, 93);
    const flags = findStraightlines(rows, { matrices: [{ question: 'M', slots: slots(10) }], scored: slots(30) });
    expect(flags.map((f) => [f.responseId, f.evidence.rule])).toEqual([
      [1, 'matrix'],
      [2, 'scored'],
    ]);
    expect(flags[1]!.score).toBeCloseTo(27 / 30, 12);
  });
  it("does not flag a run that is common in the province's own answers", () => {
    const rows = forms(300, 10);
    // Everyone answers 5 to every item with probability one half: an all-5 row is no surprise here.
    for (let i = 0; i < 300; i += 2) rows.codes.fill(5, i * 10, i * 10 + 10);
    expect(findStraightlines(rows, { matrices: [{ question: 'M', slots: slots(10) }], scored: [] })).toEqual([]);
  });
});

describe('copied forms', () => {
  it('flags both forms of a copy with 3 of 40 answers changed, naming each other, and no pair of independent forms', () => {
    const rows = forms(2000, 40, 7);
    rows.codes.copyWithin(1500 * 40, 10 * 40, 11 * 40);
    for (const k of [3, 17, 30]) rows.codes[1500 * 40 + k] = rows.codes[1500 * 40 + k] === 1 ? 2 : 1;
    const flags = findDuplicates(rows, slots(40));
    expect(flags.map((f) => [f.responseId, (f.evidence.pair as { responseId: number }).responseId])).toEqual([
      [11, 1501],
      [1501, 11],
    ]);
    expect(flags[0]!.evidence).toMatchObject({ equal: 37, compared: 40 });
    expect(flags[0]!.evidence.expectedShare).toBeCloseTo(0.2, 1);
  });
  it('compares only forms of the same province, and leaves out skipped rows', () => {
    const rows = forms(400, 40, 3);
    rows.codes.copyWithin(399 * 40, 0, 40);
    expect(findDuplicates(rows, slots(40))).toHaveLength(2);
    expect(
      findDuplicates(
        rows,
        slots(40),
        Uint8Array.from({ length: 400 }, (_, i) => (i === 399 ? 1 : 0)),
      ),
    ).toEqual([]);
    rows.province[399] = '79';
    expect(findDuplicates(rows, slots(40))).toEqual([]);
  });
  it('plans bands that find a copy with 3 changes with chance ≥ 1 − 10⁻⁴', () => {
    for (const k of [12, 29, 45, 80]) {
      const { bandItems: r, bands: b } = bandPlan(k, duplicateDefaults);
      expect(1 - (1 - ((k - 3) / k) ** r) ** b).toBeGreaterThanOrEqual(1 - 1e-4);
    }
  });
});

describe('fast keying', () => {
  const entry = (i: number, enumeratorId: number, secondsPerField: number, extra: Partial<KeyingFacts> = {}): KeyingFacts => ({
    entryId: i,
    responseId: i,
    serial: `S${i}`,
    province: '01',
    batchId: null,
    enumeratorId,
    enumeratorName: `K${enumeratorId}`,
    pass: 1,
    fieldsKeyed: 50,
    startedAt: 0,
    savedAt: Math.round(secondsPerField * 50 * 1000),
    compared: false,
    disagreements: 0,
    ...extra,
  });
  it("flags forms keyed far faster than colleagues' pace, not the slow ones", () => {
    const r = rand(9);
    const entries = Array.from({ length: 400 }, (_, i) => entry(i, 1 + (i % 8), 3 * Math.exp(0.3 * (r() + r() + r() - 1.5) * 2)));
    entries.push(entry(1000, 9, 0.3), entry(1001, 9, 30));
    const flags = findFastKeying(entries);
    expect(flags.map((f) => f.subject)).toEqual(['entry:1000']);
    expect(flags[0]!.score).toBeLessThan(-4);
  });
  it('flags a keyer whose double-entry disagreement rate is an outlier among keyers', () => {
    const entries: KeyingFacts[] = [];
    let id = 0;
    for (let k = 1; k <= 8; k++)
      for (let f = 0; f < 10; f++) entries.push(entry(id++, k, 3, { compared: true, disagreements: k === 8 ? 5 : f % 5 === 0 ? (k % 3) + 1 : 0 }));
    const flags = findFastKeying(entries).filter((f) => f.evidence.rule === 'keyer-disagreement');
    expect(flags.map((f) => f.subject)).toEqual(['keyer:8']);
    expect(flags[0]!.evidence).toMatchObject({ comparedFields: 500, disagreements: 50, per1000: 100 });
  });
});

describe('speeders', () => {
  it("flags an online response far faster per item than the survey's, and ignores those without an opening time", () => {
    const r = rand(4);
    const timings = Array.from({ length: 200 }, (_, i) => ({
      responseId: i,
      serial: null,
      province: '01',
      startedAt: 0,
      submittedAt: Math.round(6000 * 40 * Math.exp(0.3 * (r() + r() + r() - 1.5) * 2)),
      answered: 40,
    }));
    timings.push({ responseId: 500, serial: null, province: '01', startedAt: 0, submittedAt: 40 * 400, answered: 40 });
    timings.push({ responseId: 501, serial: null, province: '01', startedAt: 10, submittedAt: 10, answered: 40 });
    expect(findSpeeders(timings).map((f) => f.responseId)).toEqual([500]);
  });
});

describe('nonresponse', () => {
  it("flags a form with far more blanks than its province's items, counting 0 as blank and never 255", () => {
    const rows = forms(500, 30, 5);
    const r = rand(6);
    for (let i = 0; i < rows.codes.length; i++) if (r() < 0.03) rows.codes[i] = 0;
    rows.codes.fill(0, 7 * 30, 7 * 30 + 12); // form 8: 12 of 30 blank
    rows.codes.fill(255, 9 * 30, 9 * 30 + 12); // form 10: 12 not asked
    const items = slots(30).map((slot) => ({ slot, code: `Q${slot}`, conditional: false }));
    const flags = findNonresponse(rows, items);
    expect(flags.map((f) => f.responseId)).toEqual([8]);
    expect(flags[0]!.evidence).toMatchObject({ blank: expect.any(Number) as number, asked: 30 });
  });
  it('leaves a conditional item out while the wave does not mark skips as 255', () => {
    const rows = forms(100, 10, 2);
    rows.codes.fill(0, 0, 10);
    const conditional = slots(10).map((slot) => ({ slot, code: `Q${slot}`, conditional: true }));
    expect(findNonresponse(rows, conditional)).toEqual([]);
    for (let k = 0; k < 10; k++) rows.codes[(50 + k) * 10 + k] = 255;
    expect(findNonresponse(rows, conditional).map((f) => f.responseId)).toEqual([1]);
  });
});
