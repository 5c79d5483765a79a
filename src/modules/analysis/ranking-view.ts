import type { GroupResult, IndexResults } from '../results/compute-index-run.js';
import { formatNumber } from '../results/round-half-away.js';
import { dotWhiskerChart, NARROW, type ChartInput, type DotWhiskerChart } from './dot-whisker-chart.js';
import { type Lang } from '../../i18n/lang.js';
import { textsIn } from '../../i18n/texts.js';
import { analysisTexts } from './analysis-texts.js';

export const sortKeys = ['rank', 'name', 'n', 'index', 'width'] as const;
export type SortKey = (typeof sortKeys)[number];

export interface RankingRow {
  key: string;
  name: string;
  href: string | null;
  n: number;
  index: string;
  se: string;
  ci: string;
  rank: string;
  rankRange: string;
  flags: string[];
}

export interface SortLink {
  key: SortKey;
  label: string;
  href: string;
  /** aria-sort of the column header. */
  ariaSort: 'ascending' | 'descending' | 'none';
}

export interface RankingView {
  rows: RankingRow[];
  national: { label: string; n: number; index: string; ci: string };
  sortLinks: SortLink[];
  chart: DotWhiskerChart;
  /** The same chart laid out for a phone (see NARROW), shown instead below 40rem. */
  narrowChart: DotWhiskerChart;
  flagNote: string;
}

/** The column each sort key heads, as analysisTexts names it. */
const headers = { rank: 'rank', name: 'name', n: 'responsesN', index: 'index', width: 'ci95' } as const satisfies Record<SortKey, keyof typeof analysisTexts>;

/** Parses `?sort=`: a key, `-key` for descending; anything else is the ranking order. */
export function parseSort(raw: unknown): { key: SortKey; descending: boolean } {
  const s = typeof raw === 'string' ? raw : '';
  const descending = s.startsWith('-');
  const key = (descending ? s.slice(1) : s) as SortKey;
  return sortKeys.includes(key) ? { key, descending } : { key: 'rank', descending: false };
}

const headline = (g: GroupResult) => g.values.headline!;
const ciWidth = (g: GroupResult): number => {
  const h = headline(g);
  return h.lower === null || h.upper === null ? Infinity : h.upper - h.lower;
};

function compare(key: SortKey, lang: Lang): (a: GroupResult, b: GroupResult) => number {
  switch (key) {
    case 'rank':
      return (a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.key.localeCompare(b.key);
    case 'name':
      return (a, b) => a.label[lang].localeCompare(b.label[lang], lang === 'vi' ? 'vi' : 'en');
    case 'n':
      return (a, b) => a.n - b.n;
    case 'index':
      return (a, b) => (headline(a).estimate ?? -Infinity) - (headline(b).estimate ?? -Infinity);
    case 'width':
      return (a, b) => ciWidth(a) - ciWidth(b);
  }
}

export function flagTexts(g: Pick<GroupResult, 'smallSample' | 'highCv'>, lang: Lang): string[] {
  const t = textsIn(analysisTexts, lang);
  const flags: string[] = [];
  if (g.smallSample) flags.push(t('smallSample'));
  if (g.highCv) flags.push(t('highCv'));
  return flags;
}

/**
 * The ranking page's table and chart. Numbers are rounded only here (2 decimals, half away
 * from zero); sort links keep every other filter of the URL so a sorted view can be shared.
 */
export function rankingView(
  results: IndexResults,
  input: { lang: Lang; sort: unknown; query: URLSearchParams; groupHref: ((key: string) => string) | null },
): RankingView {
  const { lang } = input;
  const t = textsIn(analysisTexts, lang);
  const sort = parseSort(input.sort);
  const cmp = compare(sort.key, lang);
  const groups = [...results.groups].sort((a, b) => (sort.descending ? -cmp(a, b) : cmp(a, b)) || a.key.localeCompare(b.key));
  const fmt = (x: number | null): string => formatNumber(x, lang);
  const ci = (lower: number | null, upper: number | null): string => (lower === null || upper === null ? '—' : `${fmt(lower)} – ${fmt(upper)}`);
  const rows = groups.map((g) => {
    const h = headline(g);
    return {
      key: g.key,
      name: g.label[lang],
      href: input.groupHref && g.key ? input.groupHref(g.key) : null,
      n: g.n,
      index: h.estimate === null ? '—' : fmt(h.estimate),
      se: h.se === null ? '—' : fmt(h.se),
      ci: ci(h.lower, h.upper),
      rank: g.rank === null ? '—' : String(g.rank),
      rankRange: g.bestRank === null || g.worstRank === null ? '—' : g.bestRank === g.worstRank ? String(g.bestRank) : `${g.bestRank}–${g.worstRank}`,
      flags: flagTexts(g, lang),
    };
  });
  const sortLinks = sortKeys.map((key) => {
    const active = sort.key === key;
    // Clicking the active column flips it; a new column starts in its natural order.
    const naturalDescending = key === 'n' || key === 'index';
    const descending = active ? !sort.descending : naturalDescending;
    const q = new URLSearchParams(input.query);
    q.set('sort', `${descending ? '-' : ''}${key}`);
    return {
      key,
      label: t(headers[key]),
      href: `?${q.toString()}`,
      ariaSort: active ? (sort.descending ? ('descending' as const) : ('ascending' as const)) : ('none' as const),
    };
  });
  const o = results.overall.values.headline!;
  const nationalLabel = t(results.national === 'pooled' ? 'nationalPooled' : 'nationalMean');
  const chartInput: ChartInput[] = results.groups.map((g) => ({
    key: g.key,
    label: g.label[lang],
    estimate: headline(g).estimate,
    lower: headline(g).lower,
    upper: headline(g).upper,
    flagged: g.smallSample || g.highCv,
  }));
  const reference = { value: o.estimate, label: nationalLabel };
  return {
    rows,
    national: { label: nationalLabel, n: results.overall.n, index: o.estimate === null ? '—' : fmt(o.estimate), ci: ci(o.lower, o.upper) },
    sortLinks,
    chart: dotWhiskerChart(chartInput, { format: fmt, reference }),
    narrowChart: dotWhiskerChart(chartInput, { format: fmt, reference, ...NARROW }),
    flagNote: t('flagNote'),
  };
}
