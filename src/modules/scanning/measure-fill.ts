import { apply, type Affine, type GrayImage, type Point } from './register-page.js';

/**
 * How much ink is in a box, measured against the page's own paper and ink (a grey photocopy
 * or a dark scan moves both): pure functions over the registered image.
 */

export interface Levels {
  paper: number;
  ink: number;
}

const pixel = (img: GrayImage, p: Point): number => {
  const x = Math.round(p.x);
  const y = Math.round(p.y);
  if (x < 0 || y < 0 || x >= img.width || y >= img.height) return 255;
  return img.data[y * img.width + x]!;
};

/**
 * Paper: the median grey of the page (most of a form is blank paper). Ink: the median grey
 * inside the registration squares, which are printed solid.
 */
export function pageLevels(img: GrayImage, transform: Affine, marks: readonly Point[], side: number): Levels {
  const hist = new Uint32Array(256);
  const step = Math.max(1, Math.floor(img.data.length / 250_000));
  let n = 0;
  for (let i = 0; i < img.data.length; i += step) {
    hist[img.data[i]!]!++;
    n++;
  }
  let paper = 255;
  for (let v = 0, seen = 0; v < 256; v++) {
    seen += hist[v]!;
    if (seen >= n / 2) {
      paper = v;
      break;
    }
  }
  const inks: number[] = [];
  for (const m of marks) {
    for (let u = -0.3; u <= 0.3; u += 0.1)
      for (let v = -0.3; v <= 0.3; v += 0.1) inks.push(pixel(img, apply(transform, { x: m.x + u * side, y: m.y + v * side })));
  }
  inks.sort((a, b) => a - b);
  const ink = inks[Math.floor(inks.length / 2)] ?? 0;
  return { paper, ink: Math.min(ink, paper - 40) };
}

export interface Fill {
  /** Mean darkness inside the box, 0 (paper) … 1 (ink). */
  mean: number;
  /** Share of the inside at least half as dark as ink. */
  coverage: number;
}

/**
 * The fill of a box's inside: its rectangle shrunk by `inset` points on every edge so the
 * printed border (and a little misregistration) stays out, sampled about once per pixel.
 */
export function measureFill(img: GrayImage, transform: Affine, box: { x: number; y: number; w: number; h: number }, levels: Levels, inset: number): Fill {
  const pxPerPt = Math.hypot(transform.a, transform.d);
  const x0 = box.x + inset;
  const y0 = box.y + inset;
  const w = Math.max(1, box.w - 2 * inset);
  const h = Math.max(1, box.h - 2 * inset);
  const nx = Math.max(3, Math.round(w * pxPerPt));
  const ny = Math.max(3, Math.round(h * pxPerPt));
  const range = levels.paper - levels.ink;
  let sum = 0;
  let covered = 0;
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const v = pixel(img, apply(transform, { x: x0 + ((i + 0.5) * w) / nx, y: y0 + ((j + 0.5) * h) / ny }));
      const d = Math.min(1, Math.max(0, (levels.paper - v) / range));
      sum += d;
      if (d >= 0.5) covered++;
    }
  }
  return { mean: sum / (nx * ny), coverage: covered / (nx * ny) };
}

/** A reviewer reads a crop at 150 dpi at most: enough for handwriting, and a crop's bytes stay bounded by its size in points. */
export const CROP_MAX_PX_PER_PT = 150 / 72;

/** The pixels of a rectangle (in points) as a small upright grey image: the crop a reviewer sees. */
export function cropBox(img: GrayImage, transform: Affine, box: { x: number; y: number; w: number; h: number }, margin: number): GrayImage {
  const pxPerPt = Math.min(CROP_MAX_PX_PER_PT, Math.hypot(transform.a, transform.d));
  const x0 = box.x - margin;
  const y0 = box.y - margin;
  const wPt = box.w + 2 * margin;
  const hPt = box.h + 2 * margin;
  const width = Math.max(1, Math.round(wPt * pxPerPt));
  const height = Math.max(1, Math.round(hPt * pxPerPt));
  const data = new Uint8Array(width * height);
  for (let j = 0; j < height; j++)
    for (let i = 0; i < width; i++) data[j * width + i] = pixel(img, apply(transform, { x: x0 + (i + 0.5) / pxPerPt, y: y0 + (j + 0.5) / pxPerPt }));
  return { width, height, data };
}
