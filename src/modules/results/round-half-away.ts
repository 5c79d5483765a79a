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

export function formatNumber(x: number | null, lang: Lang = 'en', decimals = 2): string {
  if (x === null || !Number.isFinite(x)) return '';
  return roundHalfAway(x, decimals).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}
