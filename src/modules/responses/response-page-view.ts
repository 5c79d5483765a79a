import type { Role } from '../auth/current-user.js';
import type { Survey } from '../definitions/compile-survey.js';
import { otherLang, type Lang } from '../../i18n/lang.js';
import type { ResponseListItem, StoredResponse } from './response-repository.js';
import { responseTexts } from './response-texts.js';
import { textsIn } from '../../i18n/texts.js';
import { surveysNewestFirst } from '../definitions/newest-survey.js';
import { channelLabel, provinceLabel, statusLabel } from '../staff/value-labels.js';
import { vietnamTime } from '../../i18n/vietnam-time.js';

/**
 * View models of the response pages (the list, and the read, edit and history pages of one
 * response) around the answer rows of response-view.ts. Pure: no express, no database.
 */

/** Who may change responses and read their history. Reading one response: every role, within its scope. */
export const SUPERVISING: readonly Role[] = ['supervisor'];

export const maySupervise = (role: Role): boolean => role === 'admin' || SUPERVISING.includes(role);

/** The list page: the surveys to filter by, the responses found, the link to the other language keeping the filter. */
export function responseListView(input: {
  lang: Lang;
  surveys: Iterable<Survey>;
  survey: string;
  serial: string;
  items: readonly ResponseListItem[];
  /** The survey of a listed response, for its province's name. */
  surveyOf: (surveyId: string) => Survey | undefined;
}) {
  const { lang, survey, serial } = input;
  const t = textsIn(responseTexts, lang);
  const keep: Record<string, string> = { lang: otherLang(lang) };
  if (survey) keep.survey = survey;
  if (serial) keep.serial = serial;
  return {
    lang,
    t,
    surveys: surveysNewestFirst(input.surveys).map((s) => ({ id: s.id, title: s.definition.title[lang], selected: s.id === survey })),
    serial,
    items: input.items.map((r) =>
      Object.assign({}, r, {
        statusLabel: statusLabel(r.status, lang),
        updated: vietnamTime(r.updatedAt),
        channelLabel: channelLabel(r.channel, lang),
        provinceLabel: provinceLabel(input.surveyOf(r.surveyId)?.places, r.province, lang),
      }),
    ),
    otherHref: `/responses?${new URLSearchParams(keep).toString()}`,
  };
}

/** What every page of one response shows: its header, what the user may do, the other language's link. */
export function responsePageView(input: { lang: Lang; path: string; csrf: string; response: StoredResponse; survey: Survey; role: Role }) {
  const { lang, response } = input;
  return {
    lang,
    t: textsIn(responseTexts, lang),
    csrf: input.csrf,
    response,
    surveyTitle: input.survey.definition.title[lang],
    facts: {
      status: statusLabel(response.status, lang),
      channel: channelLabel(response.channel, lang),
      province: provinceLabel(input.survey.places, response.province, lang),
    },
    canChange: response.status !== 'deleted' && maySupervise(input.role),
    canReadHistory: maySupervise(input.role),
    otherHref: `${input.path}?lang=${otherLang(lang)}`,
    notice: null as string | null,
  };
}

/** The notice after a change redirected back to the read page (`?done=`); null for anything else. */
export function doneNotice(done: unknown, lang: Lang): string | null {
  return done === 'saved' || done === 'unchanged' || done === 'deleted' ? textsIn(responseTexts, lang)(done) : null;
}

/** A history entry's before or after with its stored status in words (a keyed entry records the status it set). */
export function statusInWords(value: unknown, lang: Lang): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const { status } = value as { status?: unknown };
  return typeof status === 'string' ? { ...value, status: statusLabel(status, lang) } : value;
}
