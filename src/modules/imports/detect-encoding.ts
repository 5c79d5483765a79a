/**
 * Which text encoding a postal file is in, from its first bytes. Vietnamese offices send UTF-8
 * (with or without the BOM Excel writes), UTF-16 from Excel's "Unicode text", Windows-1258 from
 * older Windows tools, and sometimes TCVN3 (ABC) from the VN3-font era. TCVN3 and already
 * mangled UTF-8 cannot be stored faithfully, so they are refused with a reason, never guessed.
 */

export type TextEncoding = 'utf8' | 'utf16le' | 'utf16be' | 'windows1258';

export type EncodingVerdict = { ok: true; encoding: TextEncoding; bomLength: number } | { ok: false; reason: string };

/** Whether the bytes are valid UTF-8; a sequence cut off at the very end of a sample is allowed. */
export function isValidUtf8(bytes: Uint8Array, truncated: boolean): boolean {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) need = 2;
    else if (b >= 0xf0 && b <= 0xf4) need = 3;
    else return false;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined) return truncated;
      if ((c & 0xc0) !== 0x80) return false;
    }
    i += need + 1;
  }
  return true;
}

/**
 * TCVN3 puts the commonest Vietnamese letters (à á ả ã ạ ă â ê ô ơ ư đ and capitals Ă Â Ê Ô Ơ Ư Đ)
 * on bytes 0xA1–0xBF, which in Windows-1258 are symbols (¡ ¢ £ … µ ¶ · ¸ ¹ º). Real Windows-1258
 * text has those symbols next to letters almost never, so in-word symbols mean TCVN3.
 */
export function looksLikeTcvn3(bytes: Uint8Array): boolean {
  let high = 0;
  let inWordSymbols = 0;
  const isLetterish = (b: number | undefined): boolean => b !== undefined && ((b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b >= 0xa1);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0x80) continue;
    high++;
    if (b >= 0xa1 && b <= 0xbf && (isLetterish(bytes[i - 1]) || isLetterish(bytes[i + 1]))) inWordSymbols++;
  }
  return inWordSymbols >= 2 && inWordSymbols * 10 >= high;
}

/** Byte values Windows-1258 leaves undefined: text containing them is not Windows-1258. */
const UNDEFINED_1258 = new Set([0x81, 0x8a, 0x8d, 0x8e, 0x8f, 0x90, 0x9a, 0x9d, 0x9e]);

/**
 * UTF-8 that was once read as Latin-1/Windows-1252 and saved again ("Hà Ná»™i", "Ä‘"): the
 * tell-tale pairs are Ã, Ä, Æ, á» or áº followed by a character from the Latin-1 upper half.
 */
const MOJIBAKE = /[ÃÄÆ][\u0080-\u00bf\u2018-\u203a\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc]|á[»º]/;

export function looksLikeMojibake(text: string): boolean {
  return MOJIBAKE.test(text);
}

const TCVN3_REASON =
  'the file looks like TCVN3 (ABC/VN3 fonts), which cannot be read reliably; open it in Excel or UniKey, convert it to Unicode and save as "CSV UTF-8" · tệp có vẻ dùng bảng mã TCVN3 (ABC); hãy chuyển sang Unicode (UniKey) và lưu dạng "CSV UTF-8"';
export const MOJIBAKE_REASON =
  'the file contains garbled Vietnamese (e.g. "Ã" or "á»" sequences: UTF-8 text that was saved again in another encoding); ask for a fresh export in UTF-8 · tệp có chữ tiếng Việt bị lỗi mã hóa; hãy xuất lại tệp dạng UTF-8';

/**
 * Valid and broken multi-byte UTF-8 sequences in a sample, and where the first broken one is.
 * Text that is mostly good UTF-8 with a few broken bytes is damaged UTF-8, not a legacy encoding.
 */
export function utf8Damage(bytes: Uint8Array): { valid: number; broken: number; firstBroken: number } {
  let valid = 0;
  let broken = 0;
  let firstBroken = -1;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
    let ok = need > 0 && i + need < bytes.length + 1;
    for (let k = 1; ok && k <= need; k++) ok = bytes[i + k] !== undefined && (bytes[i + k]! & 0xc0) === 0x80;
    if (ok) {
      valid++;
      i += need + 1;
    } else {
      broken++;
      if (firstBroken < 0) firstBroken = i;
      i++;
    }
  }
  return { valid, broken, firstBroken };
}

/**
 * A binary file (an image, a PDF, a database) rather than text: NUL bytes or many control
 * characters in the sample. Said in one short line, instead of quoting the bytes back.
 */
export function looksBinary(bytes: Uint8Array): boolean {
  let control = 0;
  for (const b of bytes) {
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) control++;
  }
  return control * 100 > bytes.length;
}

export const BINARY_REASON =
  'this is not a text (CSV) file nor an Excel workbook; export the batch as "CSV UTF-8" or .xlsx · tệp không phải CSV hay Excel; hãy xuất lại dạng "CSV UTF-8" hoặc .xlsx';

/**
 * Decides the encoding from a sample (the first few hundred kilobytes). `truncated` says the
 * sample is cut from a longer file, so a multi-byte character may be split at its end.
 */
export function detectEncoding(sample: Uint8Array, truncated: boolean, decodeWindows1258: (b: Uint8Array) => string): EncodingVerdict {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return { ok: true, encoding: 'utf8', bomLength: 3 };
  if (sample[0] === 0xff && sample[1] === 0xfe) return { ok: true, encoding: 'utf16le', bomLength: 2 };
  if (sample[0] === 0xfe && sample[1] === 0xff) return { ok: true, encoding: 'utf16be', bomLength: 2 };
  // UTF-16 without a BOM: ASCII text has a zero byte in every other position.
  if (sample.length >= 4 && sample[1] === 0 && sample[3] === 0 && sample[0] !== 0) return { ok: true, encoding: 'utf16le', bomLength: 0 };
  if (sample.length >= 4 && sample[0] === 0 && sample[2] === 0 && sample[1] !== 0) return { ok: true, encoding: 'utf16be', bomLength: 0 };
  if (looksBinary(sample)) return { ok: false, reason: BINARY_REASON };
  if (isValidUtf8(sample, truncated)) return { ok: true, encoding: 'utf8', bomLength: 0 };
  const damage = utf8Damage(sample);
  if (damage.valid >= 4 && damage.broken * 4 <= damage.valid)
    return {
      ok: false,
      reason: `the file is UTF-8 with broken bytes (the first at byte ${damage.firstBroken}); save it again as "CSV UTF-8" · tệp UTF-8 bị lỗi (byte ${damage.firstBroken}); hãy lưu lại dạng "CSV UTF-8"`,
    };
  if (looksLikeTcvn3(sample)) return { ok: false, reason: TCVN3_REASON };
  for (const b of sample) {
    if (UNDEFINED_1258.has(b))
      return {
        ok: false,
        reason:
          'the file is neither UTF-8, UTF-16 nor Windows-1258 text; save it as "CSV UTF-8" · tệp không phải UTF-8, UTF-16 hay Windows-1258; hãy lưu dạng "CSV UTF-8"',
      };
  }
  if (looksLikeMojibake(decodeWindows1258(sample))) return { ok: false, reason: MOJIBAKE_REASON };
  return { ok: true, encoding: 'windows1258', bomLength: 0 };
}

/**
 * TCVN3 text that a tool read as Latin-1 and saved as Unicode ("Hµ Néi" for "Hà Nội"): a letter
 * followed by one of the symbols TCVN3 uses for Vietnamese letters (¨ ª « ¬ µ … ¿, without the
 * ones real text puts after a letter: © ® ° ² ³ º), and no Vietnamese letter Unicode has (ă ơ ư đ ạ…).
 */
const TCVN3_SYMBOL_AFTER_LETTER = /[A-Za-z\u00c0-\u00ff][\u00a8\u00aa-\u00ad\u00b5-\u00b9\u00bb-\u00bf]/;
const VIETNAMESE_UNICODE = /[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]/;

export function looksLikeTcvn3AsUnicode(text: string): boolean {
  return TCVN3_SYMBOL_AFTER_LETTER.test(text) && !VIETNAMESE_UNICODE.test(text);
}

export const TCVN3_AS_UNICODE_REASON =
  'the file holds TCVN3 text shown as Unicode (e.g. "Hµ Néi" for "Hà Nội"); convert it from TCVN3 to Unicode with UniKey, then save as "CSV UTF-8" · tệp có chữ TCVN3 bị hiển thị sai (vd. "Hµ Néi"); hãy chuyển mã TCVN3 sang Unicode bằng UniKey rồi lưu dạng "CSV UTF-8"';

const TCVN3_IN_1258 = /[A-Za-z\u00c0-\u1ef9][\u00a1-\u00bf]|[\u00a1-\u00bf][A-Za-z]/;

/**
 * A decoded text cell further down the file that shows the same signs (the sample looked fine):
 * the reason to refuse the file, or null. TCVN3 is only looked for in Windows-1258 files, where
 * it decodes to in-word symbols; in UTF-8, "30°C" is ordinary text.
 */
export function textCellProblem(text: string, encoding: TextEncoding): string | null {
  if (looksLikeMojibake(text)) return MOJIBAKE_REASON;
  if (encoding !== 'windows1258' && looksLikeTcvn3AsUnicode(text)) return TCVN3_AS_UNICODE_REASON;
  if (encoding === 'windows1258' && TCVN3_IN_1258.test(text)) return TCVN3_REASON;
  return null;
}
