import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { promisify } from 'node:util';
import sharp, { type Sharp } from 'sharp';
import jsQRModule from 'jsqr';
import type { GrayImage } from './register-page.js';

/** Reading scan files into grey pages, and QR codes off them: the scanner's I/O edge. */

export const scanLimits = {
  fileBytes: 300 * 1024 * 1024,
  pagesPerFile: 2_000,
  /** A4 at 600 dpi is 35 megapixels. */
  pixelsPerPage: 40_000_000,
  pdfDpi: 200,
  /** Uploads on the batch page: smaller than the command's, since they wait in the server's temp folder. */
  webFileBytes: 100 * 1024 * 1024,
  webFiles: 20,
  webPages: 1_000,
};

export class ScanFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'ScanFileError';
  }
}

// jsqr is CommonJS with `module.exports = jsQR` and typings declaring a default export: under NodeNext the default is the function itself.
const jsQR = jsQRModule as unknown as typeof jsQRModule.default;

const imageTypes = new Set(['.png', '.jpg', '.jpeg', '.tif', '.tiff']);

async function grey(input: Sharp): Promise<GrayImage> {
  const { data, info } = await input.flatten({ background: '#ffffff' }).greyscale().raw().toBuffer({ resolveWithObject: true });
  if (info.channels === 1) return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
  const out = new Uint8Array(info.width * info.height);
  for (let i = 0; i < out.length; i++) out[i] = data[i * info.channels]!;
  return { width: info.width, height: info.height, data: out };
}

/** Every page of a PDF (rasterised by poppler's pdftoppm), PNG, JPEG or (multi-page) TIFF, one at a time. */
export async function* loadScanPages(file: string): AsyncGenerator<{ page: number; image: GrayImage }> {
  const size = (await stat(file)).size;
  if (size > scanLimits.fileBytes) throw new ScanFileError(file, `is larger than ${scanLimits.fileBytes / 1024 / 1024} MB; split it`);
  const ext = extname(file).toLowerCase();
  if (ext === '.pdf') {
    const dir = await mkdtemp(join(tmpdir(), 'sipas-scan-'));
    try {
      await promisify(execFile)('pdftoppm', [
        '-r',
        String(scanLimits.pdfDpi),
        '-gray',
        '-png',
        '-l',
        String(scanLimits.pagesPerFile),
        file,
        join(dir, 'p'),
      ]).catch((err: Error) => {
        throw new ScanFileError(
          file,
          (err as { code?: string }).code === 'ENOENT' ? 'pdftoppm is missing: apt-get install poppler-utils' : 'is not a readable PDF',
        );
      });
      const pages = (await readdir(dir)).filter((f) => f.endsWith('.png')).sort();
      for (const [i, name] of pages.entries()) yield { page: i + 1, image: await grey(sharp(join(dir, name), { limitInputPixels: scanLimits.pixelsPerPage })) };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    return;
  }
  if (!imageTypes.has(ext)) throw new ScanFileError(file, 'is not a PDF, PNG, JPEG or TIFF file');
  let pages: number;
  try {
    pages = (await sharp(file, { limitInputPixels: scanLimits.pixelsPerPage }).metadata()).pages ?? 1;
  } catch {
    throw new ScanFileError(file, 'is not a readable image');
  }
  if (pages > scanLimits.pagesPerFile) throw new ScanFileError(file, `has more than ${scanLimits.pagesPerFile} pages; split it`);
  for (let i = 0; i < pages; i++) yield { page: i + 1, image: await grey(sharp(file, { page: i, limitInputPixels: scanLimits.pixelsPerPage })) };
}

/**
 * How many pages a scan file holds, cheaply (poppler's pdfinfo, or the image's header), so an
 * upload over the page limit is refused before any page is read.
 */
export async function countScanPages(file: string): Promise<number> {
  const ext = extname(file).toLowerCase();
  if (ext === '.pdf') {
    const { stdout } = await promisify(execFile)('pdfinfo', [file]).catch((err: Error) => {
      throw new ScanFileError(
        file,
        (err as { code?: string }).code === 'ENOENT' ? 'pdfinfo is missing: apt-get install poppler-utils' : 'is not a readable PDF',
      );
    });
    const pages = /^Pages:\s+(\d+)/m.exec(stdout);
    if (!pages) throw new ScanFileError(file, 'is not a readable PDF');
    return Number(pages[1]);
  }
  if (!imageTypes.has(ext)) throw new ScanFileError(file, 'is not a PDF, PNG, JPEG or TIFF file');
  try {
    return (await sharp(file, { limitInputPixels: scanLimits.pixelsPerPage }).metadata()).pages ?? 1;
  } catch {
    throw new ScanFileError(file, 'is not a readable image');
  }
}

/**
 * The text of a QR code in a region of the page (fractions of its width and height), or null.
 * A scan finer than 150 dpi is averaged down to about 150 dpi first: the printed code's modules
 * stay several pixels wide there, and jsQR's cost grows with the pixels it is given.
 */
export function readQrText(img: GrayImage, region: { x0: number; y0: number; x1: number; y1: number }): string | null {
  const f = Math.max(1, Math.floor(img.width / QR_WIDTH_AT_150_DPI));
  const x0 = Math.max(0, Math.floor(region.x0 * img.width));
  const y0 = Math.max(0, Math.floor(region.y0 * img.height));
  const w = Math.floor((Math.min(img.width, Math.ceil(region.x1 * img.width)) - x0) / f);
  const h = Math.floor((Math.min(img.height, Math.ceil(region.y1 * img.height)) - y0) / f);
  const rgba = new Uint8ClampedArray(w * h * 4);
  const area = f * f;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let sum = 0;
      for (let dy = 0; dy < f; dy++) {
        const row = (y * f + dy + y0) * img.width + x * f + x0;
        for (let dx = 0; dx < f; dx++) sum += img.data[row + dx]!;
      }
      const v = sum / area;
      const o = (y * w + x) * 4;
      rgba[o] = v;
      rgba[o + 1] = v;
      rgba[o + 2] = v;
      rgba[o + 3] = 255;
    }
  }
  return jsQR(rgba, w, h, { inversionAttempts: 'dontInvert' })?.data ?? null;
}

/** An A4 page's width in pixels at 150 dpi. */
const QR_WIDTH_AT_150_DPI = 1240;

/** A crop as a PNG, for the review queue. */
export async function pngOf(img: GrayImage): Promise<Buffer> {
  return sharp(Buffer.from(img.data.buffer, img.data.byteOffset, img.data.length), { raw: { width: img.width, height: img.height, channels: 1 } })
    .png()
    .toBuffer();
}
