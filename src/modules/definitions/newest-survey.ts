import type { Survey } from './compile-survey.js';

/** Dotted versions compared part by part as numbers ("2023.2" after "2017.10" after "2017.2"); a part that is not a number compares as text. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? '';
    const y = pb[i] ?? '';
    const nx = Number(x);
    const ny = Number(y);
    const d = x !== '' && y !== '' && Number.isFinite(nx) && Number.isFinite(ny) ? nx - ny : x.localeCompare(y);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * The surveys a chooser offers, newest published version first: a chooser opens on the survey
 * staff work on now (sipas-2023), never on the first file name in the folder (sipas-2017).
 */
export function surveysNewestFirst(surveys: Iterable<Survey>): Survey[] {
  return [...surveys].sort((a, b) => compareVersions(b.version, a.version) || a.id.localeCompare(b.id));
}
