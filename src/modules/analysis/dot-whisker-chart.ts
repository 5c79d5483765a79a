/**
 * An ordered dot-and-whisker chart (estimate with its 95% CI per group), as drawing data for
 * an SVG the server renders (views/analysis/_dot-whisker.ejs): no JavaScript, prints in black
 * and white (flags are a hollow dot, not a colour), scales with the page through its viewBox.
 */
export interface ChartInput {
  key: string;
  label: string;
  estimate: number | null;
  lower: number | null;
  upper: number | null;
  /** Small sample or high CV: drawn hollow. */
  flagged: boolean;
  /** A value to compare this row with (the national value of the same quantity), marked on its line. */
  reference?: number | null;
}

export interface ChartRow {
  key: string;
  label: string;
  y: number;
  x: number;
  x1: number;
  x2: number;
  flagged: boolean;
  /** Where the row's own reference value is (its national value), or null. */
  rx: number | null;
  /** Text for the tooltip/screen reader: "Hà Nội 83.12 (81.00–85.20)". */
  title: string;
}

export interface DotWhiskerChart {
  width: number;
  height: number;
  plotLeft: number;
  plotRight: number;
  plotTop: number;
  plotBottom: number;
  ticks: { x: number; label: string }[];
  rows: ChartRow[];
  reference: { x: number; label: string } | null;
  /** Groups without an estimate, listed under the chart instead of drawn. */
  missing: string[];
}

const ROW = 18;
const TOP = 10;
const AXIS = 34;

/**
 * The layout for a phone: drawn 340 units wide, so on a 360 px screen (328 px of page) a unit is
 * about a pixel and the 13 px labels (analysis.css) stay above 12 px; long names are cut.
 */
export const NARROW = { width: 340, labelWidth: 130, maxLabel: 17 } as const;

/** A label cut to `max` characters with an ellipsis (the row's title keeps it whole). */
export function cutLabel(label: string, max: number | undefined): string {
  return max !== undefined && label.length > max ? `${label.slice(0, max - 1).trimEnd()}…` : label;
}

/** Tick step giving 4–10 ticks over the span: 1, 2, 5 × 10^k. */
export function niceStep(span: number): number {
  if (!(span > 0)) return 1;
  const raw = span / 6;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
}

/**
 * Lays out the chart, best estimate on top. The axis spans the intervals (not 0–100), rounded
 * to the tick step, so differences of a few points stay visible.
 *
 * @example dotWhiskerChart([{ key: '01', label: 'Hà Nội', estimate: 80, lower: 78, upper: 82, flagged: false }], { format: String }).rows[0].x
 */
export function dotWhiskerChart(
  input: readonly ChartInput[],
  options: {
    format: (x: number) => string;
    reference?: { value: number | null; label: string };
    width?: number;
    labelWidth?: number;
    /** Labels longer than this are cut (phones). */
    maxLabel?: number;
    /** Keep the input's order (a definition's elements) instead of best first. */
    keepOrder?: boolean;
  },
): DotWhiskerChart {
  const width = options.width ?? 760;
  const plotLeft = options.labelWidth ?? 190;
  const plotRight = width - 28;
  const present = input.filter((r) => r.estimate !== null);
  const drawn = options.keepOrder ? present : present.sort((a, b) => b.estimate! - a.estimate! || a.key.localeCompare(b.key));
  const missing = input.filter((r) => r.estimate === null).map((r) => r.label);
  const values = drawn.flatMap((r) => [r.lower ?? r.estimate!, r.upper ?? r.estimate!]);
  for (const r of drawn) if (r.reference !== undefined && r.reference !== null) values.push(r.reference);
  const ref = options.reference?.value ?? null;
  if (ref !== null) values.push(ref);
  let lo = values.length ? Math.min(...values) : 0;
  let hi = values.length ? Math.max(...values) : 100;
  if (hi - lo < 1) {
    lo -= 0.5;
    hi += 0.5;
  }
  const step = niceStep(hi - lo);
  lo = Math.max(0, Math.floor(lo / step) * step);
  hi = Math.min(Math.max(100, lo + step), Math.ceil(hi / step) * step);
  const scale = (v: number): number => plotLeft + ((v - lo) / (hi - lo)) * (plotRight - plotLeft);
  const plotTop = TOP;
  const plotBottom = TOP + Math.max(1, drawn.length) * ROW;
  const ticks: DotWhiskerChart['ticks'] = [];
  for (let v = lo; v <= hi + step / 1000; v += step) ticks.push({ x: scale(v), label: options.format(v) });
  const fmt = options.format;
  return {
    width,
    height: plotBottom + AXIS,
    plotLeft,
    plotRight,
    plotTop,
    plotBottom,
    ticks,
    rows: drawn.map((r, i) => ({
      key: r.key,
      label: cutLabel(r.label, options.maxLabel),
      y: TOP + i * ROW + ROW / 2,
      x: scale(r.estimate!),
      x1: scale(r.lower ?? r.estimate!),
      x2: scale(r.upper ?? r.estimate!),
      flagged: r.flagged,
      rx: r.reference === undefined || r.reference === null ? null : scale(r.reference),
      title: `${r.label}: ${fmt(r.estimate!)}${r.lower !== null && r.upper !== null ? ` (${fmt(r.lower)}–${fmt(r.upper)})` : ''}`,
    })),
    reference: ref !== null ? { x: scale(ref), label: `${options.reference!.label} ${fmt(ref)}` } : null,
    missing,
  };
}
