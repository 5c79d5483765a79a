import { describe, expect, it } from 'vitest';
import type { GroupResult, IndexResults } from '../results/compute-index-run.js';
import { parseSort, rankingView } from './ranking-view.js';

const est = (estimate: number | null, se: number | null) => ({
  id: 'headline',
  estimate,
  se,
  lower: estimate === null ? null : estimate - 2 * se!,
  upper: estimate === null ? null : estimate + 2 * se!,
  n: 10,
  df: 9,
});
const group = (
  key: string,
  vi: string,
  n: number,
  estimate: number | null,
  rank: number | null,
  range: [number, number] | null,
  flags: Partial<GroupResult> = {},
): GroupResult => ({
  key,
  label: { vi, en: `${vi} (en)` },
  n,
  values: { headline: est(estimate, 1) },
  rank,
  bestRank: range?.[0] ?? null,
  worstRank: range?.[1] ?? null,
  cv: null,
  smallSample: false,
  highCv: false,
  ...flags,
});

const results: IndexResults = {
  by: 'province',
  national: 'mean-of-provinces',
  quantities: [{ id: 'headline', kind: 'headline', label: { vi: 'Chỉ số', en: 'Index' } }],
  groups: [
    group('01', 'Hà Nội', 400, 82.125, 2, [1, 3]),
    group('79', 'Bà Rịa', 90, 84.5, 1, [1, 2], { smallSample: true }),
    group('02', 'Đà Nẵng', 300, null, null, null),
  ],
  overall: { n: 790, values: { headline: est(83.3125, 0.5) } },
  weighting: { kind: 'none', files: [], weightSum: 790, minWeight: 1, maxWeight: 1, lonelyStrata: 0, strata: 1, psus: 790, degreesOfFreedom: 789 },
};

describe('rankingView', () => {
  it('lists groups in rank order with rounded numbers, rank ranges, flags, and the national value', () => {
    const v = rankingView(results, { lang: 'vi', sort: undefined, query: new URLSearchParams('wave=live'), groupHref: (k) => `/p/${k}` });
    expect(v.rows.map((r) => [r.key, r.rank, r.rankRange, r.index, r.ci, r.flags.join()])).toEqual([
      ['79', '1', '1–2', '84,50', '82,50 – 86,50', 'Mẫu nhỏ'],
      ['01', '2', '1–3', '82,13', '80,13 – 84,13', ''],
      ['02', '—', '—', '—', '—', ''],
    ]);
    expect(v.rows[0]!.href).toBe('/p/79');
    expect(v.national).toEqual({ label: 'Toàn quốc', n: 790, index: '83,31', ci: '82,31 – 84,31' });
    expect(v.chart.rows.map((r) => [r.key, r.flagged])).toEqual([
      ['79', true],
      ['01', false],
    ]);
    expect(v.chart.missing).toEqual(['Đà Nẵng']);
  });

  it('sorts by any column server-side, and its links keep the filters and flip the active column', () => {
    const q = new URLSearchParams('wave=2024&by=province&lang=en');
    const byN = rankingView(results, { lang: 'en', sort: '-n', query: q, groupHref: null });
    expect(byN.rows.map((r) => r.key)).toEqual(['01', '02', '79']);
    const nLink = byN.sortLinks.find((l) => l.key === 'n')!;
    expect(nLink.ariaSort).toBe('descending');
    expect(new URLSearchParams(nLink.href.slice(1)).get('sort')).toBe('n');
    expect(new URLSearchParams(nLink.href.slice(1)).get('wave')).toBe('2024');
    const nameLink = byN.sortLinks.find((l) => l.key === 'name')!;
    expect(nameLink.ariaSort).toBe('none');
    expect(new URLSearchParams(nameLink.href.slice(1)).get('sort')).toBe('name');
    expect(rankingView(results, { lang: 'vi', sort: 'name', query: q, groupHref: null }).rows.map((r) => r.name)).toEqual(['Bà Rịa', 'Đà Nẵng', 'Hà Nội']);
  });

  it('treats an unknown sort as the ranking order', () => {
    expect(parseSort('drop table')).toEqual({ key: 'rank', descending: false });
    expect(parseSort('-index')).toEqual({ key: 'index', descending: true });
  });
});
