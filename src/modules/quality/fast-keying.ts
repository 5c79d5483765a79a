import type { EntryFacts } from '../keying/keyer-statistics.js';
import { robustCentre, robustZ } from './robust-z.js';
import type { QualityFlag } from './quality-flag.js';

/** One saved keying entry (one pass over one paper form): the keyer statistics' facts, and which form it was. */
export interface KeyingFacts extends Omit<EntryFacts, 'against'> {
  entryId: number;
  responseId: number | null;
  serial: string;
  province: string | null;
  batchId: number | null;
}

export interface FastKeyingOptions {
  /** Flag a form keyed at a pace this many robust SDs faster than the pace of all entries. */
  formZ: number;
  /** Flag a keyer whose disagreement rate is this many robust SDs above the other keyers'. */
  keyerZ: number;
  /** Fewest compared fields for a keyer's rate to mean anything. */
  minComparedFields: number;
  /** Fewest entries (forms) or keyers for a reference distribution. */
  minReference: number;
  /** An entry open longer than this was not being keyed all the while (keying statistics cap it the same). */
  maxMinutesPerForm: number;
}

export const fastKeyingDefaults: FastKeyingOptions = { formZ: -4, keyerZ: 4, minComparedFields: 200, minReference: 30, maxMinutesPerForm: 30 };

/**
 * Keying too fast to be reading the paper, and keyers who disagree with their colleagues' second
 * entries far more than the others.
 *
 * Form pace: ln(seconds per field keyed) of each entry, against the median and MAD of every
 * entry of the survey (robust-z.ts): z ≤ −4 is flagged. Times are right-skewed, their logarithm
 * close to normal, so a one-sided cut at −4 promises a false-flag rate near P(Z ≤ −4) ≈ 3·10⁻⁵ per
 * entry; half the entries could come from fast keyers before the reference moves.
 *
 * Keyer disagreement: disagreements per compared field over the keyer's compared forms (the
 * disagreements of a form count against both passes until resolved), against the other keyers'
 * rates (those with ≥ minComparedFields); z ≥ 4 and at least twice the median rate is flagged.
 */
export function findFastKeying(entries: readonly KeyingFacts[], o: FastKeyingOptions = fastKeyingDefaults): QualityFlag[] {
  const flags: QualityFlag[] = [];
  const cap = o.maxMinutesPerForm * 60_000;
  const timed = entries.filter((e) => e.fieldsKeyed > 0 && e.savedAt > e.startedAt && e.savedAt - e.startedAt <= cap);
  const pace = (e: KeyingFacts): number => Math.log((e.savedAt - e.startedAt) / 1000 / e.fieldsKeyed);
  const centre = robustCentre(timed.map(pace), o.minReference);
  if (centre) {
    for (const e of timed) {
      const z = robustZ(pace(e), centre);
      if (z > o.formZ) continue;
      flags.push({
        kind: 'fast-keying',
        subject: `entry:${e.entryId}`,
        responseId: e.responseId,
        serial: e.serial,
        province: e.province,
        batchId: e.batchId,
        score: z,
        evidence: {
          rule: 'form',
          enumeratorId: e.enumeratorId,
          enumerator: e.enumeratorName,
          pass: e.pass,
          seconds: (e.savedAt - e.startedAt) / 1000,
          fields: e.fieldsKeyed,
          secondsPerField: (e.savedAt - e.startedAt) / 1000 / e.fieldsKeyed,
          medianSecondsPerField: Math.exp(centre.median),
          z,
        },
      });
    }
  }
  const keyers = new Map<number, { name: string; fields: number; disagreements: number; provinces: Map<string | null, number> }>();
  for (const e of entries) {
    let k = keyers.get(e.enumeratorId);
    if (!k) keyers.set(e.enumeratorId, (k = { name: e.enumeratorName, fields: 0, disagreements: 0, provinces: new Map() }));
    k.provinces.set(e.province, (k.provinces.get(e.province) ?? 0) + 1);
    if (!e.compared) continue;
    k.fields += e.fieldsKeyed;
    k.disagreements += e.disagreements;
  }
  const rated = [...keyers].filter(([, k]) => k.fields >= o.minComparedFields).map(([id, k]) => ({ id, ...k, rate: k.disagreements / k.fields }));
  for (const k of rated) {
    const others = robustCentre(
      rated.filter((r) => r.id !== k.id).map((r) => r.rate),
      5,
    );
    if (!others) continue;
    const z = robustZ(k.rate, others);
    if (z < o.keyerZ || k.rate < 2 * others.median) continue;
    // The keyer's flag is seen by the supervisors of the province where they keyed most.
    const province = [...k.provinces].sort((a, b) => b[1] - a[1])[0]![0];
    flags.push({
      kind: 'fast-keying',
      subject: `keyer:${k.id}`,
      responseId: null,
      serial: null,
      province,
      batchId: null,
      score: z,
      evidence: {
        rule: 'keyer-disagreement',
        enumeratorId: k.id,
        enumerator: k.name,
        comparedFields: k.fields,
        disagreements: k.disagreements,
        per1000: (1000 * k.disagreements) / k.fields,
        colleaguesMedianPer1000: 1000 * others.median,
        z,
      },
    });
  }
  return flags;
}
