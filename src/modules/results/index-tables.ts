import type { IndexResults } from './compute-index-run.js';
import { formatNumber } from './round-half-away.js';
import { type Lang } from '../../i18n/lang.js';
import { textsIn } from '../../i18n/texts.js';
import { resultsTexts } from './results-texts.js';

const vi = textsIn(resultsTexts, 'vi');
const en = textsIn(resultsTexts, 'en');

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
    'valid_n',
    'missing_n',
    'not_asked_n',
    'missing_rate',
    'nonresponse_flag',
  ];
  const rows: Cell[][] = [header];
  const add = (key: string, vi: string, en: string, values: IndexResults['overall']['values'], nonresponse: Nonresponse | undefined): void => {
    for (const q of results.quantities) {
      const e = values[q.id]!;
      const m = nonresponse?.[q.id];
      rows.push([
        key,
        vi,
        en,
        q.id,
        q.kind,
        q.indicatorKind ?? '',
        q.label.vi,
        q.label.en,
        e.estimate,
        e.se,
        e.lower,
        e.upper,
        e.n,
        e.df,
        m?.valid ?? null,
        m?.missing ?? null,
        m?.notAsked ?? null,
        m?.rate ?? null,
        m ? m.flagged : null,
      ]);
    }
  };
  for (const g of results.groups) add(g.key, g.label.vi, g.label.en, g.values, g.nonresponse);
  const national = results.national === 'pooled' ? 'nationalPooled' : 'nationalMean';
  add('ALL', vi(national), en(national), results.overall.values, results.overall.nonresponse);
  return rows;
}

type Nonresponse = IndexResults['overall']['nonresponse'];

/**
 * Item nonresponse: one row per group and item — valid, left blank (missing) and not asked
 * counts, the group's and the national blank rate, their ratio, the binomial p-value and the
 * flag (docs/method.md "Item nonresponse"). Empty (header only) for runs published before.
 */
export function nonresponseTable(results: IndexResults): Cell[][] {
  const header = [
    'group',
    'group_vi',
    'group_en',
    'item',
    'label_vi',
    'label_en',
    'valid_n',
    'missing_n',
    'not_asked_n',
    'missing_rate',
    'national_missing_rate',
    'rate_ratio',
    'p_value',
    'flag',
  ];
  const rows: Cell[][] = [header];
  const national = results.overall.nonresponse;
  if (!national) return rows;
  const items = results.quantities.filter((q) => q.kind === 'item');
  for (const g of results.groups) {
    for (const q of items) {
      const m = g.nonresponse?.[q.id];
      const n = national[q.id];
      if (!m || !n) continue;
      const ratio = m.rate !== null && n.rate ? m.rate / n.rate : null;
      rows.push([g.key, g.label.vi, g.label.en, q.id, q.label.vi, q.label.en, m.valid, m.missing, m.notAsked, m.rate, n.rate, ratio, m.pValue, m.flagged]);
    }
  }
  for (const q of items) {
    const n = national[q.id];
    if (n)
      rows.push(['ALL', vi('wholeCountry'), en('wholeCountry'), q.id, q.label.vi, q.label.en, n.valid, n.missing, n.notAsked, n.rate, n.rate, 1, null, false]);
  }
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
  const t = textsIn(resultsTexts, lang);
  const head = [t('rank'), t('rankRange'), results.by, 'n', t('index'), 'SE', t('ci95'), ''];
  const sorted = [...results.groups].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity));
  const lines = sorted.map((g) => {
    const h = g.values.headline!;
    const flags = [g.smallSample ? t('smallSample') : '', g.highCv ? 'CV' : ''].filter(Boolean).join(',');
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
    t(results.national === 'pooled' ? 'overall' : 'national'),
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
