import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkQuality, type QualityRun } from '../../src/modules/quality/check-quality.js';
import type { FlagKind } from '../../src/modules/quality/quality-flag.js';
import { tempDb } from '../helpers/temp-db.js';
import { shipped } from '../helpers/test-app.js';
import { generateWave, type Wave } from './generate-wave.js';

const survey = () => shipped().byId.get('sipas-2023')!;
const provinces = shipped()
  .byId.get('sipas-2023')!
  .places.places.map((p) => p.code);

function recallPrecision(found: Set<number>, truth: Set<number>): { recall: number; precision: number } {
  let hit = 0;
  for (const id of found) if (truth.has(id)) hit++;
  return { recall: hit / truth.size, precision: found.size === 0 ? 0 : hit / found.size };
}

const ids = (run: QualityRun, kind: FlagKind, rule?: string): Set<number> =>
  new Set(
    run.flags
      .filter((f) => f.kind === kind && (rule === undefined || f.evidence.rule === rule))
      .map((f) => (kind === 'fast-keying' ? Number(f.subject.split(':')[1]) : f.responseId!)),
  );

describe('on a generated wave with planted problems (seed 22)', () => {
  let t: ReturnType<typeof tempDb>;
  let wave: Wave;
  let run: QualityRun;
  beforeAll(() => {
    t = tempDb();
    wave = generateWave(t.db, survey(), {
      forms: 8000,
      provinces: provinces.slice(0, 8),
      seed: 22,
      straightliners: 150,
      copies: 120,
      keyers: 20,
      fastKeyers: 2,
      speederShare: 0.02,
    });
    run = checkQuality(t.db, survey(), 1);
  }, 120_000);
  afterAll(() => t.cleanup());

  it('finds the straight-liners with recall and precision of at least 95%', () => {
    const r = recallPrecision(ids(run, 'straightline'), wave.straightliners);
    expect(r.recall).toBeGreaterThanOrEqual(0.95);
    expect(r.precision).toBeGreaterThanOrEqual(0.95);
  });

  it('finds both forms of each copied pair (1 to 3 answers changed) with recall and precision of at least 95%', () => {
    const r = recallPrecision(ids(run, 'duplicate'), wave.duplicates);
    expect(r.recall).toBeGreaterThanOrEqual(0.95);
    expect(r.precision).toBeGreaterThanOrEqual(0.95);
    const f = run.flags.find((x) => x.kind === 'duplicate')!;
    expect(f.evidence).toMatchObject({ pair: { responseId: expect.any(Number) as number } });
    expect(f.evidence.share).toBeGreaterThan(0.9);
  });

  it("finds the fast keyers' forms with recall and precision of at least 95%", () => {
    expect(wave.fastEntries.size).toBeGreaterThan(100);
    const r = recallPrecision(ids(run, 'fast-keying', 'form'), wave.fastEntries);
    expect(r.recall).toBeGreaterThanOrEqual(0.95);
    expect(r.precision).toBeGreaterThanOrEqual(0.95);
  });

  it('finds the online speeders with recall and precision of at least 95%', () => {
    expect(wave.speeders.size).toBeGreaterThan(30);
    const r = recallPrecision(ids(run, 'speeder'), wave.speeders);
    expect(r.recall).toBeGreaterThanOrEqual(0.95);
    expect(r.precision).toBeGreaterThanOrEqual(0.95);
  });
});

describe('on a clean generated wave of 30,000 forms (seed 7)', () => {
  let t: ReturnType<typeof tempDb>;
  let run: QualityRun;
  beforeAll(() => {
    t = tempDb();
    generateWave(t.db, survey(), { forms: 30_000, provinces, seed: 7, keyers: 40 });
    run = checkQuality(t.db, survey(), 1);
  }, 300_000);
  afterAll(() => t.cleanup());

  it('raises no more flags than the promised rates allow (docs/quality.md)', () => {
    const count = (kind: FlagKind) => run.flags.filter((f) => f.kind === kind).length;
    // Promised expectations on this wave: straightline ≤ 0.3, duplicate ≤ 0.68 forms (0.01 pairs × 34 provinces × 2),
    // fast-keying ≤ 0.3, speeder ≤ 0.3, nonresponse ≤ 0.3. Each bound is the Poisson 99.9% quantile of its expectation.
    expect(run.forms).toBe(30_000);
    expect(count('straightline')).toBeLessThanOrEqual(3);
    expect(count('duplicate')).toBeLessThanOrEqual(4);
    expect(count('fast-keying')).toBeLessThanOrEqual(3);
    expect(count('speeder')).toBeLessThanOrEqual(3);
    expect(count('nonresponse')).toBeLessThanOrEqual(3);
  });
});
