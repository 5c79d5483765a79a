import { describe, expect, it } from 'vitest';
import { apply, findMarks, fitAffine, otsuThreshold, type Affine, type GrayImage } from './register-page.js';

const page = { width: 200, height: 300 };
const marks = [
  { x: 20, y: 20 },
  { x: 180, y: 20 },
  { x: 20, y: 280 },
  { x: 180, y: 280 },
];
const SIDE = 10;

/** A page seen through `t` (points → pixels): each pixel is black where its point falls in a mark square. */
function render(t: Affine, width: number, height: number, extra: (x: number, y: number) => boolean = () => false): GrayImage {
  // Invert the affine map to find each pixel's point.
  const det = t.a * t.e - t.b * t.d;
  const data = new Uint8Array(width * height).fill(240);
  for (let py = 0; py < height; py++) {
    for (let px = 0; px < width; px++) {
      const dx = px + 0.5 - t.c;
      const dy = py + 0.5 - t.f;
      const x = (t.e * dx - t.b * dy) / det;
      const y = (-t.d * dx + t.a * dy) / det;
      if (marks.some((m) => Math.abs(x - m.x) <= SIDE / 2 && Math.abs(y - m.y) <= SIDE / 2) || extra(x, y)) data[py * width + px] = 20;
    }
  }
  return { width, height, data };
}

/** Turned `deg` about the page's centre, scaled by `s`, shifted by (dx, dy) pixels, with a little shear. */
const rotation = (deg: number, s: number, dx: number, dy: number, skew = 0): Affine => {
  const r = (deg * Math.PI) / 180;
  const a = s * Math.cos(r);
  const b = -s * Math.sin(r) + skew * s;
  const d = s * Math.sin(r);
  const e = s * Math.cos(r);
  // The page's centre (100, 150) lands at the image's centre (200, 300) plus the shift.
  return { a, b, c: 200 + dx - (a * 100 + b * 150), d, e, f: 300 + dy - (d * 100 + e * 150) };
};

describe('registering a page on its four squares', () => {
  it('finds the squares and recovers rotation, scale, shift and skew to a fraction of a pixel', () => {
    for (const t of [rotation(0, 2, 0, 0), rotation(4.5, 1.95, 8, -6), rotation(-5, 1.9, -6, 9, 0.02)]) {
      const img = render(t, 400, 600);
      const found = findMarks(img, page, marks, SIDE)!;
      expect(found).not.toBeNull();
      const fit = fitAffine(marks, found)!;
      for (const p of [
        { x: 100, y: 150 },
        { x: 10, y: 290 },
      ]) {
        const got = apply(fit.transform, p);
        const want = apply(t, p);
        expect(Math.hypot(got.x - want.x, got.y - want.y)).toBeLessThan(0.75);
      }
    }
  });

  it('ignores dark shapes that are not solid squares of the right size (a ring, a line)', () => {
    const t = rotation(1, 2, 0, 0);
    const ring = (x: number, y: number): boolean => Math.abs(x - 40) <= 6 && Math.abs(y - 30) <= 6 && !(Math.abs(x - 40) <= 4 && Math.abs(y - 30) <= 4);
    const bar = (x: number, y: number): boolean => x > 10 && x < 60 && Math.abs(y - 45) < 1;
    const found = findMarks(
      render(t, 400, 600, (x, y) => ring(x, y) || bar(x, y)),
      page,
      marks,
      SIDE,
    )!;
    expect(found[0]!.x).toBeCloseTo(apply(t, marks[0]!).x, 0);
    expect(found[0]!.y).toBeCloseTo(apply(t, marks[0]!).y, 0);
  });

  it('gives null when a corner has no square (a torn corner, a page of something else)', () => {
    const img = render(rotation(0, 2, 0, 0), 400, 600);
    for (let y = 0; y < 120; y++) img.data.fill(240, y * 400, y * 400 + 120);
    expect(findMarks(img, page, marks, SIDE)).toBeNull();
  });

  it('fits an exact map through four points and reports how far off the worst one is', () => {
    const t = rotation(3, 2, 5, 7, 0.01);
    const exact = fitAffine(
      marks,
      marks.map((m) => apply(t, m)),
    )!;
    expect(exact.residual).toBeLessThan(1e-9);
    const moved = marks.map((m) => apply(t, m));
    moved[3] = { x: moved[3]!.x + 40, y: moved[3]!.y };
    expect(fitAffine(marks, moved)!.residual).toBeGreaterThan(5);
    expect(fitAffine([marks[0]!, marks[0]!, marks[0]!], marks.slice(0, 3))).toBeNull();
  });

  it('splits paper from ink with Otsu’s threshold', () => {
    const data = new Uint8Array(1000).fill(230);
    data.fill(30, 0, 100);
    const th = otsuThreshold({ width: 1000, height: 1, data });
    expect(th).toBeGreaterThanOrEqual(30);
    expect(th).toBeLessThan(230);
  });
});
