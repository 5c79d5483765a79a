/**
 * Responses collected on the 63 provinces reported on the 34 (trends across the 1 July 2025
 * reform): each province and commune code goes through the shipped mapping (Resolution
 * 202/2025/QH15 and the commune resolutions). The design keeps the units as sampled; only the
 * reporting groups change. A unit the mapping does not cover is grouped apart, never dropped.
 */
import type { Survey } from '../definitions/compile-survey.js';
import { loadPlaceLists } from '../definitions/load-surveys.js';
import { loadPlaceTree, loadReformMapping } from '../places/load-place-trees.js';
import { UNMAPPED, type ReportedPlaces, type ResponseColumns } from './grouping-columns.js';

export class PlacesOptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlacesOptionError';
  }
}

/** The rows' provinces and communes as 34-era units; null for a survey already on the 34 provinces. */
export function reportOn34(survey: Survey, rows: ResponseColumns): ReportedPlaces | null {
  if (survey.places.id === 'provinces-34') return null;
  const dir = survey.places.referenceDir;
  if (dir === null) throw new PlacesOptionError(`${survey.id} ${survey.version} has no reference lists to map its places with`);
  const reform = loadReformMapping(dir);
  const communeCoded = survey.byCode.get(survey.definition.variables.commune ?? '')?.place !== undefined;
  const unmapped = { provinces: 0, communes: 0 };
  const province = rows.province.map((p) => {
    if (p === null) return null;
    const next = reform.province.get(p);
    if (next === undefined) unmapped.provinces++;
    return next ?? UNMAPPED;
  });
  const commune = (rows.commune ?? []).map((c) => {
    if (c === null || !communeCoded) return null;
    const next = reform.commune.get(c);
    if (next === undefined) unmapped.communes++;
    return next ?? UNMAPPED;
  });
  return { era: '34', province, commune, provinces: loadPlaceLists(dir)['provinces-34'], tree: loadPlaceTree(dir, '34'), unmapped };
}
