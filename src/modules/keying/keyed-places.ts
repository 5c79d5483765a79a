import type { Survey, Variable } from '../definitions/compile-survey.js';
import type { Text } from '../definitions/survey-schema.js';
import type { PlaceEra, PlaceTree } from '../places/place-tree.js';
import type { ListedPlace } from '../places/place-names.js';
import type { Problem } from '../rules/check-answers.js';
import type { KeyedAnswers } from './keyed-form.js';

/**
 * Place fields on the keying screen: the enumerator types the code printed on the paper, or the
 * first letters of the name a respondent wrote. The page's script shows the match as it is typed;
 * without it (or when the form is saved) the server resolves the same way here: a code of the
 * level under the answer above, or a name that matches one place only, becomes its code; anything
 * else is shown again with the candidates.
 */

/** The trees of both eras, as `PlaceTrees.trees`. */
export type KeyingTrees = Readonly<Record<PlaceEra, PlaceTree>>;

/** How many candidates a message names before "…". */
const SHOWN = 6;

function fold(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[,;:()"'.]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const TYPE_WORD = /^(thanh pho|tinh|quan|huyen|thi xa|thi tran|xa|phuong|dac khu) /;

/**
 * The places among `places` whose name starts with what was typed (with or without diacritics, with
 * or without the type word: "ba d", "phuong ba d" and "Ba Đ" all find "Phường Ba Đình"). A full name
 * that is also the start of another ("Phường 1", "Phường 12") is the one meant.
 *
 * @example startingWith(communes, 'ba dinh') // [{ code: '00004', name: 'Phường Ba Đình', … }]
 */
export function startingWith(places: readonly ListedPlace[], typed: string): ListedPlace[] {
  const q = fold(typed);
  if (q === '') return [];
  const found: ListedPlace[] = [];
  const exact: ListedPlace[] = [];
  for (const p of places) {
    const key = fold(p.name);
    const bare = key.replace(TYPE_WORD, '');
    if (key === q || bare === q) exact.push(p);
    else if (key.startsWith(q) || bare.startsWith(q)) found.push(p);
  }
  return exact.length > 0 ? exact : found;
}

/** "Phường Ba Đình (00004), Xã Ba Vì (09619), …" */
function candidates(places: readonly ListedPlace[]): string {
  const named = places.slice(0, SHOWN).map((p) => `${p.name} (${p.code})`);
  return places.length > SHOWN ? `${named.join(', ')}, …` : named.join(', ');
}

function problem(v: Variable, value: string, message: Text): Problem {
  return { code: v.code, kind: 'unknown_code', value, message };
}

/** The places a coded place field may take given the answer above, or null for a field that stays text. */
export function placeChoices(v: Variable, answers: KeyedAnswers, trees: KeyingTrees | undefined): readonly ListedPlace[] | null {
  if (!trees || !v.place) return null;
  const tree = trees[v.place.era];
  if (v.place.parent === null) return tree.children(v.place.level, '');
  const parent = answers[v.place.parent];
  return typeof parent === 'string' && parent !== '' ? tree.children(v.place.level, parent) : [];
}

/**
 * Each coded place field's code or name turned into its code, top level first (a commune is looked
 * for under the province or district just resolved). A code typed under a blank level above is kept
 * when it is a code of its level; a name then cannot be placed and says so.
 */
export function resolveKeyedPlaces(survey: Survey, answers: KeyedAnswers, trees: KeyingTrees | undefined): { answers: KeyedAnswers; problems: Problem[] } {
  const out: KeyedAnswers = { ...answers };
  const problems: Problem[] = [];
  if (!trees) return { answers: out, problems };
  for (const v of survey.variables) {
    if (!v.place) continue;
    const typed = out[v.code];
    if (typeof typed !== 'string' && typeof typed !== 'number') continue;
    const written = String(typed).trim();
    const tree = trees[v.place.era];
    const parent = v.place.parent === null ? '' : out[v.place.parent];
    if (v.place.parent !== null && (typeof parent !== 'string' || parent === '')) {
      if (tree.find(v.place.level, written)) continue;
      const above = survey.byCode.get(v.place.parent)?.label ?? { vi: v.place.parent, en: v.place.parent };
      problems.push(problem(v, written, { vi: `nhập ${above.vi} trước, rồi mới tìm theo tên`, en: `key the ${above.en} first to find a name under it` }));
      continue;
    }
    const within = tree.children(v.place.level, String(parent ?? ''));
    const byCode = within.find((p) => p.code === written);
    const matches = byCode ? [byCode] : startingWith(within, written);
    if (matches.length === 1) {
      out[v.code] = matches[0]!.code;
    } else if (matches.length === 0) {
      problems.push(problem(v, written, { vi: `không tìm thấy “${written}”`, en: `“${written}” not found` }));
    } else {
      const list = candidates(matches);
      problems.push(problem(v, written, { vi: `nhiều kết quả: ${list}`, en: `several match: ${list}` }));
    }
  }
  return { answers: out, problems };
}
