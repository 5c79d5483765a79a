import { betaCdf } from './beta-distribution.js';

/** Packed answer codes that are not answers: 0 = left blank (missing), 255 = not asked (the form's skip logic). */
export const BLANK_CODE = 0;
export const NOT_ASKED_CODE = 255;

/** The rule that flags a group's nonresponse on an item as far above the national rate. */
export interface NonresponseRule {
  /** One-sided significance level of the exact binomial test. */
  alpha: number;
  /** The group's rate must be at least this multiple of the national rate. */
  minRatio: number;
}

export const defaultNonresponseRule: NonresponseRule = { alpha: 0.001, minRatio: 2 };

export interface ItemNonresponse {
  /** Valid answers (codes 1 … 254). */
  valid: number;
  /** Left blank (code 0): item nonresponse. */
  missing: number;
  /** Not asked (code 255): the form skipped the question, so it is not nonresponse. */
  notAsked: number;
  /** missing / (valid + missing): the share of those asked who left it blank; null when nobody was asked. */
  rate: number | null;
  /** P(X ≥ missing) for X ~ Binomial(valid + missing, national rate); null for the national figures. */
  pValue: number | null;
  flagged: boolean;
}

/**
 * Binomial upper tail P(X ≥ x) for X ~ Binomial(m, p), through the identity
 * P(X ≥ x) = I_p(x, m − x + 1) (regularised incomplete beta). x ≤ 0 → 1; p ≤ 0 → 0 for x ≥ 1.
 * Mirrors R's `pbinom(x - 1, m, p, lower.tail = FALSE)`.
 *
 * @example binomialUpperTail(3, 10, 0.5) // 0.9453125
 */
export function binomialUpperTail(x: number, m: number, p: number): number {
  if (x <= 0) return 1;
  if (x > m) return 0;
  return betaCdf(p, x, m - x + 1);
}

/**
 * Item nonresponse per group and nationally, with a flag where a group's rate is far above the
 * national one. Counts are unweighted (they describe the fieldwork, not the population).
 *
 * Rates: r_g = blank_g / (valid_g + blank_g) — "not asked" is neither, so a skipped question is
 * not counted as nonresponse; national r = Σ blank / Σ (valid + blank) over all rows.
 * Flag (docs/method.md "Item nonresponse"): r_g ≥ minRatio · r and the exact one-sided binomial
 * test of H0 "the group leaves the item blank at the national rate" rejects at alpha:
 * P(X ≥ blank_g | valid_g + blank_g, r) < alpha. A group with no blank, or an item nobody left
 * blank, is never flagged. The national figures carry no test.
 */
export function itemNonresponse(
  items: readonly { id: string; codes: Uint8Array }[],
  groups: Int32Array,
  groupCount: number,
  rule: NonresponseRule = defaultNonresponseRule,
): { groups: Record<string, ItemNonresponse>[]; overall: Record<string, ItemNonresponse> } {
  const G = groupCount;
  const perGroup: Record<string, ItemNonresponse>[] = Array.from({ length: G }, () => ({}));
  const overall: Record<string, ItemNonresponse> = {};
  for (const item of items) {
    const valid = new Int32Array(G);
    const missing = new Int32Array(G);
    const notAsked = new Int32Array(G);
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i]!;
      if (g < 0 || g >= G) continue;
      const c = item.codes[i]!;
      if (c === BLANK_CODE) missing[g]!++;
      else if (c === NOT_ASKED_CODE) notAsked[g]!++;
      else valid[g]!++;
    }
    const sum = (a: Int32Array): number => a.reduce((s, v) => s + v, 0);
    const all = { valid: sum(valid), missing: sum(missing), notAsked: sum(notAsked) };
    const national = all.valid + all.missing > 0 ? all.missing / (all.valid + all.missing) : null;
    overall[item.id] = { ...all, rate: national, pValue: null, flagged: false };
    for (let g = 0; g < G; g++) {
      const asked = valid[g]! + missing[g]!;
      const rate = asked > 0 ? missing[g]! / asked : null;
      const pValue = rate === null || national === null ? null : binomialUpperTail(missing[g]!, asked, national);
      const flagged = rate !== null && national !== null && missing[g]! > 0 && rate >= rule.minRatio * national && pValue! < rule.alpha;
      perGroup[g]![item.id] = { valid: valid[g]!, missing: missing[g]!, notAsked: notAsked[g]!, rate, pValue, flagged };
    }
  }
  return { groups: perGroup, overall };
}
