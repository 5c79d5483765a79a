import sharp from 'sharp';
import type { GrayImage } from '../../src/modules/scanning/register-page.js';

/**
 * A respondent's pen on a rasterised form page, as pure pixel functions (the test and the
 * benchmark draw answers at the layout's boxes), and the degradations of a real scan.
 */

export type MarkKind = 'cross' | 'tick' | 'full' | 'pencil' | 'scribble';
type Rect = { x: number; y: number; w: number; h: number };

/** A small seeded generator (mulberry32), so fixtures are the same on every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function dot(img: GrayImage, x: number, y: number, r: number, grey: number): void {
  for (let yy = Math.floor(y - r); yy <= Math.ceil(y + r); yy++) {
    for (let xx = Math.floor(x - r); xx <= Math.ceil(x + r); xx++) {
      if (xx < 0 || yy < 0 || xx >= img.width || yy >= img.height) continue;
      if ((xx - x) ** 2 + (yy - y) ** 2 > r * r) continue;
      const i = yy * img.width + xx;
      img.data[i] = Math.min(img.data[i]!, grey);
    }
  }
}

function line(img: GrayImage, x0: number, y0: number, x1: number, y1: number, width: number, grey: number): void {
  const steps = Math.max(2, Math.ceil(Math.hypot(x1 - x0, y1 - y0) * 2));
  for (let s = 0; s <= steps; s++) dot(img, x0 + ((x1 - x0) * s) / steps, y0 + ((y1 - y0) * s) / steps, width / 2, grey);
}

/** Draws a mark in a box given in points, on a page rendered at `scale` pixels a point. */
export function drawMark(img: GrayImage, box: Rect, kind: MarkKind, scale: number, random: () => number): void {
  const j = (): number => (random() - 0.5) * box.w * 0.15 * scale;
  const x = box.x * scale;
  const y = box.y * scale;
  const w = box.w * scale;
  const h = box.h * scale;
  const pen = Math.max(1.5, 1.3 * scale);
  switch (kind) {
    case 'cross':
      line(img, x + 0.15 * w + j(), y + 0.15 * h + j(), x + 0.85 * w + j(), y + 0.85 * h + j(), pen, 25);
      line(img, x + 0.85 * w + j(), y + 0.15 * h + j(), x + 0.15 * w + j(), y + 0.85 * h + j(), pen, 25);
      break;
    case 'tick':
      line(img, x + 0.15 * w + j(), y + 0.5 * h + j(), x + 0.42 * w, y + 0.85 * h, pen, 30);
      line(img, x + 0.42 * w, y + 0.85 * h, x + 0.95 * w + j(), y + 0.05 * h + j(), pen, 30);
      break;
    case 'pencil':
      line(img, x + 0.15 * w + j(), y + 0.15 * h + j(), x + 0.85 * w + j(), y + 0.85 * h + j(), pen, 120);
      line(img, x + 0.85 * w + j(), y + 0.15 * h + j(), x + 0.15 * w + j(), y + 0.85 * h + j(), pen, 120);
      break;
    case 'full':
    case 'scribble':
      // Blackened: a full box, or a mark crossed out by filling it in.
      for (let yy = y + 0.08 * h; yy <= y + 0.92 * h; yy += pen * 0.6) line(img, x + 0.06 * w, yy, x + 0.94 * w, yy + j() * 0.3, pen, 35);
      break;
  }
}

/** A few handwritten-looking strokes across a write-in field. */
export function drawHandwriting(img: GrayImage, box: Rect, scale: number, random: () => number): void {
  let px = (box.x + 4) * scale;
  const mid = (box.y + box.h / 2) * scale;
  for (let i = 0; i < 6; i++) {
    const nx = px + (4 + random() * 6) * scale;
    line(img, px, mid + (random() - 0.5) * 8 * scale, nx, mid + (random() - 0.5) * 8 * scale, 1.2 * scale, 40);
    px = nx;
  }
}

export interface Degradation {
  /** Degrees, positive clockwise. */
  angle: number;
  /** Standard deviation of added grey noise (0–255). */
  noise: number;
  /** Resample to this many pixels a point (the page was drawn at a higher resolution). */
  scale?: number;
  format: 'png' | 'jpeg' | 'tiff';
  seed: number;
}

/** 65,536 standard normal deviates (Box–Muller, fixed seed), sampled for a page's noise. */
const gaussians = (() => {
  const random = seeded(1);
  const table = new Float64Array(65_536);
  for (let i = 0; i < table.length; i++) table[i] = Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
  return table;
})();

/** Rotates, resamples, adds noise and encodes, as a scanner and its settings would. */
export async function degrade(img: GrayImage, d: Degradation): Promise<Buffer> {
  let pipeline = sharp(Buffer.from(img.data), { raw: { width: img.width, height: img.height, channels: 1 } });
  if (d.scale !== undefined) pipeline = pipeline.resize({ width: Math.round(595.28 * d.scale), kernel: 'lanczos3' });
  if (d.angle !== 0) pipeline = pipeline.rotate(d.angle, { background: '#ffffff' });
  const { data, info } = await pipeline.greyscale().raw().toBuffer({ resolveWithObject: true });
  const out = Buffer.alloc(info.width * info.height);
  // Gaussian noise drawn from a table by a seeded xorshift: a Box–Muller pair a pixel made the
  // benchmark's pages cost more than scanning them.
  let x = (d.seed * 2654435761 + 1) >>> 0 || 1;
  for (let i = 0; i < out.length; i++) {
    let n = 0;
    if (d.noise > 0) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      n = gaussians[(x >>> 0) & 0xffff]! * d.noise;
    }
    out[i] = Math.max(0, Math.min(255, Math.round(data[i * info.channels]! + n)));
  }
  const raw = sharp(out, { raw: { width: info.width, height: info.height, channels: 1 } });
  if (d.format === 'jpeg') return raw.jpeg({ quality: 75 }).toBuffer();
  if (d.format === 'tiff') return raw.tiff({ compression: 'lzw' }).toBuffer();
  return raw.png().toBuffer();
}

/** A PNG page (from pdftoppm) as a grey image to draw on. */
export async function readGrey(file: string): Promise<GrayImage> {
  const { data, info } = await sharp(file).greyscale().raw().toBuffer({ resolveWithObject: true });
  const out = new Uint8Array(info.width * info.height);
  for (let i = 0; i < out.length; i++) out[i] = data[i * info.channels]!;
  return { width: info.width, height: info.height, data: out };
}
