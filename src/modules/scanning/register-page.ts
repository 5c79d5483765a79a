/**
 * Registration of a scanned page on its four printed squares: pure functions over an 8-bit
 * grey image. The page may be shifted, scaled, rotated (a few degrees) and a little skewed;
 * an affine map from layout points to image pixels absorbs all four.
 */

export interface GrayImage {
  width: number;
  height: number;
  /** One byte a pixel, row by row, 0 black … 255 white. */
  data: Uint8Array;
}
export interface Point {
  x: number;
  y: number;
}
/** x' = a·x + b·y + c, y' = d·x + e·y + f: layout points → image pixels. */
export interface Affine {
  a: number;
  b: number;
  c: number;
  d: number;
  e: number;
  f: number;
}

export const apply = (t: Affine, p: Point): Point => ({ x: t.a * p.x + t.b * p.y + t.c, y: t.d * p.x + t.e * p.y + t.f });

/** Otsu's threshold of the image's histogram (sampled every few pixels: the page is large, the histogram is not). */
export function otsuThreshold(img: GrayImage): number {
  const hist = new Float64Array(256);
  const step = img.data.length > 4_000_000 ? 7 : img.data.length > 1_000_000 ? 3 : 1;
  let n = 0;
  for (let i = 0; i < img.data.length; i += step) {
    hist[img.data[i]!]!++;
    n++;
  }
  let sum = 0;
  for (let v = 0; v < 256; v++) sum += v * hist[v]!;
  let sumB = 0;
  let wB = 0;
  let best = 0;
  let threshold = 128;
  for (let v = 0; v < 256; v++) {
    wB += hist[v]!;
    if (wB === 0) continue;
    const wF = n - wB;
    if (wF === 0) break;
    sumB += v * hist[v]!;
    const between = wB * wF * (sumB / wB - (sum - sumB) / wF) ** 2;
    if (between > best) {
      best = between;
      threshold = v;
    }
  }
  return threshold;
}

interface Blob {
  cx: number;
  cy: number;
  area: number;
  w: number;
  h: number;
}

/** Dark connected regions (4-neighbour) inside a window of the image. */
function darkBlobs(img: GrayImage, threshold: number, x0: number, y0: number, x1: number, y1: number): Blob[] {
  const w = x1 - x0;
  const h = y1 - y0;
  const seen = new Uint8Array(w * h);
  const stack: number[] = [];
  const blobs: Blob[] = [];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (seen[i] || img.data[(y + y0) * img.width + x + x0]! > threshold) continue;
      seen[i] = 1;
      stack.push(i);
      let area = 0;
      let sx = 0;
      let sy = 0;
      let minX = x;
      let maxX = x;
      let minY = y;
      let maxY = y;
      while (stack.length > 0) {
        const j = stack.pop()!;
        const jx = j % w;
        const jy = (j - jx) / w;
        area++;
        sx += jx;
        sy += jy;
        if (jx < minX) minX = jx;
        if (jx > maxX) maxX = jx;
        if (jy < minY) minY = jy;
        if (jy > maxY) maxY = jy;
        const next = [jx > 0 ? j - 1 : -1, jx < w - 1 ? j + 1 : -1, jy > 0 ? j - w : -1, jy < h - 1 ? j + w : -1];
        for (const k of next) {
          if (k < 0 || seen[k]) continue;
          const kx = k % w;
          if (img.data[((k - kx) / w + y0) * img.width + kx + x0]! > threshold) continue;
          seen[k] = 1;
          stack.push(k);
        }
      }
      blobs.push({ cx: sx / area + x0 + 0.5, cy: sy / area + y0 + 0.5, area, w: maxX - minX + 1, h: maxY - minY + 1 });
    }
  }
  return blobs;
}

/**
 * The centres of the four registration squares, in image pixels, or null when one is not found.
 * `expected` are the squares' centres in points and `side` their side in points; the page is
 * assumed to fill the image roughly (a scan of an A4 sheet), so points scale by width / page width.
 */
export function findMarks(img: GrayImage, page: { width: number; height: number }, expected: readonly Point[], side: number): Point[] | null {
  const threshold = otsuThreshold(img);
  const s = img.width / page.width;
  const sidePx = side * s;
  const reach = 70 * s;
  const found: Point[] = [];
  for (const e of expected) {
    const ex = e.x * s;
    const ey = e.y * (img.height / page.height);
    const x0 = Math.max(0, Math.floor(ex - reach));
    const y0 = Math.max(0, Math.floor(ey - reach));
    const x1 = Math.min(img.width, Math.ceil(ex + reach));
    const y1 = Math.min(img.height, Math.ceil(ey + reach));
    let best: Blob | null = null;
    let bestDistance = Infinity;
    for (const b of darkBlobs(img, threshold, x0, y0, x1, y1)) {
      // A solid square turned a few degrees: its area near side², its box a little larger, mostly filled.
      const area = sidePx * sidePx;
      if (b.area < 0.55 * area || b.area > 1.6 * area) continue;
      if (b.w > 1.5 * sidePx || b.h > 1.5 * sidePx || b.w < 0.7 * sidePx || b.h < 0.7 * sidePx) continue;
      if (b.area / (b.w * b.h) < 0.7) continue;
      const distance = Math.hypot(b.cx - ex, b.cy - ey);
      if (distance < bestDistance) {
        best = b;
        bestDistance = distance;
      }
    }
    if (!best) return null;
    found.push({ x: best.cx, y: best.cy });
  }
  return found;
}

/** Least-squares affine map from `from` to `to` (at least three points not on one line), and its largest residual. */
export function fitAffine(from: readonly Point[], to: readonly Point[]): { transform: Affine; residual: number } | null {
  // Normal equations for [a b c] (and [d e f]): M · p = v with M = Σ [x y 1]ᵀ[x y 1].
  const m = [0, 0, 0, 0, 0, 0, 0, 0, 0];
  const vx = [0, 0, 0];
  const vy = [0, 0, 0];
  from.forEach((p, i) => {
    const q = to[i]!;
    const r = [p.x, p.y, 1];
    for (let j = 0; j < 3; j++) {
      for (let k = 0; k < 3; k++) m[j * 3 + k]! += r[j]! * r[k]!;
      vx[j]! += r[j]! * q.x;
      vy[j]! += r[j]! * q.y;
    }
  });
  const px = solve3(m, vx);
  const py = solve3(m, vy);
  if (!px || !py) return null;
  const transform = { a: px[0]!, b: px[1]!, c: px[2]!, d: py[0]!, e: py[1]!, f: py[2]! };
  const residual = Math.max(...from.map((p, i) => Math.hypot(apply(transform, p).x - to[i]!.x, apply(transform, p).y - to[i]!.y)));
  return { transform, residual };
}

function solve3(m: readonly number[], v: readonly number[]): number[] | null {
  const det = (a: readonly number[]): number =>
    a[0]! * (a[4]! * a[8]! - a[5]! * a[7]!) - a[1]! * (a[3]! * a[8]! - a[5]! * a[6]!) + a[2]! * (a[3]! * a[7]! - a[4]! * a[6]!);
  const d = det(m);
  if (Math.abs(d) < 1e-9) return null;
  return [0, 1, 2].map((col) => det(m.map((x, i) => (i % 3 === col ? v[Math.floor(i / 3)]! : x))) / d);
}
