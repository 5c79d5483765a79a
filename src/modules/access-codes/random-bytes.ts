import { randomFillSync } from 'node:crypto';

const POOL_BYTES = 4096;
const pool = Buffer.alloc(POOL_BYTES);
let next = POOL_BYTES;

/**
 * Random bytes for receipts and codes, taken from a pool refilled 4 KB at a time from the same
 * CSPRNG as crypto.randomBytes; each byte is handed out once. Every online submission draws a
 * receipt, and each randomBytes call is a crypto job of its own into OpenSSL (the reason Node
 * keeps such a pool for randomUUID). Returns a copy: the pool is overwritten when refilled.
 */
export function pooledRandomBytes(n: number): Uint8Array {
  if (n > POOL_BYTES) return randomFillSync(new Uint8Array(n));
  if (next + n > POOL_BYTES) {
    randomFillSync(pool);
    next = 0;
  }
  const bytes = new Uint8Array(pool.subarray(next, next + n));
  next += n;
  return bytes;
}
