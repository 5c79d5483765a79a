import { BLANK, NOT_ASKED, rowsByProvince, type QualityFlag, type QualityRows } from './quality-flag.js';
import { beyondChance } from './poisson-binomial.js';

export interface NonresponseItem {
  slot: number;
  code: string;
  /** Asked only under a skip rule: before not-asked was stored as 255, its 0 may be a skip, not a blank. */
  conditional: boolean;
}

export interface NonresponseOptions {
  /** Per-form false-flag rate. */
  alpha: number;
  /** Fewest blanks to flag, whatever the chance. */
  minBlanks: number;
  minProvinceForms: number;
}

export const nonresponseDefaults: NonresponseOptions = { alpha: 1e-5, minBlanks: 3, minProvinceForms: 20 };

/**
 * Forms leaving far more items blank than their province does.
 *
 * Which items count on a form: every unconditional coded question (single, rating, matrix item),
 * and a conditional one when the form did not mark it not asked (255) and the wave marks skipped
 * items so (some form has 255 in that item); otherwise its 0 could be a skip and it is left out.
 * Code 0 on a counted item is a blank; 255 never is.
 *
 * The province's blank rate of item k, q_k = (blanks + ½) / (asked + 1) (the ½ keeps an item
 * nobody left blank from making one blank impossible); the form's blanks are Poisson-binomial(q_k)
 * over its counted items under "like the province", and the form is flagged when
 * P(B ≥ blanks) ≤ α and blanks ≥ minBlanks. Score: the form's share of blank items.
 */
export function findNonresponse(rows: QualityRows, items: readonly NonresponseItem[], o: NonresponseOptions = nonresponseDefaults): QualityFlag[] {
  const flags: QualityFlag[] = [];
  const K = items.length;
  if (K === 0) return flags;
  const marksSkips = items.map((item) => {
    if (!item.conditional) return false;
    for (let i = 0, at = item.slot; i < rows.n; i++, at += rows.width) if (rows.codes[at] === NOT_ASKED) return true;
    return false;
  });
  const counted = (k: number, code: number): boolean => code !== NOT_ASKED && (!items[k]!.conditional || marksSkips[k]!);
  const p = new Float64Array(K);
  for (const [province, members] of rowsByProvince(rows)) {
    if (members.length < o.minProvinceForms) continue;
    const blanks = new Float64Array(K);
    const asked = new Float64Array(K);
    for (const i of members) {
      const base = i * rows.width;
      for (let k = 0; k < K; k++) {
        const c = rows.codes[base + items[k]!.slot]!;
        if (!counted(k, c)) continue;
        asked[k]! += 1;
        if (c === BLANK) blanks[k]! += 1;
      }
    }
    const q = blanks.map((b, k) => (b + 0.5) / (asked[k]! + 1));
    for (const i of members) {
      const base = i * rows.width;
      let m = 0;
      let b = 0;
      for (let k = 0; k < K; k++) {
        const c = rows.codes[base + items[k]!.slot]!;
        if (!counted(k, c)) continue;
        p[m++] = q[k]!;
        if (c === BLANK) b++;
      }
      if (b < o.minBlanks) continue;
      const found = beyondChance(p.subarray(0, m), b, o.alpha);
      if (!found) continue;
      const { pValue, expected } = found;
      flags.push({
        kind: 'nonresponse',
        subject: `response:${rows.responseId[i]}`,
        responseId: rows.responseId[i]!,
        serial: rows.serial[i] ?? null,
        province,
        batchId: rows.batchId[i] ?? null,
        score: b / m,
        evidence: { blank: b, asked: m, share: b / m, provinceExpected: expected, pValue },
      });
    }
  }
  return flags;
}
