import { describe, expect, it } from 'vitest';
import type { GroupResult, IndexResults } from '../results/compute-index-run.js';
import type { Scoring } from '../definitions/survey-schema.js';
import { provinceProfileView } from './province-profile-view.js';

const e = (id: string, estimate: number | null, se = 1) => ({
  id,
  estimate,
  se,
  lower: estimate === null ? null : estimate - 2 * se,
  upper: estimate === null ? null : estimate + 2 * se,
  n: 100,
  df: 99,
});
const g = (key: string, vi: string, values: Record<string, number | null>, rank: number | null): GroupResult => ({
  key,
  label: { vi, en: vi },
  n: 100,
  values: Object.fromEntries(Object.entries(values).map(([id, v]) => [id, e(id, v)])),
  rank,
  bestRank: rank,
  worstRank: rank === null ? null : rank + 1,
  cv: null,
  smallSample: false,
  highCv: false,
});
const results = (groups: GroupResult[], overall: Record<string, number>): IndexResults => ({
  by: 'province',
  national: 'mean-of-provinces',
  quantities: [
    { id: 'S1', kind: 'item', label: { vi: 'Thái độ', en: 'Attitude' } },
    { id: 'E1', kind: 'element', label: { vi: 'Yếu tố 1', en: 'Element 1' } },
    { id: 'headline', kind: 'headline', label: { vi: 'Chỉ số', en: 'Index' } },
  ],
  groups,
  overall: { n: 200, values: Object.fromEntries(Object.entries(overall).map(([id, v]) => [id, e(id, v, 0.5)])) },
  weighting: { kind: 'none', files: [], weightSum: 200, minWeight: 1, maxWeight: 1, lonelyStrata: 0, strata: 1, psus: 200, degreesOfFreedom: 199 },
});
const rules = {
  indicators: [],
  elements: [{ id: 'E1', label: { vi: 'Yếu tố 1', en: 'Element 1' }, from: 'items', indicators: ['S1'] }],
  components: [],
  headline: { label: { vi: 'Chỉ số', en: 'Index' }, of: 'elements' },
  national: 'mean-of-provinces',
} as unknown as Scoring;

describe('provinceProfileView', () => {
  const now = results([g('01', 'Hà Nội', { S1: 90, E1: 90, headline: 90 }, 1), g('79', 'HCM', { S1: 80, E1: 80, headline: 80 }, 2)], {
    S1: 85,
    E1: 85,
    headline: 85,
  });
  const before = results([g('01', 'Hà Nội', { headline: 89 }, 1)], { headline: 89 });
  const longAgo = results([g('01', 'Hà Nội', { headline: 80 }, 1)], { headline: 80 });

  it('sets each element and item of the province beside the national value, with the difference', () => {
    const v = provinceProfileView({ lang: 'en', province: '01', results: now, rules, breakdowns: [], waves: [] });
    expect(v.found).toBe(true);
    expect(v.values.map((r) => [r.kind, r.id, r.value, r.national, r.difference, r.versus])).toEqual([
      ['headline', 'headline', '90.00', '85.00', '+5.00', 'above'],
      ['element', 'E1', '90.00', '85.00', '+5.00', 'above'],
      ['item', 'S1', '90.00', '85.00', '+5.00', 'above'],
    ]);
    expect(v.rankRange).toBe('1–2');
  });

  it('says whether each change between published waves is significant', () => {
    const v = provinceProfileView({
      lang: 'vi',
      province: '01',
      results: now,
      rules,
      breakdowns: [],
      waves: [
        { wave: '2022', results: longAgo },
        { wave: '2023', results: before },
        { wave: '2024', results: now },
      ],
    });
    expect(v.trend.map((t) => [t.wave, t.value, t.change, t.significant])).toEqual([
      ['2022', '80,00', '', null],
      ['2023', '89,00', '+9,00', true],
      ['2024', '90,00', '+1,00', false],
    ]);
    expect(v.trend[2]!.verdict).toBe('Không khác biệt có ý nghĩa');
  });

  it('shows a breakdown inside the province with a chart against the province value', () => {
    const byGender = results([g('1', 'Nam', { headline: 88 }, 2), g('2', 'Nữ', { headline: 92 }, 1)], { headline: 90 });
    const v = provinceProfileView({
      lang: 'vi',
      province: '01',
      results: now,
      rules,
      breakdowns: [{ name: 'gender', label: { vi: 'Giới tính', en: 'Gender' }, results: byGender }],
      waves: [],
    });
    expect(v.breakdowns[0]!.rows.map((r) => `${r.label}:${r.value}`)).toEqual(['Nam:88,00', 'Nữ:92,00']);
    expect(v.breakdowns[0]!.chart.reference!.label).toBe('Cả tỉnh 90,00');
  });

  it('reports a province with no responses as not found', () => {
    expect(provinceProfileView({ lang: 'vi', province: '02', results: now, rules, breakdowns: [], waves: [] }).found).toBe(false);
  });
});
