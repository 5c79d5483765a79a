import { describe, expect, it } from 'vitest';
import { progressChart } from './progress-chart.js';

const fmt = { percent: (x: number) => `${x.toFixed(1)}%`, count: String };

describe('progressChart', () => {
  it('with forms issued, draws each province’s share returned on 0–100%, a province over its target filling its bar', () => {
    const c = progressChart(
      [
        { key: '01', label: 'Hà Nội', done: 30, target: 120 },
        { key: '79', label: 'TP Hồ Chí Minh', done: 0, target: 100 },
        { key: '48', label: 'Đà Nẵng', done: 130, target: 100 },
      ],
      fmt,
    );
    const span = c.plotRight - c.plotLeft;
    expect(c.mode).toBe('share');
    expect(c.bars.map((b) => b.length / span)).toEqual([0.25, 0, 1]);
    expect(c.bars[0]!.text).toBe('30 / 120 (25.0%)');
    expect(c.bars[2]!.text).toBe('130 / 100 (130.0%)');
    expect(c.ticks.map((t) => t.label)).toEqual(['0.0%', '25.0%', '50.0%', '75.0%', '100.0%']);
    expect(c.bars[1]!.y).toBeGreaterThan(c.bars[0]!.y);
    expect(c.height).toBeGreaterThan(c.plotBottom);
  });

  it('without forms issued, draws the counts returned against the largest', () => {
    const c = progressChart(
      [
        { key: '01', label: 'Hà Nội', done: 50, target: null },
        { key: '79', label: 'TP Hồ Chí Minh', done: 25, target: 0 },
      ],
      fmt,
    );
    expect(c.mode).toBe('count');
    expect(c.bars.map((b) => b.length / (c.plotRight - c.plotLeft))).toEqual([1, 0.5]);
    expect(c.bars.map((b) => b.text)).toEqual(['50', '25']);
    expect(c.ticks.map((t) => t.label)).toEqual(['0', '25', '50']);
  });

  it('cuts long names for phones, keeping them whole in the title', () => {
    const c = progressChart([{ key: '01', label: 'Thành phố Hồ Chí Minh', done: 1, target: 2 }], { ...fmt, maxLabel: 12 });
    expect(c.bars[0]!.label).toBe('Thành phố H…');
    expect(c.bars[0]!.title).toMatch(/^Thành phố Hồ Chí Minh: /);
  });

  it('draws an empty survey without dividing by zero', () => {
    const c = progressChart([{ key: '01', label: 'Hà Nội', done: 0, target: null }], fmt);
    expect(c.bars[0]!.length).toBe(0);
    expect(Number.isFinite(c.height)).toBe(true);
  });
});
