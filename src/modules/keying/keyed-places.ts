import type { Survey, Variable } from '../definitions/compile-survey.js';
import type { Text } from '../definitions/survey-schema.js';
import type { PlaceEra, PlaceTree } from '../places/place-tree.js';
import type { ListedPlace } from '../places/place-names.js';
import type { Problem } from '../rules/check-answers.js';
import type { KeyedAnswers } from './keyed-form.js';
import { bothLangs } from '../../i18n/texts.js';
import { keyingMessage, keyingPageTexts } from './keying-page-texts.js';

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

const TYPE_WORD = /^(thanh pho|tp|tinh|quan|huyen|thi xa|thi tran|xa|phuong|dac khu) /;

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

const provinceLists = new WeakMap<Survey, readonly ListedPlace[]>();

/** The survey's own province list (the one its province answers are checked against), as places. */
function provincesOf(survey: Survey): readonly ListedPlace[] {
  let list = provinceLists.get(survey);
  if (!list) {
    list = survey.places.places.map((p) => ({ code: p.code, name: p.nameVi, parent: '' }));
    provinceLists.set(survey, list);
  }
  return list;
}

/**
 * The places a coded place field may take given the answer above, or null for a field that stays
 * text. The province comes from the survey's own list, so it needs no trees.
 */
export function placeChoices(survey: Survey, v: Variable, answers: KeyedAnswers, trees: KeyingTrees | undefined): readonly ListedPlace[] | null {
  if (!v.place) return null;
  if (v.place.parent === null) return provincesOf(survey);
  if (!trees) return null;
  const parent = answers[v.place.parent];
  return typeof parent === 'string' && parent !== '' ? trees[v.place.era].children(v.place.level, parent) : [];
}

/**
 * Each coded place field's code or name turned into its code, top level first (a commune is looked
 * for under the province or district just resolved). A code typed under a blank level above is kept
 * when it is a code of its level; a name then cannot be placed and says so. Without the trees only
 * the province is resolved.
 */
export function resolveKeyedPlaces(survey: Survey, answers: KeyedAnswers, trees: KeyingTrees | undefined): { answers: KeyedAnswers; problems: Problem[] } {
  const out: KeyedAnswers = { ...answers };
  const problems: Problem[] = [];
  for (const v of survey.variables) {
    if (!v.place || (v.place.parent !== null && !trees)) continue;
    const typed = out[v.code];
    if (typeof typed !== 'string' && typeof typed !== 'number') continue;
    const written = String(typed).trim();
    const parent = v.place.parent === null ? '' : out[v.place.parent];
    if (v.place.parent !== null && (typeof parent !== 'string' || parent === '')) {
      if (trees?.[v.place.era].find(v.place.level, written)) continue;
      const above = survey.byCode.get(v.place.parent)?.label ?? { vi: v.place.parent, en: v.place.parent };
      problems.push(
        problem(
          v,
          written,
          keyingMessage('placeParentFirst', (lang) => ({ above: above[lang] })),
        ),
      );
      continue;
    }
    const within = placeChoices(survey, v, out, trees) ?? [];
    const byCode = within.find((p) => p.code === written);
    const matches = byCode ? [byCode] : startingWith(within, written);
    if (matches.length === 1) {
      out[v.code] = matches[0]!.code;
    } else if (matches.length === 0) {
      problems.push(problem(v, written, bothLangs(keyingPageTexts, 'placeNotFound', { written })));
    } else {
      const list = candidates(matches);
      problems.push(problem(v, written, bothLangs(keyingPageTexts, 'placeSeveral', { list })));
    }
  }
  return { answers: out, problems };
}
