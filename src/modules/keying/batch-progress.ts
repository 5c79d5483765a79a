import type { PlaceList } from '../definitions/place-list.js';
import { type Lang } from '../../i18n/lang.js';
import { textsIn } from '../../i18n/texts.js';
import { keyingPageTexts } from './keying-page-texts.js';

/** Counts for one batch or one province, from sent to verified. */
export interface ProgressCounts {
  /** Forms the postal office says it sent. */
  expected: number;
  /** Forms that arrived back. */
  received: number;
  /** Paper forms keyed at least once (distinct serials). */
  keyed: number;
  verified: number;
  /** Saved incomplete, with a reason. */
  incomplete: number;
  /** Keyed once, waiting for the second (blind) entry or for a supervisor. */
  awaiting: number;
  conflicts: number;
}

export const emptyCounts = (): ProgressCounts => ({ expected: 0, received: 0, keyed: 0, verified: 0, incomplete: 0, awaiting: 0, conflicts: 0 });

/** Percent of `part` in `whole`, one decimal, half away from zero; null when there is no whole. */
export function percentOf(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  const p = (100 * part) / whole;
  return (Math.sign(p) * Math.round(Math.abs(p) * 10)) / 10;
}

export interface ProvinceProgress extends ProgressCounts {
  code: string;
  name: string;
  batches: number;
  /** Share of expected forms verified (where fieldwork lags). */
  verifiedShare: number | null;
}

/**
 * The national page: every province of the survey's list, including those with nothing yet
 * (a province with no batch is exactly the one lagging), plus the national total.
 */
export function provinceProgress(
  places: PlaceList,
  rows: readonly (ProgressCounts & { province: string | null; batches: number })[],
  lang: Lang,
): { provinces: ProvinceProgress[]; total: ProvinceProgress } {
  const byCode = new Map<string, ProvinceProgress>();
  const make = (code: string, name: string): ProvinceProgress => ({ ...emptyCounts(), code, name, batches: 0, verifiedShare: null });
  for (const p of places.places) byCode.set(p.code, make(p.code, lang === 'en' ? p.nameEn : p.nameVi));
  const t = textsIn(keyingPageTexts, lang);
  const total = make('', t('wholeCountry'));
  const keys = ['expected', 'received', 'keyed', 'verified', 'incomplete', 'awaiting', 'conflicts', 'batches'] as const;
  for (const r of rows) {
    const code = r.province ?? '';
    let target = byCode.get(code);
    if (!target) {
      target = make(code, code === '' ? t('noProvince') : code);
      byCode.set(code, target);
    }
    for (const k of keys) {
      target[k] += r[k];
      total[k] += r[k];
    }
  }
  const provinces = [...byCode.values()];
  for (const p of [...provinces, total]) p.verifiedShare = percentOf(p.verified, p.expected);
  return { provinces, total };
}
