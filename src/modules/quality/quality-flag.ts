/** What every detector returns: evidence about one subject, never a change to the data. */

export const flagKinds = ['straightline', 'duplicate', 'fast-keying', 'speeder', 'nonresponse'] as const;
export type FlagKind = (typeof flagKinds)[number];

export interface QualityFlag {
  kind: FlagKind;
  /** What was flagged, stable across runs: `response:12`, `entry:7`, `keyer:3`, `pair:12:40`. */
  subject: string;
  responseId: number | null;
  serial: string | null;
  province: string | null;
  batchId: number | null;
  /** The detector's measure (a share of equal answers, a robust z-score…); evidence says which. */
  score: number;
  evidence: Record<string, unknown>;
}

/** The forms of one survey version, as the detectors read them (row i's codes at i·width). */
export interface QualityRows {
  n: number;
  width: number;
  codes: Uint8Array;
  responseId: Int32Array | number[];
  serial: (string | null)[];
  province: (string | null)[];
  batchId: (number | null)[];
}

/** Code 0: asked and left blank. Code 255: not asked (skipped by the form's logic), never a blank. */
export const BLANK = 0;
export const NOT_ASKED = 255;
export const isAnswer = (code: number): boolean => code !== BLANK && code !== NOT_ASKED;

/** Rows grouped by province: each province's row indices, in row order (rows without a province together under null). */
export function rowsByProvince(rows: Pick<QualityRows, 'n' | 'province'>): Map<string | null, number[]> {
  const out = new Map<string | null, number[]>();
  for (let i = 0; i < rows.n; i++) {
    const p = rows.province[i] ?? null;
    let list = out.get(p);
    if (!list) out.set(p, (list = []));
    list.push(i);
  }
  return out;
}

/**
 * Each item's answer distribution within a set of rows: share[k·256 + c] = share of code c among
 * the rows that answered item k (blank and not-asked left out); all zero for an item nobody answered.
 */
export function answerShares(rows: Pick<QualityRows, 'width' | 'codes'>, members: readonly number[], slots: readonly number[]): Float64Array {
  const share = new Float64Array(slots.length * 256);
  const answered = new Float64Array(slots.length);
  for (const i of members) {
    const base = i * rows.width;
    for (let k = 0; k < slots.length; k++) {
      const c = rows.codes[base + slots[k]!]!;
      if (!isAnswer(c)) continue;
      share[k * 256 + c]! += 1;
      answered[k]! += 1;
    }
  }
  for (let k = 0; k < slots.length; k++) {
    const a = answered[k]!;
    if (a > 0) for (let c = 0; c < 256; c++) share[k * 256 + c]! /= a;
  }
  return share;
}
