import { describe, expect, it } from 'vitest';
import { dotWhiskerChart, niceStep } from './dot-whisker-chart.js';

const row = (key: string, estimate: number | null, lower: number | null, upper: number | null, flagged = false) => ({
  key,
  label: `P${key}`,
  estimate,
  lower,
  upper,
  flagged,
});

describe('dotWhiskerChart', () => {
  it('orders groups best first and places dot and whiskers on one scale', () => {
    const c = dotWhiskerChart([row('a', 80, 78, 82), row('b', 85, 84, 86), row('c', 70, 60, 75, true)], { format: (x) => x.toFixed(0) });
    expect(c.rows.map((r) => r.key)).toEqual(['b', 'a', 'c']);
    const [b, a, cc] = c.rows;
    expect(b!.y).toBeLessThan(a!.y);
    for (const r of c.rows) expect(r.x1 <= r.x && r.x <= r.x2).toBe(true);
    expect(cc!.flagged).toBe(true);
    // Axis from 60 to 90 in steps of 5: 60 at the left edge of the plot.
    expect(c.ticks[0]!.label).toBe('60');
    expect(c.ticks[0]!.x).toBeCloseTo(c.plotLeft, 9);
    expect(c.ticks.at(-1)!.label).toBe('90');
    expect(c.ticks.at(-1)!.x).toBeCloseTo(c.plotRight, 9);
    expect(a!.x).toBeCloseTo(c.plotLeft + ((80 - 60) / 30) * (c.plotRight - c.plotLeft), 9);
  });

  it('lists groups without an estimate instead of drawing them, and draws the national line', () => {
    const c = dotWhiskerChart([row('a', 80, 78, 82), row('z', null, null, null)], {
      format: (x) => x.toFixed(1),
      reference: { value: 79, label: 'Toàn quốc' },
    });
    expect(c.rows).toHaveLength(1);
    expect(c.missing).toEqual(['Pz']);
    expect(c.reference!.label).toBe('Toàn quốc 79.0');
    expect(c.rows[0]!.title).toBe('Pa: 80.0 (78.0–82.0)');
  });

  it('keeps a readable axis when every value is the same', () => {
    const c = dotWhiskerChart([row('a', 100, 100, 100)], { format: String });
    expect(c.ticks.length).toBeGreaterThan(1);
    expect(Number.isFinite(c.rows[0]!.x)).toBe(true);
  });

  it('chooses 1, 2 or 5 steps', () => {
    expect(niceStep(30)).toBe(5);
    expect(niceStep(12)).toBe(2);
    expect(niceStep(0.6)).toBe(0.1);
  });
});

describe('dotWhiskerChart for a province against the nation', () => {
  it("keeps the definition order when asked, marks each row's own national value on the scale, and cuts long labels for phones", () => {
    const rows = [
      { ...row('headline', 70, 65, 75), label: 'Chỉ số hài lòng về sự phục vụ hành chính', reference: 80 },
      { ...row('e1', 90, 88, 92), reference: 60 },
    ];
    const c = dotWhiskerChart(rows, { format: String, keepOrder: true, maxLabel: 17 });
    expect(c.rows.map((r) => r.key)).toEqual(['headline', 'e1']);
    const [h, e] = c.rows;
    // The national value outside the province's interval is drawn outside its whisker.
    expect(h!.rx!).toBeGreaterThan(h!.x2);
    expect(e!.rx!).toBeLessThan(e!.x1);
    // The axis reaches every national value.
    expect(e!.rx!).toBeGreaterThanOrEqual(c.plotLeft);
    expect(h!.label).toBe('Chỉ số hài lòng…');
    expect(h!.title).toContain('Chỉ số hài lòng về sự phục vụ hành chính');
    expect(dotWhiskerChart([row('a', 80, 78, 82)], { format: String }).rows[0]!.rx).toBeNull();
  });
});
