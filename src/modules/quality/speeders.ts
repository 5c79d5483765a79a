import { robustCentre, robustZ } from './robust-z.js';
import type { QualityFlag } from './quality-flag.js';

/** An online response with when its form was opened and when it was sent. */
export interface OnlineTiming {
  responseId: number;
  serial: string | null;
  province: string | null;
  startedAt: number;
  submittedAt: number;
  /** Items answered (coded answers other than blank and not asked): forms differ in length by their skips. */
  answered: number;
}

export interface SpeederOptions {
  z: number;
  minReference: number;
}

export const speederDefaults: SpeederOptions = { z: -4, minReference: 30 };

/**
 * Online speeders: ln(seconds per answered item) from opening the form to sending it, against
 * the median and MAD of the survey's online responses (robust-z.ts); z ≤ −4 is flagged, a
 * false-flag rate near P(Z ≤ −4) ≈ 3·10⁻⁵ per response when the log-times are close to normal.
 * Responses without an opening time (stored before it was recorded) are left out.
 */
export function findSpeeders(timings: readonly OnlineTiming[], o: SpeederOptions = speederDefaults): QualityFlag[] {
  const usable = timings.filter((t) => t.answered > 0 && t.submittedAt > t.startedAt);
  const pace = (t: OnlineTiming): number => Math.log((t.submittedAt - t.startedAt) / 1000 / t.answered);
  const centre = robustCentre(usable.map(pace), o.minReference);
  if (!centre) return [];
  const flags: QualityFlag[] = [];
  for (const t of usable) {
    const z = robustZ(pace(t), centre);
    if (z > o.z) continue;
    flags.push({
      kind: 'speeder',
      subject: `response:${t.responseId}`,
      responseId: t.responseId,
      serial: t.serial,
      province: t.province,
      batchId: null,
      score: z,
      evidence: {
        seconds: (t.submittedAt - t.startedAt) / 1000,
        answered: t.answered,
        secondsPerItem: (t.submittedAt - t.startedAt) / 1000 / t.answered,
        medianSecondsPerItem: Math.exp(centre.median),
        z,
      },
    });
  }
  return flags;
}
