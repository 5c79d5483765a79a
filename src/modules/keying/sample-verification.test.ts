import { describe, expect, it } from 'vitest';
import { isDrawnForVerification, verificationShare } from './sample-verification.js';

describe('sample verification', () => {
  it('draws about the asked share of serials, the same serials every time', () => {
    const serials = Array.from({ length: 20_000 }, (_, i) => `S${String(i).padStart(6, '0')}`);
    const drawn = serials.filter((s) => isDrawnForVerification('sipas-2023:1', s, 0.1));
    expect(drawn.length / serials.length).toBeGreaterThan(0.09);
    expect(drawn.length / serials.length).toBeLessThan(0.11);
    expect(serials.filter((s) => isDrawnForVerification('sipas-2023:1', s, 0.1))).toEqual(drawn);
  });

  it('another seed draws other serials', () => {
    const serials = Array.from({ length: 2_000 }, (_, i) => `S${i}`);
    const a = serials.filter((s) => isDrawnForVerification('seed-a', s, 0.25));
    const b = serials.filter((s) => isDrawnForVerification('seed-b', s, 0.25));
    const overlap = a.filter((s) => b.includes(s)).length;
    // Independent draws overlap on about a quarter of a; the same draw would overlap entirely.
    expect(overlap / a.length).toBeLessThan(0.4);
  });

  it('share 0 draws nothing and share 1 draws everything', () => {
    expect(isDrawnForVerification('x', 'S1', 0)).toBe(false);
    expect(isDrawnForVerification('x', 'S1', 1)).toBe(true);
  });

  it('keeps 10% until there is enough evidence, then raises it for a keyer who disagrees often', () => {
    expect(verificationShare({ comparedFields: 0, disagreements: 0 })).toBe(0.1);
    expect(verificationShare({ comparedFields: 100, disagreements: 50 })).toBe(0.1);
    expect(verificationShare({ comparedFields: 2000, disagreements: 4 })).toBe(0.1);
    expect(verificationShare({ comparedFields: 2000, disagreements: 12 })).toBe(0.25);
    expect(verificationShare({ comparedFields: 2000, disagreements: 30 })).toBe(0.5);
  });
});
