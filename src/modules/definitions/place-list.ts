/** A reference list of provinces, read from `surveys/reference/*.csv`. */
export interface Place {
  code: string;
  nameVi: string;
  nameEn: string;
  region?: string;
}

export interface PlaceList {
  id: 'provinces-63' | 'provinces-34';
  places: readonly Place[];
  byCode: ReadonlyMap<string, Place>;
}

export function makePlaceList(id: PlaceList['id'], places: Place[]): PlaceList {
  return { id, places, byCode: new Map(places.map((p) => [p.code, p])) };
}

/** A reference list as people name it (never its file name). */
export const placeListNames: Record<PlaceList['id'], { vi: string; en: string }> = {
  'provinces-63': { vi: 'danh sách 63 tỉnh, thành phố (đến 30/6/2025)', en: 'the list of 63 provinces (until 30 June 2025)' },
  'provinces-34': { vi: 'danh sách 34 tỉnh, thành phố (từ 1/7/2025)', en: 'the list of 34 provinces (from 1 July 2025)' },
};
