import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CODE_ALPHABET, codeBits, formatCode, hashCode, newCode, normaliseCode, randomSymbols } from './access-code-format.js';

describe('access code format', () => {
  it('carries at least 40 random bits', () => {
    expect(codeBits()).toBeGreaterThanOrEqual(40);
  });

  it('uses no look-alike characters', () => {
    for (const ch of ['0', 'O', '1', 'I', 'L', 'l', 'o', 'i']) expect(CODE_ALPHABET).not.toContain(ch);
  });

  it('groups codes in fives for reading', () => {
    const code = newCode(randomBytes);
    expect(code).toMatch(/^[2-9A-Z]{5}-[2-9A-Z]{5}$/);
    expect(formatCode('ABCDEFGHJK')).toBe('ABCDE-FGHJK');
  });

  it('skips bytes that would bias the alphabet', () => {
    // 248..255 would make the first symbols more likely; they must be skipped.
    const bytes = [255, 248, 0, 30, 31];
    let i = 0;
    const random = (n: number): Uint8Array => Uint8Array.from({ length: n }, () => bytes[i++ % bytes.length]!);
    expect(randomSymbols(random, 3)).toBe(`${CODE_ALPHABET[0]}${CODE_ALPHABET[30]}${CODE_ALPHABET[0]}`);
  });

  it('spreads symbols evenly over the alphabet', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 3000; i++) for (const ch of randomSymbols(randomBytes)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    expect(counts.size).toBe(CODE_ALPHABET.length);
    const expected = 30000 / CODE_ALPHABET.length;
    for (const n of counts.values()) expect(Math.abs(n - expected)).toBeLessThan(expected * 0.2);
  });

  it('accepts what people type: lower case, spaces, dashes', () => {
    expect(normaliseCode(' abcde-fghjk ')).toBe('ABCDEFGHJK');
    expect(normaliseCode('ABCDE FGHJK')).toBe('ABCDEFGHJK');
  });

  it('refuses input that cannot be a code', () => {
    expect(normaliseCode('ABCDE-FGHJ')).toBeNull();
    expect(normaliseCode('ABCDE-FGHJ0')).toBeNull();
    expect(normaliseCode('')).toBeNull();
  });

  it('hashes with SHA-256 so the code itself is never stored', () => {
    expect(hashCode('ABCDEFGHJK')).toMatch(/^[0-9a-f]{64}$/);
    expect(hashCode('ABCDEFGHJK')).not.toBe(hashCode('ABCDEFGHJM'));
  });
});
