import { median } from 'simple-statistics';
import { verificationShare, defaultVerificationPolicy, type VerificationPolicy } from './sample-verification.js';

/** One saved keying entry, as the statistics need it. */
export interface EntryFacts {
  enumeratorId: number;
  enumeratorName: string;
  pass: number;
  fieldsKeyed: number;
  startedAt: number;
  savedAt: number;
  /** Whether the form's other pass exists, so its fields were compared. */
  compared: boolean;
  /** Disagreements found on this form (shared by both passes). */
  disagreements: number;
  /** Disagreements resolved against this pass (against_pass = this pass, or 0 = both wrong). */
  against: number;
}

export interface KeyerStatistics {
  enumeratorId: number;
  enumeratorName: string;
  forms: number;
  fields: number;
  hours: number;
  formsPerHour: number | null;
  fieldsPerHour: number | null;
  comparedFields: number;
  disagreements: number;
  /** Disagreements per 1,000 compared fields; null before any form was compared. */
  disagreementsPer1000: number | null;
  resolvedAgainst: number;
  /** The share of this keyer's forms that sample verification re-keys. */
  verificationShare: number;
  /** The typical form: median minutes from opening to saving (each capped), unmoved by a few long pauses. */
  medianMinutesPerForm: number;
}

/** An open screen is not keying: one form counts for at most this long. */
export const maxMinutesPerForm = 30;

/**
 * Per-enumerator keying statistics.
 * - time = Σ min(saved − started, 30 min) over their entries; per-hour rates are count / time,
 *   null when no time was recorded; the median minutes per form is over the same capped times
 *   (simple-statistics' `median`: the mean of the two middle values for an even count);
 * - disagreement rate = 1000 × disagreements on compared forms / fields keyed on compared forms;
 * - resolved against = disagreements the supervisor decided this keyer had wrong.
 */
export function keyerStatistics(entries: readonly EntryFacts[], policy: VerificationPolicy = defaultVerificationPolicy): KeyerStatistics[] {
  const by = new Map<number, KeyerStatistics & { ms: number; minutes: number[] }>();
  for (const e of entries) {
    let s = by.get(e.enumeratorId);
    if (!s) {
      s = {
        enumeratorId: e.enumeratorId,
        enumeratorName: e.enumeratorName,
        forms: 0,
        fields: 0,
        hours: 0,
        formsPerHour: null,
        fieldsPerHour: null,
        comparedFields: 0,
        disagreements: 0,
        disagreementsPer1000: null,
        resolvedAgainst: 0,
        verificationShare: policy.baseShare,
        medianMinutesPerForm: 0,
        ms: 0,
        minutes: [],
      };
      by.set(e.enumeratorId, s);
    }
    s.forms++;
    s.fields += e.fieldsKeyed;
    const ms = Math.min(Math.max(0, e.savedAt - e.startedAt), maxMinutesPerForm * 60_000);
    s.ms += ms;
    s.minutes.push(ms / 60_000);
    if (e.compared) {
      s.comparedFields += e.fieldsKeyed;
      s.disagreements += e.disagreements;
    }
    s.resolvedAgainst += e.against;
  }
  return [...by.values()]
    .map(({ ms, minutes, ...s }) => {
      const hours = ms / 3_600_000;
      return {
        ...s,
        hours,
        formsPerHour: hours > 0 ? s.forms / hours : null,
        fieldsPerHour: hours > 0 ? s.fields / hours : null,
        disagreementsPer1000: s.comparedFields > 0 ? (1000 * s.disagreements) / s.comparedFields : null,
        verificationShare: verificationShare({ comparedFields: s.comparedFields, disagreements: s.disagreements }, policy),
        medianMinutesPerForm: median(minutes),
      };
    })
    .sort((a, b) => a.enumeratorName.localeCompare(b.enumeratorName, 'vi'));
}
