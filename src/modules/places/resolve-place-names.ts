/**
 * A file's place cells to codes: a coded level accepts the code, or the name as people write it
 * (any diacritics, case, spacing, with or without "Quận", "Xã"…) among the children of the row's
 * place above. Each cell is a few map lookups, never a scan of a list.
 */
import type { ListedPlace } from './place-names.js';
import { levelNames } from './check-place-code.js';
import type { PlaceLevel, PlaceTree } from './place-tree.js';

/** A coded place variable: its code, level and the variable of the level above (null for the province). */
export interface CodedPlace {
  code: string;
  level: PlaceLevel;
  parent: string | null;
}

/** Why a place name could not be turned into a code, with the candidates when there are some. */
export interface PlaceNameProblem {
  code: string;
  value: string;
  vi: string;
  en: string;
}

const shown = (places: readonly ListedPlace[]): string => {
  const list = places.slice(0, 10).map((p) => `${p.name} (${p.code})`);
  return places.length > 10 ? `${list.join('; ')}; …` : list.join('; ');
};

/** A cell as text; null when empty (or not a single value). */
function cellText(value: unknown): string | null {
  if (typeof value === 'string') return value === '' ? null : value;
  return typeof value === 'number' ? String(value) : null;
}

/**
 * Replaces the names of `places` (top level first) in `answers` by their codes. A code is left as
 * it is, even under another parent: the rules (checkAnswers) refuse it with the place it belongs
 * to. Returns the first name that matches no place, or more than one, under its parent.
 */
export function resolvePlaceNames(tree: PlaceTree, places: readonly CodedPlace[], answers: Record<string, unknown>): PlaceNameProblem | null {
  for (const p of places) {
    const written = cellText(answers[p.code]);
    if (written === null) continue;
    const parent = p.parent === null ? null : cellText(answers[p.parent]);
    const exact = tree.find(p.level, written);
    if (exact && (parent === null || exact.parent === parent)) continue;
    const parentLevel = tree.parentLevel(p.level);
    const parentPlace = parentLevel === null || parent === null ? null : (tree.find(parentLevel, parent) ?? null);
    if (parentLevel !== null && parentPlace === null) {
      // Without a known place above, a name cannot be placed; a code is judged by the rules.
      if (exact || /^\d+$/.test(written)) continue;
      const above = levelNames[parentLevel];
      return {
        code: p.code,
        value: written,
        vi: `không tìm được ${levelNames[p.level].vi} "${written}" khi chưa có mã ${above.vi} hợp lệ`,
        en: `cannot find the ${levelNames[p.level].en} "${written}" without a valid ${above.en} code`,
      };
    }
    const match = tree.match(p.level, parent ?? '', written);
    if (match.kind === 'found') {
      answers[p.code] = match.place.code;
      continue;
    }
    if (match.kind === 'ambiguous')
      return {
        code: p.code,
        value: written,
        vi: `"${written}" ứng với nhiều ${levelNames[p.level].vi}: ${shown(match.candidates)}; hãy ghi mã`,
        en: `"${written}" matches several ${levelNames[p.level].en} units: ${shown(match.candidates)}; give the code`,
      };
    if (/^\d+$/.test(written) && written.length < tree.codeWidth(p.level)) {
      const padded = tree.find(p.level, written.padStart(tree.codeWidth(p.level), '0'));
      if (padded && (parent === null || padded.parent === parent)) {
        answers[p.code] = padded.code;
        continue;
      }
    }
    if (exact) continue;
    const where = parentPlace
      ? { vi: ` thuộc ${parentPlace.name} (${parentPlace.code})`, en: ` in ${parentPlace.name} (${parentPlace.code})` }
      : { vi: '', en: '' };
    const elsewhere = tree.named(p.level, written);
    return {
      code: p.code,
      value: written,
      vi: `không có ${levelNames[p.level].vi} "${written}"${where.vi} trong danh mục hành chính (${tree.era} tỉnh, thành phố)${elsewhere.length ? `; cùng tên ở nơi khác: ${shown(elsewhere)}` : ''}`,
      en: `there is no ${levelNames[p.level].en} "${written}"${where.en} on the official list (${tree.era} provinces)${elsewhere.length ? `; of that name elsewhere: ${shown(elsewhere)}` : ''}`,
    };
  }
  return null;
}
