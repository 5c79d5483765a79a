/**
 * Sample verification: besides batches that require every form keyed twice, a share of each
 * enumerator's forms is re-keyed blind. The share rises for an enumerator whose entries
 * disagree often, so the supervisor's effort goes where the errors are.
 */

export interface VerificationPolicy {
  /** Share of forms re-keyed for every enumerator. */
  baseShare: number;
  /** Below this many compared fields the rate is noise: keep the base share. */
  minFields: number;
  /** Disagreements per 1,000 compared fields → share, highest threshold first wins. */
  steps: readonly { abovePer1000: number; share: number }[];
}

export const defaultVerificationPolicy: VerificationPolicy = {
  baseShare: 0.1,
  minFields: 500,
  steps: [
    { abovePer1000: 10, share: 0.5 },
    { abovePer1000: 5, share: 0.25 },
  ],
};

/**
 * The share of an enumerator's forms to re-key.
 * @example verificationShare({ comparedFields: 2000, disagreements: 12 }) // 6 per 1,000 → 0.25
 */
export function verificationShare(record: { comparedFields: number; disagreements: number }, policy: VerificationPolicy = defaultVerificationPolicy): number {
  if (record.comparedFields < policy.minFields) return policy.baseShare;
  const per1000 = (record.disagreements / record.comparedFields) * 1000;
  const step = [...policy.steps].sort((a, b) => b.abovePer1000 - a.abovePer1000).find((s) => per1000 > s.abovePer1000);
  return Math.max(policy.baseShare, step?.share ?? policy.baseShare);
}

/** FNV-1a then a murmur finaliser: a well-spread 32-bit number from a string, no crypto needed. */
function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Whether one form is drawn for re-keying. Deterministic in (seed, serial): the same form gives
 * the same answer however often it is asked (a reload never re-draws), and over many serials
 * the drawn share converges on `share`. The seed (per survey and batch) keeps enumerators from
 * learning which serial numbers are checked.
 */
export function isDrawnForVerification(seed: string, serial: string, share: number): boolean {
  if (share <= 0) return false;
  if (share >= 1) return true;
  return hash32(`${seed}\u0000${serial}`) / 2 ** 32 < share;
}
