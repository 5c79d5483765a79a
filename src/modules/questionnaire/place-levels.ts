import type { Survey, Variable } from '../definitions/compile-survey.js';
import type { PlaceEra, PlaceTree } from '../places/place-tree.js';
import type { DraftAnswers } from './page-answers.js';
import { questionnaireT } from './questionnaire-texts.js';
import { type Lang } from '../../i18n/lang.js';

/**
 * The levels of a place question below the province that take codes (a district, a commune): each
 * offers the children of the answer above it. Without script the page is a form like any other, so
 * the list for a newly chosen province can only come from the server: the page says which parent's
 * children it offered (a hidden `_offered_<code>` field), and a save whose parent has changed since
 * shows the page again with the new list instead of checking a level the respondent could not answer.
 */

/** The trees of both eras, as `PlaceTrees.trees`. */
export type Trees = Readonly<Record<PlaceEra, PlaceTree>>;

export interface CodedLevelModel {
  /** The answer of the level above ('' when it has none yet): whose children are offered. */
  parent: string;
  /** The level above's variable (its field's name), for the page's script. */
  parentName: string;
  /** Where the script asks for another parent's children (the parent's code is appended). */
  listUrl: string;
  /** The hidden field saying which parent's children the page offered. */
  offeredName: string;
  /** The first option of the list: "— Chọn xã/phường —". */
  choose: string;
  /** No list yet: the level above is not answered. */
  waiting: boolean;
  /** What to do while waiting, without script and with it. */
  waitingText: { noScript: string; live: string };
  choices: { value: string; label: string; selected: boolean }[];
  /** Texts the script shows: how to filter, no match, "{n} results". */
  filterHelp: string;
  noMatch: string;
  matches: string;
}

/** The name of the hidden field that says which parent's list a level was offered under. */
export const offeredField = (code: string): string => `_offered_${code}`;

function answerOf(answers: DraftAnswers, code: string | null): string {
  const value = code === null ? undefined : answers[code];
  return value === undefined ? '' : String(value);
}

/** The choices of a coded level below the province, or null for a level that stays text. */
export function codedLevelModel(survey: Survey, v: Variable, answers: DraftAnswers, trees: Trees | undefined, lang: Lang): CodedLevelModel | null {
  const place = v.place;
  if (!trees || !place || place.parent === null) return null;
  const tree = trees[place.era];
  const parent = answerOf(answers, place.parent);
  const value = answerOf(answers, v.code);
  const parentLabel = survey.byCode.get(place.parent)?.label[lang] ?? place.parent;
  const t = questionnaireT[lang];
  return {
    parent,
    parentName: place.parent,
    listUrl: `/places/${place.era}/${place.level}/`,
    offeredName: offeredField(v.code),
    choose: t(place.level === 'district' ? 'chooseDistrict' : 'chooseCommune'),
    waiting: parent === '',
    waitingText: { noScript: t('placeWaiting', { parent: parentLabel }), live: t('placeWaitingLive', { parent: parentLabel }) },
    choices: (parent === '' ? [] : tree.children(place.level, parent)).map((p) => ({ value: p.code, label: p.name, selected: p.code === value })),
    filterHelp: t('placeFilter'),
    noMatch: t('placeNoMatch'),
    matches: t('placeMatches'),
  };
}

/**
 * The coded levels of a page whose list was offered under another parent than the one now
 * answered (the respondent chose a province, or changed it, without script), in page order, and
 * the answers without them: an answer chosen under the old parent is not one of the new one's. A
 * level the page did not say it offered (no hidden field: the trees were not loaded, or a client
 * posting by itself) is left to the checks.
 */
export function withholdUnoffered(
  variables: readonly Variable[],
  body: Readonly<Record<string, unknown>>,
  answers: DraftAnswers,
): { answers: DraftAnswers; waiting: string[] } {
  const out: DraftAnswers = { ...answers };
  const waiting: string[] = [];
  for (const v of variables) {
    if (!v.place || v.place.parent === null) continue;
    const offered = body[offeredField(v.code)];
    if (typeof offered !== 'string') continue;
    // Below a level that waits for its list, nothing can have been offered either.
    if (offered.trim() === answerOf(out, v.place.parent) && !waiting.includes(v.place.parent)) continue;
    waiting.push(v.code);
    delete out[v.code];
  }
  return { answers: out, waiting };
}

/** A coded place answer as people read it ("Phường Ba Đình"), or null when it is not a code of its level. */
export function placeAnswerName(v: Variable, value: number | string, trees: Trees | undefined): string | null {
  if (!trees || !v.place) return null;
  return trees[v.place.era].find(v.place.level, String(value))?.name ?? null;
}
