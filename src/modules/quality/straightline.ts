import { answerShares, isAnswer, rowsByProvince, type QualityFlag, type QualityRows } from './quality-flag.js';
import { upperTail } from './poisson-binomial.js';

export interface StraightlineItems {
  /** Matrices of at least `minMatrixItems` items: their question code and item slots. */
  matrices: readonly { question: string; slots: readonly number[] }[];
  /** Slots of the scored items (the definition's indicators). */
  scored: readonly number[];
}

export interface StraightlineOptions {
  /** A matrix this long or longer counts (the 8). */
  minMatrixItems: number;
  /** Share of the scored items on one code (the 90%). */
  scoredShare: number;
  /** Fewest answered scored items for the share rule. */
  minScoredAnswered: number;
  /** Per-form false-flag rate: the chance of the pattern under the province's own answers must be below it. */
  alpha: number;
}

export const straightlineDefaults: StraightlineOptions = { minMatrixItems: 8, scoredShare: 0.9, minScoredAnswered: 8, alpha: 1e-5 };

/**
 * Straight-lining: one code down a whole matrix of ≥ 8 items (every answered item, at least 8),
 * or one code on ≥ 90% of the answered scored items. A pattern is flagged only when it is
 * unlikely for that province: its chance, with each item answered independently by the
 * province's own answer shares π_k(c), is below α divided by the number of tests made on the form:
 *   matrix:  Σ_c Π_k π_k(c)                        (any one code down the matrix)
 *   scored:  Σ_c P(X_c ≥ x), X_c ~ Poisson-binomial(π_k(c))  (at least x items on code c)
 * so a province where most answer 5 everywhere does not flag its contented respondents on a short
 * matrix, while a form with one code on all 45 items is flagged anywhere. Blank (0) and not-asked
 * (255) items are left out. Score: the share of the items on the code (1 for a matrix).
 */
export function findStraightlines(rows: QualityRows, items: StraightlineItems, options: StraightlineOptions = straightlineDefaults): QualityFlag[] {
  const flags: QualityFlag[] = [];
  const matrices = items.matrices.filter((m) => m.slots.length >= options.minMatrixItems);
  const tests = matrices.length + (items.scored.length > 0 ? 1 : 0);
  if (tests === 0) return flags;
  const alpha = options.alpha / tests;
  const allSlots = [...new Set([...matrices.flatMap((m) => m.slots), ...items.scored])];
  const slotIndex = new Map(allSlots.map((s, k) => [s, k]));
  // One counter per code, reset after each form: a million forms allocate nothing.
  const counts = new Int32Array(256);
  for (const [province, members] of rowsByProvince(rows)) {
    const share = answerShares(rows, members, allSlots);
    const pi = (slot: number, code: number): number => share[slotIndex.get(slot)! * 256 + code]!;
    const flag = (i: number, score: number, evidence: Record<string, unknown>): void => {
      flags.push({
        kind: 'straightline',
        subject: `response:${rows.responseId[i]}`,
        responseId: rows.responseId[i]!,
        serial: rows.serial[i] ?? null,
        province,
        batchId: rows.batchId[i] ?? null,
        score,
        evidence,
      });
    };
    for (const i of members) {
      const base = i * rows.width;
      let flagged = false;
      for (const m of matrices) {
        const { code, answered } = oneCode(rows.codes, base, m.slots);
        if (code === -1 || answered < options.minMatrixItems) continue;
        let chance = 0;
        for (let c = 1; c < 255; c++) {
          let p = 1;
          for (const s of m.slots) if (isAnswer(rows.codes[base + s]!)) p *= pi(s, c);
          chance += p;
        }
        if (chance > alpha) continue;
        flag(i, 1, { rule: 'matrix', question: m.question, code, items: answered, chance });
        flagged = true;
        break;
      }
      if (flagged || items.scored.length === 0) continue;
      let answered = 0;
      let code = 0;
      let most = 0;
      for (const s of items.scored) {
        const c = rows.codes[base + s]!;
        if (!isAnswer(c)) continue;
        answered++;
        const k = ++counts[c]!;
        if (k > most) {
          most = k;
          code = c;
        }
      }
      for (const s of items.scored) counts[rows.codes[base + s]!] = 0;
      if (answered < options.minScoredAnswered || most < options.scoredShare * answered) continue;
      const answeredSlots = items.scored.filter((s) => isAnswer(rows.codes[base + s]!));
      let chance = 0;
      for (let c = 1; c < 255 && chance <= alpha; c++) {
        const p = answeredSlots.map((s) => pi(s, c));
        if (p.every((x) => x === 0)) continue;
        chance += upperTail(p, most);
      }
      if (chance > alpha) continue;
      flag(i, most / answered, { rule: 'scored', code, same: most, answered, share: most / answered, chance });
    }
  }
  return flags;
}

/** The one code every answered slot of a form holds (-1 if they differ or none is answered), and how many are answered. */
function oneCode(codes: Uint8Array, base: number, slots: readonly number[]): { code: number; answered: number } {
  let code = -1;
  let answered = 0;
  for (const s of slots) {
    const c = codes[base + s] ?? 0;
    if (!isAnswer(c)) continue;
    answered++;
    if (code === -1) code = c;
    else if (c !== code) return { code: -1, answered };
  }
  return { code, answered };
}
