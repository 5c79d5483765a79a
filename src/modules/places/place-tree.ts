/**
 * The official places as a tree a `place` question walks: before 1 July 2025, 63 provinces →
 * districts → communes; from then on, 34 provinces → communes (districts abolished). Built once from
 * the reference lists; every lookup is a map access.
 */
import { indexPlaces, matchPlace, placesNamed, type ListedPlace, type PlaceIndex, type PlaceMatch } from './place-names.js';

/** The two administrative maps: before the 2025 reform (63 provinces) and after it (34). */
export type PlaceEra = '63' | '34';

/** A level of the tree a code can be chosen at. Villages and residential groups stay text. */
export type PlaceLevel = 'province' | 'district' | 'commune';

/** The levels of each era, top first. */
export const eraLevels: Readonly<Record<PlaceEra, readonly PlaceLevel[]>> = {
  '63': ['province', 'district', 'commune'],
  '34': ['province', 'commune'],
};

/** A reference-list row as read from `surveys/reference/*.csv`. */
export interface PlaceRow {
  code: string;
  /** The name as published, without its type word for districts and communes ("Ba Đình"). */
  name: string;
  /** The unit's type word ("Quận", "Xã", "Phường"…); empty for provinces. */
  type: string;
  /** The code of the level above; empty for provinces. */
  parent: string;
}

export interface PlaceTree {
  era: PlaceEra;
  levels: readonly PlaceLevel[];
  /** The level above `level`, or null for provinces. */
  parentLevel(level: PlaceLevel): PlaceLevel | null;
  /** Every place of a level, in list order. */
  all(level: PlaceLevel): readonly ListedPlace[];
  /** The places of `level` under `parent` (the code of the level above; '' for provinces). */
  children(level: PlaceLevel, parent: string): readonly ListedPlace[];
  /** The place of `level` with this code. */
  find(level: PlaceLevel, code: string): ListedPlace | undefined;
  /** A code or a name as people write it, among the children of `parent`. */
  match(level: PlaceLevel, parent: string, written: string): PlaceMatch;
  /** The places of `level` with this name under any parent. */
  named(level: PlaceLevel, written: string): readonly ListedPlace[];
  /** The width of the level's codes ("01", "001", "00001"), to restore zeros a spreadsheet dropped. */
  codeWidth(level: PlaceLevel): number;
}

/** "Phường Ba Đình": the name people read, type word first as on the lists. */
export function displayName(row: PlaceRow): string {
  return row.type ? `${row.type} ${row.name}` : row.name;
}

/** Builds the tree of one era from its rows per level; a level missing from `rows` is an error. */
export function buildPlaceTree(era: PlaceEra, rows: Readonly<Partial<Record<PlaceLevel, readonly PlaceRow[]>>>): PlaceTree {
  const levels = eraLevels[era];
  const listed = new Map<PlaceLevel, ListedPlace[]>();
  const indexes = new Map<PlaceLevel, PlaceIndex>();
  const byParent = new Map<PlaceLevel, Map<string, ListedPlace[]>>();
  const widths = new Map<PlaceLevel, number>();
  for (const level of levels) {
    const levelRows = rows[level];
    if (!levelRows) throw new Error(`the ${era}-province list has no ${level} level`);
    const places = levelRows.map((r) => ({ code: r.code, name: displayName(r), parent: r.parent }));
    listed.set(level, places);
    widths.set(level, Math.max(0, ...places.map((p) => p.code.length)));
    indexes.set(level, indexPlaces(places));
    const groups = new Map<string, ListedPlace[]>();
    for (const p of places) {
      const group = groups.get(p.parent);
      if (group) group.push(p);
      else groups.set(p.parent, [p]);
    }
    byParent.set(level, groups);
  }
  const levelData = <T>(map: Map<PlaceLevel, T>, level: PlaceLevel): T => {
    const data = map.get(level);
    if (data === undefined) throw new Error(`the ${era}-province list has no ${level} level`);
    return data;
  };
  return {
    era,
    levels,
    parentLevel: (level) => {
      const at = levels.indexOf(level);
      return at > 0 ? (levels[at - 1] ?? null) : null;
    },
    all: (level) => levelData(listed, level),
    children: (level, parent) => levelData(byParent, level).get(parent) ?? [],
    find: (level, code) => levelData(indexes, level).byCode.get(code),
    match: (level, parent, written) => matchPlace(levelData(indexes, level), parent, written),
    named: (level, written) => placesNamed(levelData(indexes, level), written),
    codeWidth: (level) => levelData(widths, level),
  };
}

/** How places before the reform are reported on the map after it. */
export interface ReformMapping {
  /** 63-era province code → 34-era province code. */
  province: ReadonlyMap<string, string>;
  /** 63-era commune code → 34-era commune code (Resolution 202/2025/QH15 and the commune resolutions). */
  commune: ReadonlyMap<string, string>;
}
