import { formatNumber } from '../results/round-half-away.js';
import type { SampleView } from '../sample/sample-view.js';
import { NARROW } from './dot-whisker-chart.js';
import { progressChart, type ProgressChart, type ProgressInput } from './progress-chart.js';
import { type Lang } from '../../i18n/lang.js';

export interface FieldworkProgress {
  /** Bars are shares of the forms issued (some province has codes issued), or counts returned. */
  mode: ProgressChart['mode'];
  wide: ProgressChart;
  narrow: ProgressChart;
}

/**
 * Progress by province for the fieldwork page's chart: where forms were issued, those back (by
 * post or online, within the sample) against those issued; elsewhere the forms returned and
 * answered online as the counts table shows them. Every province is drawn: the empty ones lag.
 */
export function fieldworkProgress(
  counts: { provinces: readonly { code: string; name: string; returned: number; online: number }[] },
  sample: SampleView,
  lang: Lang,
): FieldworkProgress {
  const issued = new Map(sample.provinces.filter((p) => p.issued > 0).map((p) => [p.code, p]));
  const input: ProgressInput[] = counts.provinces.map((p) => {
    const s = issued.get(p.code);
    return s
      ? { key: p.code, label: p.name, done: s.returnedByPost + s.answeredOnline, target: s.issued }
      : { key: p.code, label: p.name, done: p.returned + p.online, target: null };
  });
  const format = { percent: (x: number) => `${formatNumber(x, lang, 1)}%`, count: (n: number) => formatNumber(n, lang, 0) };
  const wide = progressChart(input, format);
  return { mode: wide.mode, wide, narrow: progressChart(input, { ...format, width: NARROW.width, labelWidth: 100, maxLabel: 13 }) };
}
