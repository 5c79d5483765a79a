import { loadPlaceTree } from '../places/load-place-trees.js';
import type { PlaceEra, PlaceTree } from '../places/place-tree.js';

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
  /** The folder the lists were read from (threads load the tree from there too); null for a hand-made list. */
  referenceDir: string | null;
  /**
   * The era's tree of provinces, districts and communes, read on first use (once per process);
   * null for a hand-made list, whose surveys then take codes for provinces only.
   */
  tree(): PlaceTree | null;
}

/** A place list as it crosses to a thread: plain data, cloned. */
export interface PlaceListWire {
  id: PlaceList['id'];
  places: Place[];
  referenceDir?: string | null;
}

export function placeEra(id: PlaceList['id']): PlaceEra {
  return id === 'provinces-63' ? '63' : '34';
}

export function makePlaceList(id: PlaceList['id'], places: Place[], referenceDir: string | null = null): PlaceList {
  let tree: PlaceTree | null | undefined;
  return {
    id,
    places,
    byCode: new Map(places.map((p) => [p.code, p])),
    referenceDir,
    tree: () => (tree === undefined ? (tree = referenceDir === null ? null : loadPlaceTree(referenceDir, placeEra(id))) : tree),
  };
}

export function placeListToWire(list: PlaceList): PlaceListWire {
  return { id: list.id, places: [...list.places], referenceDir: list.referenceDir };
}

export function placeListFromWire(wire: PlaceListWire): PlaceList {
  return makePlaceList(wire.id, wire.places, wire.referenceDir ?? null);
}

/** A reference list as people name it (never its file name). */
export const placeListNames: Record<PlaceList['id'], { vi: string; en: string }> = {
  'provinces-63': { vi: 'danh sách 63 tỉnh, thành phố (đến 30/6/2025)', en: 'the list of 63 provinces (until 30 June 2025)' },
  'provinces-34': { vi: 'danh sách 34 tỉnh, thành phố (từ 1/7/2025)', en: 'the list of 34 provinces (from 1 July 2025)' },
};
