import { describe, expect, it } from 'vitest';
import { cropBox, measureFill, pageLevels } from './measure-fill.js';
import type { GrayImage } from './register-page.js';

const identity = { a: 1, b: 0, c: 0, d: 0, e: 1, f: 0 };
function page(paper: number): GrayImage {
  return { width: 100, height: 100, data: new Uint8Array(100 * 100).fill(paper) };
}
function paint(img: GrayImage, x0: number, y0: number, x1: number, y1: number, grey: number): void {
  for (let y = y0; y < y1; y++) img.data.fill(grey, y * img.width + x0, y * img.width + x1);
}

describe('measuring the ink in a box against the page', () => {
  it('takes paper from the page and ink from the registration squares', () => {
    const img = page(200);
    paint(img, 0, 0, 10, 10, 60);
    expect(pageLevels(img, identity, [{ x: 5, y: 5 }], 10)).toEqual({ paper: 200, ink: 60 });
  });

  it('measures an empty box as empty on a grey photocopy, and a blackened one as full', () => {
    const img = page(180);
    paint(img, 40, 40, 50, 50, 70);
    const levels = { paper: 180, ink: 70 };
    expect(measureFill(img, identity, { x: 10, y: 10, w: 10, h: 10 }, levels, 2)).toEqual({ mean: 0, coverage: 0 });
    const fill = measureFill(img, identity, { x: 40, y: 40, w: 10, h: 10 }, levels, 2);
    expect(fill.mean).toBeCloseTo(1, 5);
    expect(fill.coverage).toBe(1);
  });

  it('leaves the printed border out of the measure', () => {
    const img = page(250);
    paint(img, 20, 20, 31, 21, 0);
    paint(img, 20, 30, 31, 31, 0);
    paint(img, 20, 20, 21, 31, 0);
    paint(img, 30, 20, 31, 31, 0);
    expect(measureFill(img, identity, { x: 20, y: 20, w: 11, h: 11 }, { paper: 250, ink: 0 }, 2.2).mean).toBe(0);
  });

  it('crops a box with a margin, upright', () => {
    const img = page(250);
    paint(img, 20, 20, 30, 30, 0);
    const crop = cropBox(img, identity, { x: 20, y: 20, w: 10, h: 10 }, 5);
    expect([crop.width, crop.height]).toEqual([20, 20]);
    expect(crop.data[0]).toBe(250);
    expect(crop.data[10 * 20 + 10]).toBe(0);
  });

  it('crops a 300 dpi scan at 150 dpi, so a crop is never larger than its box at 150 dpi', () => {
    const img = page(250);
    const at300 = { a: 300 / 72, b: 0, c: 0, d: 0, e: 300 / 72, f: 0 };
    const crop = cropBox(img, at300, { x: 0, y: 0, w: 72, h: 36 }, 0);
    expect([crop.width, crop.height]).toEqual([150, 75]);
  });
});
