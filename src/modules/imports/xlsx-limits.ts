import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInflateRaw } from 'node:zlib';

/**
 * Checks an .xlsx before a spreadsheet reader opens it. A workbook is a zip of XML parts, and a
 * few hundred kilobytes can unzip to gigabytes: the reader keeps every shared string in memory,
 * so one 300 MB string took the server to 2 GiB and stalled it. Here each XML part is unzipped
 * as a stream and thrown away, counting its real bytes (whatever the zip directory claims) and
 * the longest text between two tags (a cell's text holds no "<": XML escapes it), with the memory
 * of one chunk. See docs/decisions/0015-xlsx-limits-before-exceljs.md.
 */

export interface XlsxLimits {
  /** Bytes of all XML parts together, unzipped. */
  maxXlsxBytes: number;
  /** Characters in one cell. */
  maxCell: number;
}

/** Why the workbook is refused: a plain message, both languages. */
export class XlsxLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XlsxLimitError';
  }
}

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** A zip's end record sits within the last 64 KiB + 22 bytes (its comment is at most 64 KiB). */
const TAIL = 65_557;

const notZip = (why: string): XlsxLimitError => new XlsxLimitError(`not a readable .xlsx file (${why}) · tệp .xlsx không đọc được`);

async function centralDirectory(path: string): Promise<ZipEntry[]> {
  const fh = await open(path, 'r');
  try {
    const size = (await fh.stat()).size;
    const tail = Buffer.alloc(Math.min(size, TAIL));
    await fh.read(tail, 0, tail.length, size - tail.length);
    let end = -1;
    for (let i = tail.length - 22; i >= 0; i--)
      if (tail.readUInt32LE(i) === EOCD) {
        end = i;
        break;
      }
    if (end < 0) throw notZip('no zip directory');
    const count = tail.readUInt16LE(end + 10);
    const dirSize = tail.readUInt32LE(end + 12);
    const dirOffset = tail.readUInt32LE(end + 16);
    if (dirOffset + dirSize > size) throw notZip('the zip directory points outside the file');
    const dir = Buffer.alloc(dirSize);
    await fh.read(dir, 0, dirSize, dirOffset);
    const entries: ZipEntry[] = [];
    let p = 0;
    for (let k = 0; k < count; k++) {
      if (p + 46 > dirSize || dir.readUInt32LE(p) !== CENTRAL) throw notZip('a damaged zip directory');
      const nameLength = dir.readUInt16LE(p + 28);
      entries.push({
        method: dir.readUInt16LE(p + 10),
        compressedSize: dir.readUInt32LE(p + 20),
        localOffset: dir.readUInt32LE(p + 42),
        name: dir.toString('utf8', p + 46, p + 46 + nameLength),
      });
      p += 46 + nameLength + dir.readUInt16LE(p + 30) + dir.readUInt16LE(p + 32);
    }
    // Where each part's data starts: after its local header, whose name and extra field may differ in length.
    const header = Buffer.alloc(30);
    for (const e of entries) {
      await fh.read(header, 0, 30, e.localOffset);
      if (header.readUInt32LE(0) !== LOCAL) throw notZip('a damaged zip entry');
      e.localOffset += 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    }
    return entries;
  } finally {
    await fh.close();
  }
}

/** Throws XlsxLimitError when the workbook's XML parts unzip past the limits; reads nothing into memory. */
export async function checkXlsxLimits(path: string, limits: XlsxLimits): Promise<void> {
  const entries = (await centralDirectory(path)).filter((e) => /\.(xml|rels)$/i.test(e.name));
  // UTF-8 takes up to 3 bytes a character, and an escaped character (&amp;) up to 6.
  const maxRun = limits.maxCell * 6 + 64;
  let total = 0;
  for (const e of entries) {
    if (e.method !== 0 && e.method !== 8) throw notZip(`${e.name} is compressed in an unknown way`);
    if (e.compressedSize === 0) continue;
    const raw = createReadStream(path, { start: e.localOffset, end: e.localOffset + e.compressedSize - 1, highWaterMark: 256 * 1024 });
    const stream = e.method === 8 ? raw.pipe(createInflateRaw()) : raw;
    let run = 0;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        total += chunk.length;
        if (total > limits.maxXlsxBytes)
          throw new XlsxLimitError(
            `the workbook unzips to more than ${Math.round(limits.maxXlsxBytes / 1048576)} MB (the limit); save it as CSV or split it · tệp Excel giải nén vượt quá giới hạn ${Math.round(limits.maxXlsxBytes / 1048576)} MB; hãy lưu thành CSV hoặc chia nhỏ`,
          );
        let from = 0;
        for (let lt = chunk.indexOf(0x3c, from); ; lt = chunk.indexOf(0x3c, from)) {
          run += (lt < 0 ? chunk.length : lt) - from;
          if (run > maxRun)
            throw new XlsxLimitError(
              `the workbook holds a cell longer than ${limits.maxCell} characters (the limit) · tệp Excel có ô dài quá ${limits.maxCell} ký tự`,
            );
          if (lt < 0) break;
          run = 0;
          from = lt + 1;
        }
      }
    } catch (err) {
      if (err instanceof XlsxLimitError) throw err;
      throw notZip(`${e.name}: ${(err as Error).message}`);
    } finally {
      raw.destroy();
      stream.destroy();
    }
  }
}
