import type { Text } from '../definitions/survey-schema.js';
import type { Scoring } from '../definitions/survey-schema.js';
import type { IndexResults } from '../results/compute-index-run.js';
import { compareWaves } from '../results/compare-waves.js';
import { formatNumber } from '../results/round-half-away.js';
import type { IndexEstimate } from '../statistics/estimate-indices.js';
import { dotWhiskerChart, NARROW, type ChartInput, type DotWhiskerChart } from './dot-whisker-chart.js';
import { flagTexts } from './ranking-view.js';
import { type Lang } from '../../i18n/lang.js';

export interface ValueRow {
  id: string;
  label: string;
  kind: 'headline' | 'component' | 'element' | 'item';
  value: string;
  ci: string;
  n: number;
  national: string;
  /** Province − national, signed, rounded; '' when either is missing. */
  difference: string;
  /** The province is 'above' or 'below' the national value when that value lies outside its CI. */
  versus: 'above' | 'below' | 'same';
}

export interface BreakdownView {
  name: string;
  label: string;
  rows: { key: string; label: string; n: number; value: string; ci: string; flags: string[] }[];
  chart: DotWhiskerChart;
  /** The same, laid out for a phone. */
  narrowChart: DotWhiskerChart;
}

export interface TrendRow {
  wave: string;
  value: string;
  ci: string;
  rank: string;
  change: string;
  significant: boolean | null;
  verdict: string;
}

export interface ProfileView {
  found: boolean;
  n: number;
  rank: string;
  rankRange: string;
  flags: string[];
  values: ValueRow[];
  /** The headline, components and elements: the province's value with its CI, the national value marked on each line. */
  chart: { wide: DotWhiskerChart; narrow: DotWhiskerChart };
  breakdowns: BreakdownView[];
  trend: TrendRow[];
}

function signed(x: number, lang: Lang): string {
  const s = formatNumber(x, lang);
  return x > 0 ? `+${s}` : s;
}

/**
 * The province page: headline, components, elements and their items against the national
 * value; breakdowns inside the province; the trend across published waves with each change's
 * significance (two independent samples, z test at 5%).
 */
export function provinceProfileView(input: {
  lang: Lang;
  province: string;
  results: IndexResults;
  rules: Scoring;
  breakdowns: { name: string; label: Text; results: IndexResults }[];
  waves: { wave: string; results: IndexResults }[];
}): ProfileView {
  const { lang, results } = input;
  const fmt = (x: number | null): string => formatNumber(x, lang);
  const ci = (e: IndexEstimate | undefined): string => (!e || e.lower === null || e.upper === null ? '—' : `${fmt(e.lower)} – ${fmt(e.upper)}`);
  const group = results.groups.find((g) => g.key === input.province);
  const labels = new Map(results.quantities.map((q) => [q.id, q.label[lang]]));
  const row = (id: string, kind: ValueRow['kind']): ValueRow => {
    const own = group?.values[id];
    const nat = results.overall.values[id];
    const both = own?.estimate != null && nat?.estimate != null;
    const outside =
      both && own.lower !== null && own.upper !== null ? (nat.estimate < own.lower ? 'above' : nat.estimate > own.upper ? 'below' : 'same') : 'same';
    return {
      id,
      label: labels.get(id) ?? id,
      kind,
      value: own?.estimate == null ? '—' : fmt(own.estimate),
      ci: ci(own),
      n: own?.n ?? 0,
      national: nat?.estimate == null ? '—' : fmt(nat.estimate),
      difference: both ? signed(own.estimate - nat.estimate, lang) : '',
      versus: outside,
    };
  };
  const values: ValueRow[] = [row('headline', 'headline')];
  for (const c of input.rules.components) values.push(row(c.id, 'component'));
  for (const e of input.rules.elements) {
    values.push(row(e.id, 'element'));
    for (const i of e.indicators) values.push(row(i, 'item'));
  }
  const chartInput: ChartInput[] = ['headline', ...input.rules.components.map((c) => c.id), ...input.rules.elements.map((e) => e.id)].map((id) => {
    const own = group?.values[id];
    return {
      key: id,
      label: labels.get(id) ?? id,
      estimate: own?.estimate ?? null,
      lower: own?.lower ?? null,
      upper: own?.upper ?? null,
      flagged: group ? group.smallSample : false,
      reference: results.overall.values[id]?.estimate ?? null,
    };
  });
  const chart = {
    wide: dotWhiskerChart(chartInput, { format: fmt, keepOrder: true, labelWidth: 260 }),
    narrow: dotWhiskerChart(chartInput, { format: fmt, keepOrder: true, ...NARROW }),
  };
  const breakdowns = input.breakdowns.map((b) => {
    const chartRows: ChartInput[] = b.results.groups.map((g) => ({
      key: g.key,
      label: g.label[lang],
      estimate: g.values.headline!.estimate,
      lower: g.values.headline!.lower,
      upper: g.values.headline!.upper,
      flagged: g.smallSample,
    }));
    const reference = { value: group?.values.headline?.estimate ?? null, label: lang === 'vi' ? 'Cả tỉnh' : 'Province' };
    return {
      name: b.name,
      label: b.label[lang],
      rows: b.results.groups.map((g) => ({
        key: g.key,
        label: g.label[lang],
        n: g.n,
        value: fmt(g.values.headline!.estimate) || '—',
        ci: ci(g.values.headline),
        flags: flagTexts(g, lang),
      })),
      chart: dotWhiskerChart(chartRows, { format: fmt, reference, labelWidth: 220 }),
      narrowChart: dotWhiskerChart(chartRows, { format: fmt, reference, ...NARROW }),
    };
  });
  const trend: TrendRow[] = input.waves.map((w, i) => {
    const g = w.results.groups.find((x) => x.key === input.province);
    const h = g?.values.headline;
    const prev = i > 0 ? compareWaves(input.waves[i - 1]!.results, w.results).find((c) => c.key === input.province) : undefined;
    const verdict =
      !prev || prev.difference === null
        ? ''
        : prev.significant
          ? lang === 'vi'
            ? 'Thay đổi có ý nghĩa thống kê (5%)'
            : 'Significant change (5%)'
          : lang === 'vi'
            ? 'Không khác biệt có ý nghĩa'
            : 'Not a significant change';
    return {
      wave: w.wave,
      value: h?.estimate == null ? '—' : fmt(h.estimate),
      ci: ci(h),
      rank: g?.rank == null ? '—' : String(g.rank),
      change: prev?.difference == null ? '' : signed(prev.difference, lang),
      significant: prev?.difference == null ? null : prev.significant,
      verdict,
    };
  });
  return {
    found: group !== undefined,
    n: group?.n ?? 0,
    rank: group?.rank == null ? '—' : String(group.rank),
    rankRange: group?.bestRank == null ? '—' : group.bestRank === group.worstRank ? String(group.bestRank) : `${group.bestRank}–${group.worstRank}`,
    flags: group ? flagTexts(group, lang) : [],
    values,
    chart,
    breakdowns,
    trend,
  };
}
