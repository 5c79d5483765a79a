import type { IndexResults } from './compute-index-run.js';
import { formatNumber } from './round-half-away.js';
import { type Lang } from '../../i18n/lang.js';

/**
 * Tables of a run, shared by the CLI, the pages and the exports. Long: one row per group and
 * quantity, full precision. Ranking: one row per group with the headline and the elements.
 */
export type Cell = string | number | boolean | null;

export function longTable(results: IndexResults): Cell[][] {
  const header = [
    'group',
    'group_vi',
    'group_en',
    'quantity',
    'kind',
    'indicator_kind',
    'label_vi',
    'label_en',
    'estimate',
    'se',
    'ci_lower',
    'ci_upper',
    'n',
    'df',
  ];
  const rows: Cell[][] = [header];
  const add = (key: string, vi: string, en: string, values: IndexResults['overall']['values']): void => {
    for (const q of results.quantities) {
      const e = values[q.id]!;
      rows.push([key, vi, en, q.id, q.kind, q.indicatorKind ?? '', q.label.vi, q.label.en, e.estimate, e.se, e.lower, e.upper, e.n, e.df]);
    }
  };
  for (const g of results.groups) add(g.key, g.label.vi, g.label.en, g.values);
  add(
    'ALL',
    results.national === 'pooled' ? 'Chung (gộp)' : 'Toàn quốc (trung bình các tỉnh)',
    results.national === 'pooled' ? 'Overall (pooled)' : 'National (mean of provinces)',
    results.overall.values,
  );
  return rows;
}

export function rankingTable(results: IndexResults): Cell[][] {
  const elements = results.quantities.filter((q) => q.kind === 'element' || q.kind === 'component');
  const header = [
    'rank',
    'best_rank',
    'worst_rank',
    'group',
    'name_vi',
    'name_en',
    'n',
    'index',
    'se',
    'ci_lower',
    'ci_upper',
    'cv',
    'small_sample',
    'high_cv',
    ...elements.map((e) => e.id),
  ];
  const sorted = [...results.groups].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.key.localeCompare(b.key));
  return [
    header,
    ...sorted.map((g) => {
      const h = g.values.headline!;
      return [
        g.rank,
        g.bestRank,
        g.worstRank,
        g.key,
        g.label.vi,
        g.label.en,
        g.n,
        h.estimate,
        h.se,
        h.lower,
        h.upper,
        g.cv,
        g.smallSample,
        g.highCv,
        ...elements.map((e) => g.values[e.id]!.estimate),
      ];
    }),
  ];
}

/** A plain-text ranking for the terminal (rounded for display). */
export function textRanking(results: IndexResults, lang: Lang = 'vi'): string {
  const head =
    lang === 'vi'
      ? ['Hạng', 'Khoảng hạng', results.by, 'n', 'Chỉ số', 'SE', 'KTC 95%', '']
      : ['Rank', 'Rank range', results.by, 'n', 'Index', 'SE', '95% CI', ''];
  const sorted = [...results.groups].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity));
  const lines = sorted.map((g) => {
    const h = g.values.headline!;
    const flags = [g.smallSample ? (lang === 'vi' ? 'mẫu nhỏ' : 'small n') : '', g.highCv ? 'CV' : ''].filter(Boolean).join(',');
    return [
      String(g.rank ?? '–'),
      g.bestRank === null ? '' : `${g.bestRank}–${g.worstRank}`,
      `${g.key} ${g.label[lang]}`,
      String(g.n),
      formatNumber(h.estimate),
      formatNumber(h.se),
      h.lower === null ? '' : `${formatNumber(h.lower)}–${formatNumber(h.upper)}`,
      flags,
    ];
  });
  const o = results.overall.values.headline!;
  lines.push([
    '',
    '',
    lang === 'vi' ? (results.national === 'pooled' ? 'Chung' : 'Toàn quốc') : results.national === 'pooled' ? 'Overall' : 'National',
    String(results.overall.n),
    formatNumber(o.estimate),
    formatNumber(o.se),
    o.lower === null ? '' : `${formatNumber(o.lower)}–${formatNumber(o.upper)}`,
    '',
  ]);
  const all = [head, ...lines];
  const widths = head.map((_, c) => Math.max(...all.map((r) => [...r[c]!].length)));
  return (
    all
      .map((r) =>
        r
          .map((cell, c) => (c === 2 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
          .join('  ')
          .trimEnd(),
      )
      .join('\n') + '\n'
  );
}
