/**
 * The one check every channel makes of a coded place: the code is on the era's list, at its level,
 * and under the code given for the level above. Pure: the tree is built once by the caller.
 */
import type { ListedPlace } from './place-names.js';
import type { PlaceLevel, PlaceTree } from './place-tree.js';

export type PlaceCodeProblem =
  { kind: 'unknown'; level: PlaceLevel } | { kind: 'not_under_parent'; level: PlaceLevel; place: ListedPlace; parentLevel: PlaceLevel; parent: ListedPlace };

/**
 * Null when `code` is a place of `level` under `parentCode`. A parent that is blank (a paper form
 * may leave it so) or not itself on the list (reported on its own field) is not held against the child.
 */
export function checkPlaceCode(tree: PlaceTree, level: PlaceLevel, parentCode: string | null, code: string): PlaceCodeProblem | null {
  const place = tree.find(level, code);
  if (!place) return { kind: 'unknown', level };
  const parentLevel = tree.parentLevel(level);
  if (parentLevel === null || parentCode === null || parentCode === '') return null;
  if (place.parent === parentCode) return null;
  const parent = tree.find(parentLevel, parentCode);
  if (!parent) return null;
  return { kind: 'not_under_parent', level, place, parentLevel, parent };
}

/** Level names as people read them, Vietnamese and English. */
export const levelNames: Readonly<Record<PlaceLevel, { vi: string; en: string }>> = {
  province: { vi: 'tỉnh/thành phố', en: 'province' },
  district: { vi: 'huyện/quận/thị xã/thành phố', en: 'district' },
  commune: { vi: 'xã/phường/thị trấn', en: 'commune' },
};

/** The `{vi, en}` message of a place problem, naming the places by name and code. */
export function placeCodeMessage(problem: PlaceCodeProblem, code: string, era: string): { vi: string; en: string } {
  const level = levelNames[problem.level];
  if (problem.kind === 'unknown')
    return {
      vi: `mã ${level.vi} "${code}" không có trong danh mục hành chính (${era} tỉnh, thành phố)`,
      en: `${level.en} code "${code}" is not on the official list (${era} provinces)`,
    };
  const above = levelNames[problem.parentLevel];
  return {
    vi: `${problem.place.name} (${problem.place.code}) không thuộc ${above.vi} ${problem.parent.name} (${problem.parent.code})`,
    en: `${problem.place.name} (${problem.place.code}) is not in the ${above.en} ${problem.parent.name} (${problem.parent.code})`,
  };
}
