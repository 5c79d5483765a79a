import { describe, expect, it } from 'vitest';
import { itemNonresponse } from '../statistics/item-nonresponse.js';
import { nonresponseSection } from './fieldwork-nonresponse-view.js';

/** Two items over three provinces: province 2 leaves S1 blank on 30 of 100 forms, S2 on 20 of 100. */
function input() {
  const groups = Int32Array.from({ length: 300 }, (_, i) => Math.floor(i / 100));
  const s1 = Uint8Array.from({ length: 300 }, (_, i) => (i >= 200 && i < 230 ? 0 : i === 0 ? 0 : 4));
  const s2 = Uint8Array.from({ length: 300 }, (_, i) => (i >= 200 && i < 220 ? 0 : i < 10 ? 255 : 5));
  const r = itemNonresponse(
    [
      { id: 'S1', codes: s1 },
      { id: 'S2', codes: s2 },
    ],
    groups,
    3,
  );
  return {
    rule: { alpha: 0.001, minRatio: 2 },
    items: [
      { id: 'S1', label: { vi: 'Câu một', en: 'Item one' } },
      { id: 'S2', label: { vi: 'Câu hai', en: 'Item two' } },
    ],
    provinces: ['01', '79', '48'].map((code, g) => ({ code, label: { vi: `Tỉnh ${code}`, en: `Province ${code}` }, n: 100, items: r.groups[g]! })),
    national: { n: 300, items: r.overall },
  };
}

describe('nonresponseSection', () => {
  it('sums blanks and not-asked per province, lists the flags worst ratio first, in Vietnamese number style', () => {
    const v = nonresponseSection(input(), '2023.1', 'vi');
    expect(v.provinces.map((p) => [p.code, p.blank, p.notAsked, p.flaggedItems])).toEqual([
      ['01', 1, 10, 0],
      ['79', 0, 0, 0],
      ['48', 50, 0, 2],
    ]);
    // Province 48: S1 30% against 31/300 (× 2.90), S2 20% against 20/290 (× 2.9 exactly).
    expect(v.flags.map((f) => [f.code, f.item])).toEqual([
      ['48', 'S1'],
      ['48', 'S2'],
    ]);
    expect(v.flags[0]).toMatchObject({ rate: '30,0%', nationalRate: '10,3%', ratio: '2,9', pValue: '< 0,000001' });
    expect(v.items.find((i) => i.id === 'S2')).toMatchObject({ notAsked: 10, rate: '6,9%', flaggedProvinces: 1 });
    expect(v.national).toMatchObject({ blank: 51, notAsked: 10 });
  });

  it('speaks English with ?lang=en', () => {
    const v = nonresponseSection(input(), '2023.1', 'en');
    expect(v.ruleText).toContain('not counted as blank');
    expect(v.flags[0]!.rate).toBe('30.0%');
    expect(v.provinces[0]!.name).toBe('Province 01');
  });
});
