import type { Survey } from '../definitions/compile-survey.js';
import type { Problem } from '../rules/check-answers.js';
import type { Lang } from '../../i18n/lang.js';
import type { KeyedAnswers } from '../keying/keyed-form.js';
import { keyingScreen, type KeyingScreen } from '../keying/keying-screen-view.js';
import type { ReviewEntry } from './scan-review-repository.js';
import { reviewReason } from './scan-texts.js';

export interface ReviewCrop {
  /** The crop's address (its position in the review's items). */
  url: string;
  reason: string;
}

export interface ReviewScreen {
  screen: KeyingScreen;
  /** Crops by field code, shown beside the field's input. */
  crops: Record<string, ReviewCrop[]>;
  /** The fields a person must look at, in form order, for the list at the top. */
  flagged: { id: string; label: string; reason: string }[];
  /** Pages of the form that were not scanned: their answers are keyed from the paper. */
  missingPages: number[];
}

/**
 * The review page of one scanned form: the keying screen prefilled with what the machine read
 * (the serial fixed), and beside each field the machine was unsure of, or that holds
 * handwriting, the crop of its boxes. `entered` is what the page sent back after a refused save
 * (else the machine's answers are shown).
 */
export function reviewScreen(
  survey: Survey,
  review: { serial: string; answers: KeyedAnswers; items: readonly ReviewEntry[] },
  entered: { typed: Readonly<Record<string, unknown>>; answers: KeyedAnswers } | null,
  problems: readonly Problem[],
  lang: Lang,
  cropUrl: (index: number) => string,
): ReviewScreen {
  const serialCode = survey.definition.serial.code;
  const shown = { ...(entered?.typed ?? {}), [serialCode]: review.serial };
  const screen = keyingScreen(survey, shown, entered?.answers ?? review.answers, problems, null, lang);
  const crops: Record<string, ReviewCrop[]> = {};
  review.items.forEach((item, index) => {
    if (item.crop === '' || item.variable === '') return;
    (crops[item.variable] ??= []).push({ url: cropUrl(index), reason: reviewReason(item.reason, lang) });
  });
  const flaggedCodes = new Set(review.items.map((i) => i.variable));
  const flagged = screen.groups
    .flatMap((g) => g.fields)
    .filter((f) => flaggedCodes.has(f.code))
    .map((f) => ({
      id: f.id,
      label: f.label,
      reason: reviewReason(review.items.find((i) => i.variable === f.code)!.reason, lang),
    }));
  const missingPages = review.items.filter((i) => i.reason === 'missing_page').map((i) => i.page);
  return { screen, crops, flagged, missingPages };
}
