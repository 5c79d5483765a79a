/**
 * Sample accounting: what became of every form issued. Pure: the counts come from
 * sample-repository.ts, the rates are computed here.
 *
 * Each issued serial (a printed form with its access code, from `sipas codes`) is in exactly one
 * of these states, so `issued = complete + partial + pending + notReturned`:
 * - complete: its response (paper or online) is stored `verified`;
 * - partial: stored `incomplete` (accepted with answers missing, with its reason);
 * - pending: stored `submitted` (waiting for a second keying, or for a supervisor: an online
 *   answer naming another province than its code's);
 * - notReturned: nothing stored for it.
 * A form answered online and also returned on paper is stored once (the second copy is a
 * conflict), so it is counted once.
 */
export interface SampleCounts {
  issued: number;
  /** Stored from paper: imported from a postal file or keyed. */
  returnedByPost: number;
  /** Stored from an online answer given with the form's code. */
  answeredOnline: number;
  complete: number;
  partial: number;
  pending: number;
  notReturned: number;
}

export interface BatchSampleCounts extends SampleCounts {
  batchId: number;
  batch: string;
  province: string | null;
}

export interface ResponseRates {
  /** AAPOR RR1 = I / (issued); null when nothing was issued. */
  rr1: number | null;
  /** AAPOR RR2 = (I + P) / (issued); null when nothing was issued. */
  rr2: number | null;
}

export type SampleRow = SampleCounts & ResponseRates;

export interface SampleAccounting {
  byProvince: ({ province: string | null } & SampleRow)[];
  byBatch: (BatchSampleCounts & ResponseRates)[];
  total: SampleRow;
}

/**
 * Response rates 1 and 2 of the AAPOR Standard Definitions (10th edition, 2023, section "Response
 * rates"):
 *
 *   RR1 = I / ((I + P) + (R + NC + O) + (UH + UO))
 *   RR2 = (I + P) / ((I + P) + (R + NC + O) + (UH + UO))
 *
 * with I = complete forms, P = partial forms. A mail survey of named households learns nothing
 * of the forms that never come back (refusal, non-contact, wrong address are not told apart), so
 * R + NC + O + UH + UO = forms not returned plus forms returned but not yet checked (pending), and
 * no case is known to be ineligible: the denominator is every form issued. Hence
 *
 *   RR1 = complete / issued,   RR2 = (complete + partial) / issued.
 *
 * Pending forms count in the denominator only, until they are checked (the conservative side).
 * Full precision; round when shown.
 *
 * @example responseRates({ issued: 200, complete: 90, partial: 10, ... }) // { rr1: 0.45, rr2: 0.5 }
 */
export function responseRates(c: Pick<SampleCounts, 'issued' | 'complete' | 'partial'>): ResponseRates {
  if (c.issued === 0) return { rr1: null, rr2: null };
  return { rr1: c.complete / c.issued, rr2: (c.complete + c.partial) / c.issued };
}

const ZERO: SampleCounts = { issued: 0, returnedByPost: 0, answeredOnline: 0, complete: 0, partial: 0, pending: 0, notReturned: 0 };
const KEYS = Object.keys(ZERO) as (keyof SampleCounts)[];

function add(into: SampleCounts, c: SampleCounts): void {
  for (const k of KEYS) into[k] += c[k];
}

/** Per batch, per province of the batch (sorted by code) and in all, each with its rates. */
export function sampleAccounting(batches: readonly BatchSampleCounts[]): SampleAccounting {
  const provinces = new Map<string | null, SampleCounts>();
  const total: SampleCounts = { ...ZERO };
  for (const b of batches) {
    let p = provinces.get(b.province);
    if (!p) provinces.set(b.province, (p = { ...ZERO }));
    add(p, b);
    add(total, b);
  }
  const byProvince = [...provinces.entries()]
    .sort(([a], [b]) => (a ?? '').localeCompare(b ?? ''))
    .map(([province, c]) => ({ province, ...c, ...responseRates(c) }));
  return { byProvince, byBatch: batches.map((b) => ({ ...b, ...responseRates(b) })), total: { ...total, ...responseRates(total) } };
}
