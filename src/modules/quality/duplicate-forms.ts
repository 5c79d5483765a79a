import { answerShares, isAnswer, rowsByProvince, type QualityFlag, type QualityRows } from './quality-flag.js';
import { beyondChance } from './poisson-binomial.js';

export interface DuplicateOptions {
  /** Expected number of falsely flagged pairs per province (a family-wise rate: α over all its pairs). */
  alphaPerProvince: number;
  /** Fewest items both forms answered for a pair to be judged. */
  minCompared: number;
  /** Fewest forms in a province for its answer shares to be a calibration. */
  minProvinceForms: number;
  /** Candidate search: a copy with this many answers changed is found with probability ≥ 1 − missRate. */
  changedAnswers: number;
  missRate: number;
  /** Items per band (fewer when the form has few scored items) and the most bands. */
  maxBandItems: number;
  maxBands: number;
  /** A band value shared by more forms than this gives no candidates (too common to mean copying). */
  maxBucket: number;
  seed: number;
}

export const duplicateDefaults: DuplicateOptions = {
  alphaPerProvince: 0.01,
  minCompared: 10,
  minProvinceForms: 20,
  changedAnswers: 3,
  missRate: 1e-4,
  maxBandItems: 16,
  maxBands: 48,
  maxBucket: 500,
  seed: 20261203,
};

/**
 * The banding of the candidate search (locality-sensitive hashing for Hamming distance, by
 * sampling positions): `bands` random sets of `bandItems` scored items each. Two forms become a
 * candidate pair when they agree on every item of some band; forms agreeing on a share s of their
 * items collide in a band with chance s^r, in some band with 1 − (1 − s^r)^b. r is the largest
 * ≤ maxBandItems (and ≤ K/2) for which b ≤ maxBands bands still find a copy with `changedAnswers`
 * of K items changed with chance ≥ 1 − missRate; chance pairs (s ≈ 0.4) then almost never collide.
 */
export function bandPlan(scoredCount: number, o: DuplicateOptions): { bandItems: number; bands: number } {
  const k = scoredCount;
  const s = Math.max(0, (k - o.changedAnswers) / k);
  for (let r = Math.min(o.maxBandItems, Math.floor(k / 2)); r >= 2; r--) {
    const hit = s ** r;
    const b = hit >= 1 ? 1 : Math.ceil(Math.log(o.missRate) / Math.log(1 - hit));
    if (b <= o.maxBands) return { bandItems: r, bands: b };
  }
  return { bandItems: 2, bands: o.maxBands };
}

/** mulberry32, so the bands (and so the flags) are the same on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `bands` sets of `bandItems` scored item slots each, drawn without replacement within a set. */
function drawBands(scored: readonly number[], plan: { bandItems: number; bands: number }, seed: number): number[][] {
  const rand = seeded(seed);
  const bandSlots: number[][] = [];
  for (let b = 0; b < plan.bands; b++) {
    const pool = [...scored];
    for (let j = 0; j < plan.bandItems; j++) {
      const pick = j + Math.floor(rand() * (pool.length - j));
      [pool[j], pool[pick]] = [pool[pick]!, pool[j]!];
    }
    bandSlots.push(pool.slice(0, plan.bandItems));
  }
  return bandSlots;
}

/** p_k = Σ_c π_k(c)²: the chance that two independent forms of the province agree on item k. */
function agreementChances(rows: QualityRows, members: readonly number[], scored: readonly number[]): Float64Array {
  const K = scored.length;
  const share = answerShares(rows, members, scored);
  const agree = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    let s = 0;
    for (let c = 1; c < 255; c++) s += share[k * 256 + c]! ** 2;
    agree[k] = s;
  }
  return agree;
}

/** One province's search: its forms, its calibration, and where flags go. */
interface ProvinceScan {
  readonly rows: QualityRows;
  readonly scored: readonly number[];
  readonly members: readonly number[];
  readonly province: string | null;
  readonly agree: Float64Array;
  /** α over all the province's pairs. */
  readonly threshold: number;
  readonly o: DuplicateOptions;
  /** Scratch, one per search: the agreement chances of the items a pair both answered. */
  readonly p: Float64Array;
  readonly flags: QualityFlag[];
}

/**
 * Chains the province's forms by their codes on one band: `head` maps a band key to the last form
 * with it, `next` links each form to the one before with the same key, `size` counts them.
 */
function bucketBand(scan: ProvinceScan, slots: readonly number[], head: Map<number, number>, next: Int32Array, size: Map<number, number>): void {
  const { rows, members } = scan;
  head.clear();
  size.clear();
  for (let a = 0; a < members.length; a++) {
    const base = members[a]! * rows.width;
    // FNV-1a over the band's codes: equal codes, equal key (a rare clash only adds a candidate).
    let h = 0x811c9dc5;
    for (const s of slots) h = Math.imul(h ^ rows.codes[base + s]!, 0x01000193);
    next[a] = head.get(h) ?? -1;
    head.set(h, a);
    size.set(h, (size.get(h) ?? 0) + 1);
  }
}

/** Compares a candidate pair (rows i and j) on the items both answered; flags both when they agree far beyond chance. */
function judgePair(scan: ProvinceScan, i: number, j: number): void {
  const { rows, scored, agree, p, o } = scan;
  const K = scored.length;
  let m = 0;
  let x = 0;
  for (let k = 0; k < K; k++) {
    const ci = rows.codes[i * rows.width + scored[k]!]!;
    const cj = rows.codes[j * rows.width + scored[k]!]!;
    if (!isAnswer(ci) || !isAnswer(cj)) continue;
    p[m++] = agree[k]!;
    if (ci === cj) x++;
  }
  if (m < o.minCompared) return;
  const found = beyondChance(p.subarray(0, m), x, scan.threshold);
  if (!found) return;
  const { pValue, expected } = found;
  for (const [self, other] of [
    [i, j],
    [j, i],
  ] as const) {
    scan.flags.push({
      kind: 'duplicate',
      subject: `pair:${rows.responseId[self]}:${rows.responseId[other]}`,
      responseId: rows.responseId[self]!,
      serial: rows.serial[self] ?? null,
      province: scan.province,
      batchId: rows.batchId[self] ?? null,
      score: x / m,
      evidence: {
        pair: { responseId: rows.responseId[other], serial: rows.serial[other] ?? null },
        equal: x,
        compared: m,
        share: x / m,
        expectedShare: expected / m,
        pValue,
      },
    });
  }
}

/** Every pair sharing a band's codes, in buckets neither alone nor too common, judged once. */
function searchProvince(scan: ProvinceScan, bandSlots: readonly (readonly number[])[]): void {
  const { members, o } = scan;
  const n = members.length;
  const seen = new Set<number>();
  const head = new Map<number, number>();
  const next = new Int32Array(n);
  const size = new Map<number, number>();
  for (const slots of bandSlots) {
    bucketBand(scan, slots, head, next, size);
    for (const [h, first] of head) {
      const count = size.get(h)!;
      if (count < 2 || count > o.maxBucket) continue;
      for (let a = first; a !== -1; a = next[a]!)
        for (let b = next[a]!; b !== -1; b = next[b]!) {
          // Within a bucket a > b (later rows are pushed in front).
          const key = a * n + b;
          if (seen.has(key)) continue;
          seen.add(key);
          judgePair(scan, members[b]!, members[a]!);
        }
    }
  }
}

/**
 * Copied forms: pairs of forms of one province whose scored answers agree far more than chance.
 *
 * Calibration on the province's own answers: with π_k(c) the share of code c among the
 * province's answers to item k, two independent forms agree on item k with p_k = Σ_c π_k(c)².
 * For a pair that both answered m items and agree on x of them, the number of agreements is
 * Poisson-binomial(p_k) under chance; the pair is flagged when P(X ≥ x) ≤ α / (n(n − 1)/2), n the
 * province's forms: α is the expected number of false pairs per province, all pairs counted,
 * though only the candidates are computed. Blank (0) and not-asked (255) items are not compared.
 *
 * Candidates come from banding (see bandPlan), never from all pairs: a province of n forms costs
 * n · bands · bandItems steps plus its candidates. `skip` marks rows left out (straight-liners:
 * alike by construction, and flagged already). Both forms of a pair are flagged, each naming the other.
 */
export function findDuplicates(rows: QualityRows, scored: readonly number[], skip?: Uint8Array, o: DuplicateOptions = duplicateDefaults): QualityFlag[] {
  const flags: QualityFlag[] = [];
  const K = scored.length;
  if (K < o.minCompared) return flags;
  const bandSlots = drawBands(scored, bandPlan(K, o), o.seed);
  const p = new Float64Array(K);
  for (const [province, all] of rowsByProvince(rows)) {
    const members = skip ? all.filter((i) => !skip[i]) : all;
    const n = members.length;
    if (n < o.minProvinceForms) continue;
    const agree = agreementChances(rows, members, scored);
    const threshold = o.alphaPerProvince / ((n * (n - 1)) / 2);
    searchProvince({ rows, scored, members, province, agree, threshold, o, p, flags }, bandSlots);
  }
  return flags;
}
