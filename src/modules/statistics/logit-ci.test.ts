import { describe, expect, it } from 'vitest';
import { kornGraubardCi, logitCi, waldCi } from './logit-ci.js';
import { studentTQuantile } from './student-t.js';

describe('confidence intervals', () => {
  it('logit interval is symmetric on the logit scale and stays inside (0, 1)', () => {
    const ci = logitCi(0.9, 0.05, 50)!;
    const t = studentTQuantile(0.975, 50);
    const logit = (x: number) => Math.log(x / (1 - x));
    expect(logit(ci.upper) - logit(0.9)).toBeCloseTo((t * 0.05) / (0.9 * 0.1), 12);
    expect(logit(0.9) - logit(ci.lower)).toBeCloseTo((t * 0.05) / (0.9 * 0.1), 12);
    expect(ci.upper).toBeLessThan(1);
  });

  it('is undefined at p = 0 or 1, zero SE, or no degrees of freedom', () => {
    expect(logitCi(1, 0.01, 10)).toBeNull();
    expect(logitCi(0.5, 0, 10)).toBeNull();
    expect(logitCi(0.5, 0.1, 0)).toBeNull();
    expect(kornGraubardCi(0.5, 0, 10, 20)).toBeNull();
  });

  it('Wald interval is estimate ± t·SE', () => {
    const ci = waldCi(80, 2, 10)!;
    expect(ci.upper - 80).toBeCloseTo(2 * studentTQuantile(0.975, 10), 12);
  });
});
