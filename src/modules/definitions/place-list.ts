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
