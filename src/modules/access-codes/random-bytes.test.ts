import { describe, expect, it } from 'vitest';
import { CODE_ALPHABET, newCode } from './access-code-format.js';
import { pooledRandomBytes } from './random-bytes.js';

describe('pooled random bytes', () => {
  it('hands out each byte once, across refills of the pool, as copies of their own', () => {
    // 3,000 draws of 20 bytes go through the 4 KB pool about fifteen times.
    const draws = Array.from({ length: 3000 }, () => pooledRandomBytes(20));
    expect(draws.every((d) => d.length === 20)).toBe(true);
    expect(new Set(draws.map((d) => Buffer.from(d).toString('hex'))).size).toBe(draws.length);
    const first = Buffer.from(draws[0]!);
    draws[0]!.fill(0);
    expect(Buffer.from(pooledRandomBytes(20)).equals(first)).toBe(false);
    expect(Buffer.from(draws[1]!).equals(Buffer.alloc(20))).toBe(false);
  });

  it('draws more than the pool holds directly', () => {
    const big = pooledRandomBytes(10_000);
    expect(big.length).toBe(10_000);
    // All 256 byte values appear in 10,000 random bytes (missing one has odds of about 10^-15).
    expect(new Set(big).size).toBe(256);
  });

  it('makes receipts in the code alphabet, without repeats', () => {
    const receipts = Array.from({ length: 2000 }, () => newCode(pooledRandomBytes));
    expect(receipts.every((r) => /^[2-9A-Z]{5}-[2-9A-Z]{5}$/.test(r) && [...r.replace('-', '')].every((c) => CODE_ALPHABET.includes(c)))).toBe(true);
    expect(new Set(receipts).size).toBe(receipts.length);
  });
});
