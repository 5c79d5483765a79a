import { cutLabel } from './dot-whisker-chart.js';

/**
 * Fieldwork progress as horizontal bars, one per province, as drawing data for an SVG the server
 * renders (views/analysis/_progress-chart.ejs): no JavaScript, prints in black and white.
 * With forms issued, each bar is the share returned (by post or online) of those issued, on 0–100%;
 * without, the forms returned, on a scale up to the largest count.
 */
export interface ProgressInput {
  key: string;
  label: string;
  /** Forms back: returned by post, keyed or imported, or answered online. */
  done: number;
  /** Forms issued (or expected) for the province; null or 0 when unknown. */
  target: number | null;
}

export interface ProgressBar {
  key: string;
  label: string;
  y: number;
  /** Bar length in drawing units (from plotLeft). */
  length: number;
  /** What is written after the bar: "45 / 120 (37.5%)" or "45". */
  text: string;
  title: string;
}

export interface ProgressChart {
  width: number;
  height: number;
  plotLeft: number;
  plotRight: number;
  plotTop: number;
  plotBottom: number;
  mode: 'share' | 'count';
  ticks: { x: number; label: string }[];
  bars: ProgressBar[];
}

const ROW = 18;
const TOP = 6;
const AXIS = 22;
/** Room after the plot for the bar's text. */
const TEXT = 96;

/**
 * @example progressChart([{ key: '01', label: 'Hà Nội', done: 30, target: 120 }], { percent: (x) => `${x}%`, count: String }).bars[0].text // "30 / 120 (25%)"
 */
export function progressChart(
  input: readonly ProgressInput[],
  options: { percent: (share: number) => string; count: (n: number) => string; width?: number; labelWidth?: number; maxLabel?: number },
): ProgressChart {
  const width = options.width ?? 760;
  const plotLeft = options.labelWidth ?? 190;
  const plotRight = width - TEXT;
  const span = plotRight - plotLeft;
  const mode = input.some((r) => (r.target ?? 0) > 0) ? 'share' : 'count';
  const most = Math.max(1, ...input.map((r) => r.done));
  const ticks =
    mode === 'share'
      ? [0, 0.25, 0.5, 0.75, 1].map((v) => ({ x: plotLeft + v * span, label: options.percent(v * 100) }))
      : [0, 0.5, 1].map((v) => ({ x: plotLeft + v * span, label: options.count(Math.round(v * most)) }));
  const bars = input.map((r, i): ProgressBar => {
    const target = r.target ?? 0;
    const share = target > 0 ? r.done / target : null;
    // A province that returned more than it was issued fills its bar; the text says how many.
    const length = mode === 'share' ? Math.min(1, share ?? 0) * span : (r.done / most) * span;
    const text = share !== null ? `${options.count(r.done)} / ${options.count(target)} (${options.percent(share * 100)})` : options.count(r.done);
    return { key: r.key, label: cutLabel(r.label, options.maxLabel), y: TOP + i * ROW + ROW / 2, length, text, title: `${r.label}: ${text}` };
  });
  const plotBottom = TOP + Math.max(1, input.length) * ROW;
  return { width, height: plotBottom + AXIS, plotLeft, plotRight, plotTop: TOP, plotBottom, mode, ticks, bars };
}
