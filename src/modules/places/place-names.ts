/**
 * Place names as people write them: with or without diacritics, any case, extra spaces, and with or
 * without the unit's type word ("Quận 1", "quan 1", "1"). Matching compares folded keys, so a lookup
 * is one map access, never a scan of a list.
 */

/** Type words of provinces, districts and communes, longest first so "Thị trấn" wins over "Thị". */
const TYPE_WORDS = [
  'thanh pho truc thuoc trung uong',
  'thanh pho',
  'tinh',
  'quan',
  'huyen',
  'thi xa',
  'thi tran',
  'xa',
  'phuong',
  'dac khu',
  'tp.',
  'tp',
  'q.',
  'h.',
  'p.',
  'x.',
  'tt.',
  'tx.',
  'district',
  'ward',
  'commune',
  'town',
  'city',
  'province',
];

const TRAILING_TYPE_WORDS = ['district', 'ward', 'commune', 'town', 'city', 'province'];

/**
 * Folds a name to a comparison key: no diacritics (đ → d), lower case, single spaces, no punctuation
 * around words.
 *
 * @example foldName('  Thị  xã Sơn Tây ') // 'thi xa son tay'
 */
export function foldName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[,;:()"']/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The folded name without a leading type word: "Huyện Điện Biên" and "Điện Biên" give the same key.
 * A name that is only a type word and a number ("Quận 1", "Phường 12") keeps the number.
 *
 * @example placeKey('Quận 1') // '1'
 * @example placeKey('TP. Hồ Chí Minh') // 'ho chi minh'
 */
export function placeKey(name: string): string {
  const folded = foldName(name);
  for (const word of TYPE_WORDS) if (folded.startsWith(`${word} `)) return folded.slice(word.length + 1).trim();
  // Only English puts the type word last ("Ho Chi Minh city"); a Vietnamese name may end in a
  // word that is also a type word ("Xã Thượng Quan"), which must stay.
  for (const word of TRAILING_TYPE_WORDS) if (folded.endsWith(` ${word}`)) return folded.slice(0, -word.length - 1).trim();
  return folded;
}

/**
 * The name as written, diacritics kept: lower case, single spaces, with and without its type word.
 * Tried before the folded keys, so "Văn Lăng" finds Văn Lăng even where a Văn Lang sits beside it.
 */
export function toneKeys(name: string): string[] {
  const toned = name
    .normalize('NFC')
    .toLowerCase()
    .replace(/[,;:()"']/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const folded = foldName(name);
  const bare = placeKey(name);
  if (bare === folded) return [toned];
  const words = toned.split(' ');
  const kept = bare.split(' ').length;
  const stripped = folded.startsWith(`${bare} `) ? words.slice(0, kept) : words.slice(words.length - kept);
  return [toned, stripped.join(' ')];
}

/** A place of a reference list: its code, its name as published, and the code of the level above. */
export interface ListedPlace {
  code: string;
  name: string;
  parent: string;
}

/** What a name matched among the children of one parent. */
export type PlaceMatch = { kind: 'found'; place: ListedPlace } | { kind: 'ambiguous'; candidates: ListedPlace[] } | { kind: 'unknown' };

/** Names of one level indexed by parent and folded key, built once per list. */
export interface PlaceIndex {
  byCode: Map<string, ListedPlace>;
  byParentAndKey: Map<string, ListedPlace[]>;
  /** The same keys under any parent: to say where a name that is not under its parent is. */
  byKey: Map<string, ListedPlace[]>;
}

export function indexPlaces(places: readonly ListedPlace[]): PlaceIndex {
  const byCode = new Map<string, ListedPlace>();
  const byParentAndKey = new Map<string, ListedPlace[]>();
  const byKey = new Map<string, ListedPlace[]>();
  const add = (map: Map<string, ListedPlace[]>, slot: string, place: ListedPlace): void => {
    const list = map.get(slot);
    if (list) list.push(place);
    else map.set(slot, [place]);
  };
  for (const place of places) {
    byCode.set(place.code, place);
    for (const key of new Set([...toneKeys(place.name), foldName(place.name), placeKey(place.name)])) {
      add(byParentAndKey, `${place.parent}\u0000${key}`, place);
      add(byKey, key, place);
    }
  }
  return { byCode, byParentAndKey, byKey };
}

/**
 * Finds a place under a parent by its code or its name: as written (diacritics kept), then folded;
 * each time the full name before the name without its type word, so "Thị xã Sơn Tây" and
 * "Huyện Sơn Tây" stay apart when both exist.
 */
export function matchPlace(index: PlaceIndex, parent: string, written: string): PlaceMatch {
  const trimmed = written.trim();
  const byCode = index.byCode.get(trimmed);
  if (byCode && byCode.parent === parent) return { kind: 'found', place: byCode };
  for (const key of [...toneKeys(trimmed), foldName(trimmed), placeKey(trimmed)]) {
    const found = index.byParentAndKey.get(`${parent}\u0000${key}`);
    if (!found) continue;
    const distinct = [...new Map(found.map((p) => [p.code, p])).values()];
    if (distinct.length === 1) return { kind: 'found', place: distinct[0]! };
    return { kind: 'ambiguous', candidates: distinct };
  }
  return { kind: 'unknown' };
}

/** The places of a level whose name is `written` under any parent (a name given under the wrong parent). */
export function placesNamed(index: PlaceIndex, written: string): ListedPlace[] {
  for (const key of [...toneKeys(written), foldName(written), placeKey(written)]) {
    const found = index.byKey.get(key);
    if (found) return [...new Map(found.map((p) => [p.code, p])).values()];
  }
  return [];
}
