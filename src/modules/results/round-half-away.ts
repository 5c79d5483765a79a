import { type Lang } from '../../i18n/lang.js';
/**
 * Rounds for display only: 2 decimals, half away from zero (82.665 → 82.67, −0.125 → −0.13).
 * The tiny nudge absorbs binary representation error (82.665 is stored as 82.66499…).
 */
export function roundHalfAway(x: number, decimals = 2): number {
  const f = 10 ** decimals;
  const scaled = Math.abs(x) * f;
  const r = Math.round(scaled + scaled * Number.EPSILON * 4) / f;
  return x < 0 ? -r : r;
}

/**
 * One formatter per language and number of decimals: `toLocaleString` with options builds a new
 * `Intl.NumberFormat` on every call, which made formatting half of a ranking page's render time.
 */
const formats = new Map<string, Intl.NumberFormat>();

function numberFormat(lang: Lang, decimals: number): Intl.NumberFormat {
  const key = `${lang}${decimals}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    formats.set(key, format);
  }
  return format;
}

export function formatNumber(x: number | null, lang: Lang = 'en', decimals = 2): string {
  if (x === null || !Number.isFinite(x)) return '';
  return numberFormat(lang, decimals).format(roundHalfAway(x, decimals));
}
