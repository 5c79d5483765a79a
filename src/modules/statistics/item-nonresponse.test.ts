import { describe, expect, it } from 'vitest';
import { binomialUpperTail, itemNonresponse } from './item-nonresponse.js';

/** Codes for one item: `valid` answers (code 4), `blank` zeros and `notAsked` 255s, for one group. */
function rows(parts: { group: number; valid: number; blank: number; notAsked?: number }[]): { codes: Uint8Array; groups: Int32Array } {
  const codes: number[] = [];
  const groups: number[] = [];
  for (const p of parts) {
    for (const [code, count] of [
      [4, p.valid],
      [0, p.blank],
      [255, p.notAsked ?? 0],
    ] as const) {
      for (let i = 0; i < count; i++) {
        codes.push(code);
        groups.push(p.group);
      }
    }
  }
  return { codes: Uint8Array.from(codes), groups: Int32Array.from(groups) };
}

describe('binomialUpperTail', () => {
  it('equals R pbinom(x - 1, m, p, lower.tail = FALSE)', () => {
    expect(binomialUpperTail(3, 10, 0.5)).toBeCloseTo(0.9453125, 14);
    // R: pbinom(11, 200, 0.03, lower.tail = FALSE), pbinom(29, 300, 0.05, lower.tail = FALSE)
    expect(binomialUpperTail(12, 200, 0.03)).toBeCloseTo(0.018411319842094171, 13);
    expect(binomialUpperTail(30, 300, 0.05) / 0.00028179403230916888).toBeCloseTo(1, 10);
    expect(binomialUpperTail(0, 10, 0.1)).toBe(1);
    expect(binomialUpperTail(11, 10, 0.1)).toBe(0);
  });
});

describe('itemNonresponse', () => {
  it('counts valid, blank and not-asked apart; a skipped question is not nonresponse', () => {
    const d = rows([
      { group: 0, valid: 97, blank: 3 },
      { group: 1, valid: 70, blank: 30 },
      { group: 2, valid: 88, blank: 2, notAsked: 10 },
    ]);
    const r = itemNonresponse([{ id: 'S1', codes: d.codes }], d.groups, 3);
    expect(r.overall.S1).toMatchObject({ valid: 255, missing: 35, notAsked: 10, rate: 35 / 290, flagged: false, pValue: null });
    expect(r.groups[2]!.S1).toMatchObject({ valid: 88, missing: 2, notAsked: 10, rate: 2 / 90 });
    // Group 1: 30% blank against 12.1% nationally; R: pbinom(29, 100, 35/290, lower.tail = FALSE).
    expect(r.groups[1]!.S1!.pValue! / 1.463711239191475e-6).toBeCloseTo(1, 9);
    expect(r.groups.map((g) => g.S1!.flagged)).toEqual([false, true, false]);
  });

  it('needs both: a large province a little above the rate is significant but not flagged; a tiny one far above is not significant', () => {
    const d = rows([
      { group: 0, valid: 19_000, blank: 1_000 },
      { group: 1, valid: 1_850, blank: 150 },
      { group: 2, valid: 8, blank: 2 },
    ]);
    const r = itemNonresponse([{ id: 'S1', codes: d.codes }], d.groups, 3);
    const national = r.overall.S1!.rate!;
    expect(r.groups[1]!.S1!.rate! / national).toBeLessThan(2);
    expect(r.groups[1]!.S1!.pValue!).toBeLessThan(0.001);
    expect(r.groups[2]!.S1!.rate! / national).toBeGreaterThan(2);
    expect(r.groups[2]!.S1!.pValue!).toBeGreaterThan(0.001);
    expect(r.groups.map((g) => g.S1!.flagged)).toEqual([false, false, false]);
  });

  it('gives a null rate and no flag where nobody was asked, and never flags an item nobody left blank', () => {
    const d = rows([
      { group: 0, valid: 0, blank: 0, notAsked: 5 },
      { group: 1, valid: 10, blank: 0 },
    ]);
    const r = itemNonresponse([{ id: 'S1', codes: d.codes }], d.groups, 2);
    expect(r.groups[0]!.S1).toMatchObject({ rate: null, pValue: null, flagged: false, notAsked: 5 });
    expect(r.groups[1]!.S1).toMatchObject({ rate: 0, flagged: false });
    expect(r.overall.S1!.rate).toBe(0);
  });
});
