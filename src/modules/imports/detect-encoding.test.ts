import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { detectEncoding, isValidUtf8, looksLikeMojibake, textCellProblem } from './detect-encoding.js';
import { encodeTcvn3, encodeWindows1258 } from '../../../test/imports/legacy-encodings.js';

const decode1258 = (b: Uint8Array): string => iconv.decode(Buffer.from(b), 'windows1258');
const detect = (b: Buffer): ReturnType<typeof detectEncoding> => detectEncoding(b, false, decode1258);
const text = 'SERIAL,NOTE\nP1,Hà Nội rất tốt\nP2,Đà Nẵng: thủ tục nhanh, cán bộ nhiệt tình\n';

describe('detectEncoding', () => {
  it('recognises UTF-8 with and without the BOM', () => {
    expect(detect(Buffer.from(text))).toEqual({ ok: true, encoding: 'utf8', bomLength: 0 });
    expect(detect(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toEqual({ ok: true, encoding: 'utf8', bomLength: 3 });
  });

  it('recognises UTF-16 by its BOM, little and big endian', () => {
    expect(detect(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))).toMatchObject({ encoding: 'utf16le', bomLength: 2 });
    expect(detect(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]))).toMatchObject({ encoding: 'utf16be', bomLength: 2 });
  });

  it('takes text that is not UTF-8 but reads as Vietnamese in Windows-1258 as Windows-1258', () => {
    const bytes = encodeWindows1258(text);
    expect(isValidUtf8(bytes, false)).toBe(false);
    expect(detect(bytes)).toEqual({ ok: true, encoding: 'windows1258', bomLength: 0 });
    expect(decode1258(bytes).normalize('NFC')).toBe(text);
  });

  it('refuses TCVN3 text with a message that says how to convert it', () => {
    const verdict = detect(encodeTcvn3(text));
    expect(verdict.ok).toBe(false);
    expect(!verdict.ok && verdict.reason).toMatch(/TCVN3/);
  });

  it('allows a multi-byte character cut at the end of a sample, but not in a whole file', () => {
    const cut = Buffer.from('Hà Nội').subarray(0, 6);
    expect(isValidUtf8(cut, true)).toBe(true);
    expect(isValidUtf8(cut, false)).toBe(false);
  });
});

describe('mojibake', () => {
  it('spots UTF-8 that was saved again as Latin-1, and leaves real Vietnamese alone', () => {
    const mangled = Buffer.from('Hà Nội', 'utf8').toString('latin1');
    expect(looksLikeMojibake(mangled)).toBe(true);
    expect(looksLikeMojibake('Hà Nội, Đà Nẵng, NGÃ BA')).toBe(false);
  });

  it('refuses in-word symbols only in Windows-1258 files (°C is fine in UTF-8)', () => {
    expect(textCellProblem('30°C', 'utf8')).toBeNull();
    expect(textCellProblem('Hµ Néi', 'windows1258')).toMatch(/TCVN3/);
  });
});
