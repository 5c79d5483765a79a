import type { Text } from '../definitions/survey-schema.js';
import type { Scoring } from '../definitions/survey-schema.js';
import type { GroupResult, IndexResults } from '../results/compute-index-run.js';
import { compareWaves } from '../results/compare-waves.js';
import { formatNumber } from '../results/round-half-away.js';
import type { IndexEstimate } from '../statistics/estimate-indices.js';
import { dotWhiskerChart, NARROW, type ChartInput, type DotWhiskerChart } from './dot-whisker-chart.js';
import { flagTexts } from './ranking-view.js';
import { type Lang } from '../../i18n/lang.js';
import { textsIn } from '../../i18n/texts.js';
import { analysisTexts } from './analysis-texts.js';

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

export interface ProfileInput {
  lang: Lang;
  province: string;
  results: IndexResults;
  rules: Scoring;
  breakdowns: { name: string; label: Text; results: IndexResults }[];
  waves: { wave: string; results: IndexResults }[];
}

/** How the page shows numbers: rounded estimates and "lower – upper" intervals in the page's language. */
interface Formats {
  lang: Lang;
  fmt: (x: number | null) => string;
  ci: (e: IndexEstimate | undefined) => string;
}

function formatsOf(lang: Lang): Formats {
  const fmt = (x: number | null): string => formatNumber(x, lang);
  return { lang, fmt, ci: (e) => (!e || e.lower === null || e.upper === null ? '—' : `${fmt(e.lower)} – ${fmt(e.upper)}`) };
}

/** The headline, components, elements and their items: the province's value against the national one. */
function valueRows(input: ProfileInput, group: GroupResult | undefined, labels: Map<string, string>, f: Formats): ValueRow[] {
  const { results } = input;
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
      value: own?.estimate == null ? '—' : f.fmt(own.estimate),
      ci: f.ci(own),
      n: own?.n ?? 0,
      national: nat?.estimate == null ? '—' : f.fmt(nat.estimate),
      difference: both ? signed(own.estimate - nat.estimate, f.lang) : '',
      versus: outside,
    };
  };
  const values: ValueRow[] = [row('headline', 'headline')];
  for (const c of input.rules.components) values.push(row(c.id, 'component'));
  for (const e of input.rules.elements) {
    values.push(row(e.id, 'element'));
    for (const i of e.indicators) values.push(row(i, 'item'));
  }
  return values;
}

/** The headline, components and elements as dots with their CI, the national value marked on each line. */
function profileChart(input: ProfileInput, group: GroupResult | undefined, labels: Map<string, string>, f: Formats): ProfileView['chart'] {
  const chartInput: ChartInput[] = ['headline', ...input.rules.components.map((c) => c.id), ...input.rules.elements.map((e) => e.id)].map((id) => {
    const own = group?.values[id];
    return {
      key: id,
      label: labels.get(id) ?? id,
      estimate: own?.estimate ?? null,
      lower: own?.lower ?? null,
      upper: own?.upper ?? null,
      flagged: group ? group.smallSample : false,
      reference: input.results.overall.values[id]?.estimate ?? null,
    };
  });
  return {
    wide: dotWhiskerChart(chartInput, { format: f.fmt, keepOrder: true, labelWidth: 260 }),
    narrow: dotWhiskerChart(chartInput, { format: f.fmt, keepOrder: true, ...NARROW }),
  };
}

/** One breakdown inside the province (gender, age…): its groups' headline, the whole province as reference. */
function breakdownView(b: ProfileInput['breakdowns'][number], group: GroupResult | undefined, f: Formats): BreakdownView {
  const { lang } = f;
  const chartRows: ChartInput[] = b.results.groups.map((g) => ({
    key: g.key,
    label: g.label[lang],
    estimate: g.values.headline!.estimate,
    lower: g.values.headline!.lower,
    upper: g.values.headline!.upper,
    flagged: g.smallSample,
  }));
  const reference = { value: group?.values.headline?.estimate ?? null, label: textsIn(analysisTexts, lang)('wholeProvince') };
  return {
    name: b.name,
    label: b.label[lang],
    rows: b.results.groups.map((g) => ({
      key: g.key,
      label: g.label[lang],
      n: g.n,
      value: f.fmt(g.values.headline!.estimate) || '—',
      ci: f.ci(g.values.headline),
      flags: flagTexts(g, lang),
    })),
    chart: dotWhiskerChart(chartRows, { format: f.fmt, reference, labelWidth: 220 }),
    narrowChart: dotWhiskerChart(chartRows, { format: f.fmt, reference, ...NARROW }),
  };
}

/** The province across published waves, each change against the wave before with its significance. */
function trendRows(input: ProfileInput, f: Formats): TrendRow[] {
  const t = textsIn(analysisTexts, f.lang);
  return input.waves.map((w, i) => {
    const g = w.results.groups.find((x) => x.key === input.province);
    const h = g?.values.headline;
    const prev = i > 0 ? compareWaves(input.waves[i - 1]!.results, w.results).find((c) => c.key === input.province) : undefined;
    const verdict = !prev || prev.difference === null ? '' : t(prev.significant ? 'significantChange' : 'notSignificant');
    return {
      wave: w.wave,
      value: h?.estimate == null ? '—' : f.fmt(h.estimate),
      ci: f.ci(h),
      rank: g?.rank == null ? '—' : String(g.rank),
      change: prev?.difference == null ? '' : signed(prev.difference, f.lang),
      significant: prev?.difference == null ? null : prev.significant,
      verdict,
    };
  });
}

/**
 * The province page: headline, components, elements and their items against the national
 * value; breakdowns inside the province; the trend across published waves with each change's
 * significance (two independent samples, z test at 5%).
 */
export function provinceProfileView(input: ProfileInput): ProfileView {
  const { lang, results } = input;
  const f = formatsOf(lang);
  const group = results.groups.find((g) => g.key === input.province);
  const labels = new Map(results.quantities.map((q) => [q.id, q.label[lang]]));
  return {
    found: group !== undefined,
    n: group?.n ?? 0,
    rank: group?.rank == null ? '—' : String(group.rank),
    rankRange: group?.bestRank == null ? '—' : group.bestRank === group.worstRank ? String(group.bestRank) : `${group.bestRank}–${group.worstRank}`,
    flags: group ? flagTexts(group, lang) : [],
    values: valueRows(input, group, labels, f),
    chart: profileChart(input, group, labels, f),
    breakdowns: input.breakdowns.map((b) => breakdownView(b, group, f)),
    trend: trendRows(input, f),
  };
}
