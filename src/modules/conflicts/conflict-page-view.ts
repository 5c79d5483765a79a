import type { Survey } from '../definitions/compile-survey.js';
import { incompleteReasons, isIncompleteReason } from '../keying/keyed-form.js';
import { UNUSABLE_REASON, unusableReasonText } from '../responses/incomplete-reason.js';
import type { StoredResponse } from '../responses/response-repository.js';
import type { Problem } from '../rules/check-answers.js';
import type { Answers } from '../rules/evaluate-expression.js';
import { locale, otherLang, type Lang } from '../../i18n/lang.js';
import { surveysNewestFirst } from '../definitions/newest-survey.js';
import { vietnamTime } from '../../i18n/vietnam-time.js';
import { channelLabel, provinceLabel, statusLabel } from '../staff/value-labels.js';
import { textsIn } from '../../i18n/texts.js';
import { conflictTexts, type ConflictText } from './conflict-texts.js';
import type { Conflict, ConflictKind, ConflictListItem } from './conflict-repository.js';
import { differingFirst, sideBySide } from './conflict-view.js';

/**
 * View models of the conflict pages: the open list and one conflict side by side, around the
 * rows of conflict-view.ts. Pure: no express, no database.
 */

const when = (ms: number): string => vietnamTime(ms);

const kindTexts = {
  keyed_twice: 'kindKeyedTwice',
  different_answers: 'kindDifferentAnswers',
  answered_online: 'kindAnsweredOnline',
  code_used: 'kindCodeUsed',
  code_province: 'kindCodeProvince',
  serial_not_issued: 'kindSerialNotIssued',
} as const satisfies Record<ConflictKind, ConflictText>;
const channelTexts = { online: 'channelOnline', keyed: 'channelKeyed', import: 'channelImport' } as const satisfies Record<
  Conflict['incomingChannel'],
  ConflictText
>;
const resolutionTexts = { keep: 'resolutionKeep', replace: 'resolutionReplace' } as const satisfies Record<string, ConflictText>;

/** The words for a stored incomplete_reason: the usability rule's reason, a keyer's reason, or the code. */
function reasonText(survey: Survey, code: string | null, lang: Lang): string | null {
  if (code === null) return null;
  if (code === UNUSABLE_REASON) return unusableReasonText(survey)[lang];
  return isIncompleteReason(code) ? incompleteReasons[code][lang] : code;
}

/** The open conflicts, the filters (survey, kind) and the link to the other language keeping them. */
export function conflictListView(input: {
  lang: Lang;
  surveys: Iterable<Survey>;
  survey: string | undefined;
  kinds: readonly ConflictKind[];
  kind: ConflictKind | undefined;
  items: readonly ConflictListItem[];
  total: number;
  limit: number;
  /** The survey of a listed conflict, for its province's name. */
  surveyOf: (surveyId: string) => Survey | undefined;
}) {
  const { lang, survey, kind } = input;
  const t = textsIn(conflictTexts, lang);
  const keep: Record<string, string> = {};
  if (otherLang(lang) === 'en') keep.lang = 'en';
  if (survey) keep.survey = survey;
  if (kind) keep.kind = kind;
  return {
    lang,
    t,
    total: input.total,
    limit: input.limit,
    surveys: surveysNewestFirst(input.surveys).map((s) => ({ id: s.id, title: s.definition.title[lang], selected: s.id === survey })),
    kinds: input.kinds.map((k) => ({ value: k, label: t(kindTexts[k]), selected: k === kind })),
    items: input.items.map((c) =>
      Object.assign({}, c, {
        kindLabel: t(kindTexts[c.kind]),
        channelLabel: t(channelTexts[c.incomingChannel]),
        created: when(c.createdAt),
        provinceLabel: c.province === null ? '' : provinceLabel(input.surveyOf(c.surveyId)?.places, c.province, lang),
      }),
    ),
    otherHref: `/conflicts?${new URLSearchParams(keep).toString()}`,
  };
}

/**
 * One conflict: the stored response's answers beside the incoming ones (in the stored
 * response's definition when it is loaded), what the supervisor may do, the outcome of a choice.
 */
export function conflictPageView(input: {
  lang: Lang;
  csrf: string;
  conflict: Conflict;
  incomingSurvey: Survey;
  incoming: Answers;
  response: StoredResponse | null;
  storedSurvey: Survey | undefined;
  stored: Answers;
  problems: readonly Problem[];
  done: unknown;
}) {
  const { lang, conflict: c, incomingSurvey, response, done } = input;
  const t = textsIn(conflictTexts, lang);
  const rows = sideBySide(input.storedSurvey ?? incomingSurvey, input.stored, input.incoming, lang);
  return {
    lang,
    t,
    csrf: input.csrf,
    c,
    kindLabel: t(kindTexts[c.kind]),
    kindHelp: c.kind === 'code_province' ? t('helpCodeProvince') : c.kind === 'serial_not_issued' ? t('helpSerialNotIssued') : null,
    channelLabel: t(channelTexts[c.incomingChannel]),
    resolutionLabel: c.resolution === 'keep' || c.resolution === 'replace' ? t(resolutionTexts[c.resolution]) : c.resolution,
    surveyTitle: incomingSurvey.definition.title[lang],
    response,
    storedLabel: response ? `${channelLabel(response.channel, lang)}, ${statusLabel(response.status, lang).toLocaleLowerCase(locale(lang))}` : '',
    ...differingFirst(rows),
    enteredBy: c.incoming.enteredBy,
    incompleteReason: reasonText(incomingSurvey, c.incoming.incompleteReason, lang),
    created: when(c.createdAt),
    resolved: c.resolvedAt === null ? null : when(c.resolvedAt),
    canReplace: response !== null && response.status !== 'deleted',
    problems: input.problems.map((p) => ({ code: p.code, message: p.message[lang] })),
    done: done === 'keep' || done === 'replace' ? t(resolutionTexts[done]) : null,
    otherHref: `/conflicts/${c.id}?lang=${otherLang(lang)}`,
  };
}
