// The distribution functions the statistics module writes itself (docs/decisions/0012), against
// R on the grid of scripts/r/quantiles.R (test/golden/quantiles.csv, checked by
// scripts/r/check-golden.sh).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { betaCdf, betaQuantile } from '../../src/modules/statistics/beta-distribution.js';
import { normalQuantile } from '../../src/modules/statistics/normal-quantile.js';
import { studentTQuantile, studentTUpperTail } from '../../src/modules/statistics/student-t.js';

const rows = readFileSync('test/golden/quantiles.csv', 'utf8')
  .trimEnd()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [fn, x, a, b, value] = line.split(',');
    return { fn: fn!, x: Number(x), a: Number(a), b: Number(b), value: Number(value) };
  });

const ours: Record<string, (x: number, a: number, b: number) => number> = {
  qnorm: (p) => normalQuantile(p),
  qt: (p, df) => studentTQuantile(p, df),
  pt_upper: (t, df) => studentTUpperTail(t, df),
  qbeta: (p, a, b) => betaQuantile(p, a, b),
  pbeta: (x, a, b) => betaCdf(x, a, b),
  pbeta_upper: (x, a, b) => betaCdf(x, a, b, true),
};

/** Relative difference, absolute below 1e-300 (R's tails underflow to 0 there). */
function difference(value: number, reference: number): number {
  return Math.abs(value - reference) / Math.max(Math.abs(reference), 1e-300);
}

describe('distribution functions against R', () => {
  it('cover every function on the whole grid', () => {
    expect(new Set(rows.map((r) => r.fn))).toEqual(new Set(Object.keys(ours)));
    expect(rows.length).toBeGreaterThan(1500);
  });

  for (const fn of Object.keys(ours)) {
    it(`${fn} agrees with R to 1e-9 relative at every point`, () => {
      const worst = rows
        .filter((r) => r.fn === fn)
        .map((r) => ({ ...r, ours: ours[fn]!(r.x, r.a, r.b), off: 0 }))
        .map((r) => Object.assign(r, { off: difference(r.ours, r.value) }))
        .filter((r) => !(r.off <= 1e-9));
      expect(worst.map((r) => `${fn}(${r.x}, ${r.a}, ${r.b}) = ${r.ours}, R ${r.value}`)).toEqual([]);
    });
  }
});
