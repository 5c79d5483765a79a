import { createHash } from 'node:crypto';

/**
 * Access codes and receipt numbers are typed by people from paper or read over the phone, so
 * the alphabet leaves out characters that look alike (0/O, 1/I/l) and case does not matter.
 * 31 symbols carry log2(31) ≈ 4.95 bits each: 10 symbols ≈ 49.5 random bits.
 */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CODE_LENGTH = 10;
const GROUP = 5;

/** Bits of randomness in one code of `length` symbols. */
export function codeBits(length = CODE_LENGTH): number {
  return length * Math.log2(CODE_ALPHABET.length);
}

/**
 * Turns random bytes into `length` symbols without bias: a byte is used only when it falls
 * below the largest multiple of the alphabet size (248 for 31), otherwise it is skipped.
 * `random(n)` returns n random bytes (crypto.randomBytes in production).
 */
export function randomSymbols(random: (n: number) => Uint8Array, length = CODE_LENGTH): string {
  const n = CODE_ALPHABET.length;
  const limit = 256 - (256 % n);
  let out = '';
  while (out.length < length) {
    for (const byte of random(length * 2)) {
      if (byte >= limit) continue;
      out += CODE_ALPHABET[byte % n];
      if (out.length === length) break;
    }
  }
  return out;
}

/** "ABCDE-FGHJK": groups of five, as printed. */
export function formatCode(symbols: string): string {
  const groups: string[] = [];
  for (let i = 0; i < symbols.length; i += GROUP) groups.push(symbols.slice(i, i + GROUP));
  return groups.join('-');
}

/** A new access code or receipt, formatted for print. */
export function newCode(random: (n: number) => Uint8Array, length = CODE_LENGTH): string {
  return formatCode(randomSymbols(random, length));
}

/**
 * What a person typed, reduced to the symbols: case, spaces, dashes and dots do not matter.
 * Returns null when what is left cannot be a code (wrong length or a symbol not in the alphabet).
 */
export function normaliseCode(input: string, length = CODE_LENGTH): string | null {
  const symbols = input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-._]/g, '');
  if (symbols.length !== length) return null;
  for (const ch of symbols) if (!CODE_ALPHABET.includes(ch)) return null;
  return symbols;
}

/** Codes are stored and looked up by this hash only, never in clear. */
export function hashCode(symbols: string): string {
  return createHash('sha256').update(symbols).digest('hex');
}
